"""The register of processing is generated from code and the committed copy matches."""

from __future__ import annotations

from pathlib import Path

from kiosk.domain.catalog import demo_catalog
from kiosk.domain.personal_data import DECLARATIONS, declaration
from kiosk.privacy_commands import REGISTER_PATH, render_register

ROOT = Path(__file__).parents[2]


def test_every_catalog_service_declares_its_personal_data() -> None:
    missing = [
        s.id for s in demo_catalog().services if s.id not in {d.service_id for d in DECLARATIONS}
    ]
    assert not missing, f"services without a declaration in personal_data.py: {missing}"
    assert len({d.service_id for d in DECLARATIONS}) == len(DECLARATIONS)
    for d in DECLARATIONS:
        assert d.purpose and d.legal_basis, d.service_id
        assert not any("photo" in f for f in d.fields), "the photo is never stored"
    assert declaration("cert-life").fields == ("national_number",)


def test_committed_register_matches_the_generated_one() -> None:
    committed = (ROOT / REGISTER_PATH).read_text(encoding="utf-8")
    assert committed == render_register(), (
        "docs/register-of-processing.md is stale: run "
        "`kiosk privacy register --out docs/register-of-processing.md`"
    )
