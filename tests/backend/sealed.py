"""A backend that seals its certificates with a throwaway PKI, and a certificate issued by it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kiosk.backend.settings import BackendSettings
from kiosk.seal import pki
from kiosk.seal.signer import SealConfig, Sealer
from tests.backend.card_proof import shared_card_trust
from tests.backend.harness import Backend, threaded_backend
from tests.backend.test_documents import document, move, request_certificate

PUBLIC_URL = "https://city.test"


@dataclass(frozen=True)
class Issued:
    case_id: str
    document_id: str
    reference: str
    pdf: bytes


@contextmanager
def sealed_backend(directory: Path) -> Iterator[tuple[Backend, pki.SealPki]]:
    seal = pki.generate(directory / "pki")
    db_url = f"sqlite:///{directory / 'backend.db'}"
    settings = BackendSettings(
        db_url=db_url, sealer=Sealer.from_config(SealConfig(seal.seal_key, seal.seal_cert)),
        public_url=PUBLIC_URL, seal_roots_pem=seal.root_cert.read_bytes(),
        **shared_card_trust())  # card sessions proven with the test cards
    with threaded_backend(db_url, settings) as backend:
        yield backend, seal


def issue_residence(backend: Backend, reference: str, language: str = "fr") -> Issued:
    """Mateo's residence certificate, requested at a kiosk and made ready."""
    kiosk, token = backend.device()
    case_id = request_certificate(backend, kiosk, token, "mateo", "cert-residence", language,
                                  reference)
    move(backend, case_id, "in_progress")
    move(backend, case_id, "ready")
    answer = document(backend, case_id, token, "mateo")
    assert answer.status_code == 200, answer.text
    with backend.database.read() as session:
        from kiosk.backend.tables import DocumentRow

        row = session.get(DocumentRow, case_id)
        assert row is not None and row.document_id
        return Issued(case_id, row.document_id, reference, answer.content)
