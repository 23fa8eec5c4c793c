"""Schemathesis with every check, not only "no 5xx": status codes, content types,
response schemas and headers, negative data refused, positive data accepted, ``Allow``
headers, auth — through its own CLI against a live backend, once with a kiosk credential
and once with an admin credential, then a stateful run (links between operations).

Small example counts keep it at about a minute; the seed makes it repeatable. The one
exception: a release bundle cannot be generated (it is a signed tar), so the bundle
upload is checked with everything but ``positive_data_acceptance``.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.backend.harness import Backend, threaded_backend

ST = Path(sys.executable).parent / "st"
BUNDLE_UPLOAD = "^/api/v1/admin/updates/bundles/"


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    db_url = f"sqlite:///{tmp_path_factory.mktemp('contract') / 'backend.db'}"
    with threaded_backend(db_url) as running:
        yield running


def schemathesis(backend: Backend, token: str, workdir: Path, *options: str) -> None:
    command = [str(ST), "run", f"{backend.url}/openapi.json", "--checks", "all",
               "-H", f"Authorization: Bearer {token}", "--workers", "1", "--seed", "23",
               "--generation-database", "none", "--suppress-health-check", "all",
               "--request-timeout", "10",
               # The contract's strings never hold NUL (U+0000): the API refuses a body with
               # one (422, kiosk/backend/json_guard.py), as its description says.
               "--generation-allow-x00", "false", *options]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=workdir,
                          env={"PATH": str(ST.parent), "NO_COLOR": "1", "HOME": str(workdir)})
    assert done.returncode == 0, (done.stdout[-6000:] + done.stderr[-2000:]).replace(token, "…")


def test_every_check_passes_for_a_kiosk(backend, tmp_path):
    _, kiosk = backend.device(site="bxl-centre")
    schemathesis(backend, kiosk, tmp_path, "--phases", "examples,coverage,fuzzing",
                 "--max-examples", "5", "--exclude-path-regex", "/admin/")


def test_every_check_passes_for_an_admin(backend, tmp_path):
    schemathesis(backend, backend.admin, tmp_path, "--phases", "examples,coverage,fuzzing",
                 "--max-examples", "5", "--include-path-regex", "/admin/",
                 "--exclude-path-regex", BUNDLE_UPLOAD)
    schemathesis(backend, backend.admin, tmp_path, "--phases", "examples,coverage,fuzzing",
                 "--max-examples", "5", "--include-path-regex", BUNDLE_UPLOAD,
                 "--exclude-checks", "positive_data_acceptance")


def test_every_check_passes_in_a_stateful_run(backend, tmp_path):
    """Sequences of calls along the links schemathesis infers (an appointment booked, then
    the slots read; a case looked up, then its document), as a kiosk."""
    _, kiosk = backend.device(site="bxl-centre")
    schemathesis(backend, kiosk, tmp_path, "--phases", "stateful", "--max-examples", "5",
                 "--exclude-path-regex", "/admin/")
