"""Schemathesis over the committed contract against a live backend: positive and
negative generated requests, each operation with a credential that may call it; any
5xx is a failure."""

from __future__ import annotations

import json
import time
from pathlib import Path

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from tests.backend.harness import Backend

CONTRACT = Path(__file__).parents[2] / "kiosk" / "backend" / "openapi.json"


def fuzz_contract(backend: Backend, max_examples: int,
                  budget_s: float) -> tuple[list[str], int]:
    """(5xx failures, number of requests made)."""
    schema = schemathesis.openapi.from_dict(json.loads(CONTRACT.read_text(encoding="utf-8")))
    _, device = backend.device(site="bxl-centre")
    failures: list[str] = []
    calls = [0]
    deadline = time.monotonic() + budget_s
    session = requests.Session()
    try:
        for result in schema.get_all_operations():
            operation = result.ok()
            token = backend.admin if "/admin/" in operation.path else device
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                if time.monotonic() > deadline:
                    failures.append("fuzzing budget exhausted before every operation ran")
                    return failures, calls[0]
                _run(operation, mode, token, backend.url, session, max_examples, failures,
                     calls)
    finally:
        session.close()
    return failures, calls[0]


def _run(operation, mode, token: str, base_url: str, session: requests.Session,
         max_examples: int, failures: list[str], calls: list[int]) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=max_examples, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    def check(case) -> None:
        response = case.call(base_url=base_url, session=session,
                             headers={"Authorization": f"Bearer {token}"}, timeout=10)
        calls[0] += 1
        if response.status_code >= 500:
            failures.append(f"{case.method} {case.formatted_path} -> {response.status_code}: "
                            f"{response.text[:200]}")

    try:
        check()
    except Unsatisfiable:
        # No negative form exists for an operation without parameters or body.
        if mode is not GenerationMode.NEGATIVE:
            raise
