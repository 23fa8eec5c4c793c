"""``kiosk release keygen|build|sign|verify`` and ``kiosk update apply|status|rollback``
through the real command line (in process), on a ``--root`` kiosk."""

from __future__ import annotations

import json
import sys

from kiosk.cli import main
from kiosk.updates.install import current_version
from tests.updates.conftest import FAKE_SYSTEMD, layout_of
from tests.updates.testapp import write_wheel


def write_config(path, public_key: str, store) -> None:
    restart = json.dumps([sys.executable, str(FAKE_SYSTEMD), "{current}", "{state_dir}", "0"])
    selftest = json.dumps([sys.executable, "-c", "pass"])
    path.write_text(
        f"""
[store]
path = "{store}"
[updates]
public_key = "{public_key}"
idle_s = 0
health_timeout_s = 30
restart_command = {restart}
selftest_command = {selftest}
""",
        encoding="utf-8",
    )


def test_release_build_sign_verify_and_update_apply_status_rollback(
    tmp_path, root, capsys, monkeypatch
):
    key = tmp_path / "keys" / "release.key"
    assert main(["release", "keygen", "--key", str(key)]) == 0
    public = capsys.readouterr().out.split("public_key): ")[1].strip()
    assert main(["release", "keygen", "--key", str(key)]) == 1  # never overwritten

    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text(
        '[project]\nname = "kupd-testapp"\nversion = "2.1.0"\n'
        '[project.scripts]\nkupd-testapp = "kupdtestapp:main"\n',
        encoding="utf-8",
    )
    write_wheel(tmp_path / "wheels", "2.1.0", "ok")
    assert (
        main(
            [
                "release",
                "build",
                "--project",
                str(project),
                "--out",
                str(tmp_path / "dist"),
                "--wheelhouse",
                str(tmp_path / "wheels"),
            ]
        )
        == 0
    )
    bundle = tmp_path / "dist" / "kupd-testapp-2.1.0.kbundle"
    assert "UNSIGNED" in capsys.readouterr().out
    assert main(["release", "verify", str(bundle), "--public-key", public]) == 1
    assert "unsigned" in capsys.readouterr().err
    assert main(["release", "sign", str(bundle), "--key", str(key)]) == 0
    assert main(["release", "verify", str(bundle), "--public-key", public]) == 0
    assert "2.1.0 OK" in capsys.readouterr().out

    config = tmp_path / "kiosk.toml"
    write_config(config, public, "/var/lib/kiosk/kiosk.db")
    monkeypatch.setenv("KIOSK_CONFIG", str(config))
    base = ["update", "--root", str(root)]
    # The CLI builds the installer with pip inside each venv (as on a kiosk): slower,
    # so one apply only.
    assert main([*base, "apply", str(bundle)]) == 0
    assert "2.1.0: healthy" in capsys.readouterr().out
    assert current_version(layout_of(root)) == "2.1.0"

    assert main([*base, "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert (status["current"], status["previous"], status["state"]) == ("2.1.0", "1.0.0", "healthy")

    assert main([*base, "rollback", "--reason", "technician saw a glitch"]) == 0
    assert current_version(layout_of(root)) == "1.0.0"
    capsys.readouterr()
    assert main([*base, "status"]) == 0
    out = capsys.readouterr().out
    assert "blocked       2.1.0: technician saw a glitch" in out
    assert main([*base, "unblock", "2.1.0"]) == 0


def test_release_build_reads_a_dynamic_version_without_importing_the_project(tmp_path):
    """This project's own pyproject takes its version from ``kiosk.__version__``: the
    release build reads it from the source (the project built may not be the running one)."""
    from kiosk.updates.commands import project_version

    (tmp_path / "kpkg").mkdir()
    (tmp_path / "kpkg" / "__init__.py").write_text('"""x"""\n__version__ = "4.5.6"\n')
    meta = {
        "project": {"name": "k", "dynamic": ["version"]},
        "tool": {"setuptools": {"dynamic": {"version": {"attr": "kpkg.__version__"}}}},
    }
    assert project_version(tmp_path, meta) == "4.5.6"
    assert project_version(tmp_path, {"project": {"version": "1.2.3"}}) == "1.2.3"
    (tmp_path / "kpkg" / "__init__.py").write_text("__version__ = compute()\n")
    assert project_version(tmp_path, meta) is None  # not a literal: --version is needed
    import tomllib
    from pathlib import Path

    from kiosk import __version__

    root = Path(__file__).parents[2]  # and this very project
    ours = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert project_version(root, ours) == __version__
