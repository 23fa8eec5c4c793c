"""The contract: the committed OpenAPI file is what the app serves, and no generated
request makes the backend answer 5xx (schemathesis)."""

from __future__ import annotations

import json
from pathlib import Path

from kiosk.backend.server import openapi_document

CONTRACT = Path(__file__).parents[2] / "kiosk" / "backend" / "openapi.json"


def test_the_committed_contract_matches_the_app():
    committed = json.loads(CONTRACT.read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(openapi_document())), (
        "the API changed: regenerate with `kiosk backend openapi --out "
        "kiosk/backend/openapi.json` and review the diff")


def test_the_served_document_is_the_contract(backend):
    import requests

    served = requests.get(f"{backend.url}/openapi.json", timeout=10).json()
    assert served == json.loads(CONTRACT.read_text(encoding="utf-8"))


def test_no_generated_request_gets_a_server_error(backend):
    from tests.backend.fuzz import fuzz_contract

    # The budget is wall time on a shared 2-core machine; ~60 operations now.
    failures, calls = fuzz_contract(backend, max_examples=10, budget_s=90)
    assert failures == []
    assert calls > 150  # every operation was really exercised
