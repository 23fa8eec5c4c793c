"""After payment the kiosk fetches the sealed certificate from the backend, prints it on
the A4 printer (ippeveprinter) and waits for the job: journaled so that it is printed at
most once, and owed — with the reason — when the printer or the backend cannot. The
backend serves the kiosk a citizen's document only under that citizen's card session
(PIN + card signature): the citizen at the screen, not the kiosk credential alone."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from drivers.docprinter.ipp.printer import IppDocumentPrinter
from drivers.docprinter.ippeveprinter import IppEvePrinter, missing_tools
from kiosk.backend.demo_citizens import demo_citizen
from kiosk.devices import DeviceOwner
from kiosk.documents.delivery import DocumentDelivery, DocumentRequest
from kiosk.documents.requests import commit_certificate_request
from kiosk.seal.verify import check_seal, load_roots_file
from kiosk.store.database import Store
from kiosk.store.models import DocumentPrint, OutboxEvent
from sync.client import BackendClient, PermanentError
from sync.documents import BackendDocumentSource
from sync.outbox import Outbox
from tests.backend.sealed import sealed_backend

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(bool(missing_tools()), reason=f"missing {missing_tools()}")]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("delivery")
    with sealed_backend(root) as (backend, seal), IppEvePrinter(root / "ippeve") as peer:
        kiosk_id, token = backend.device(kiosk_id="bxl-centre-07")
        store = Store(root / "kiosk.db")
        client = BackendClient(backend.url, token, 10.0)
        owner = DeviceOwner("document_printer", IppDocumentPrinter(peer.uri))
        try:
            yield backend, seal, peer, store, client, owner, kiosk_id, token
        finally:
            owner.close()
            client.close()
            store.close()


def paid_request(store: Store, kiosk_id: str, service: str = "cert-residence") -> DocumentRequest:
    """A certificate request committed with its outbox event, as the payment saga does."""
    return commit_certificate_request(
        store, kiosk_id=kiosk_id, site="bxl-centre", service_id=service,
        national_number=demo_citizen("mateo").identity.national_number, language="fr",
        reference=f"BXL-CENTRE-{uuid.uuid4().hex[:8].upper()}")


def card_session(world, citizen: str = "mateo") -> str:
    """The token of ``citizen``'s card session, as the kiosk holds it after the PIN."""
    backend, *_, token = world
    headers = backend.card_headers(token, demo_citizen(citizen).identity.national_number)
    return headers["X-Card-Session"]


def delivery(world, owner=None) -> DocumentDelivery:
    _, _, _, store, client, default_owner, _, _ = world
    return DocumentDelivery(store, BackendDocumentSource(client, Outbox(store)),
                            owner or default_owner, print_timeout_s=30)


def test_the_paid_certificate_comes_out_sealed_and_is_never_printed_twice(world):
    _, seal, peer, store, _, _, kiosk_id, _ = world
    request = paid_request(store, kiosk_id)
    before = len(peer.received())
    service = delivery(world)
    assert service.preflight() == (True, "")
    assert service.readiness() == ""  # the screens offer "printed here"

    done = service.deliver(request, card_session(world))
    assert (done.outcome, done.pages, done.reason) == ("printed", 1, "")
    printed = peer.received()
    assert len(printed) == before + 1
    check = check_seal(printed[-1].read_bytes(), load_roots_file(seal.root_cert))
    assert check.ok, check.reason  # what the printer got is the sealed document itself
    with store.read() as session:
        assert session.query(OutboxEvent).filter_by(request_id=request.request_id).count() == 0
        row = session.get(DocumentPrint, request.request_id)
        assert (row.status, row.attempts, row.document_id) == ("printed", 1, done.document_id)

    # A retry, a double tap, a restart: no second print.
    again = service.deliver(request, card_session(world))
    assert again.outcome == "printed" and len(peer.received()) == before + 1


def test_a_request_the_backend_cannot_issue_at_once_is_owed_not_printed(world):
    _, _, peer, store, _, _, kiosk_id, _ = world
    request = paid_request(store, kiosk_id)
    with store.write() as session:  # its event never reaches the backend
        session.query(OutboxEvent).filter_by(request_id=request.request_id).delete()
    before = len(peer.received())
    owed = delivery(world).deliver(request, card_session(world))
    assert owed.outcome == "owed" and "cannot issue it at once" in owed.reason
    assert len(peer.received()) == before
    assert request.request_id in [o.request_id for o in delivery(world).owed()]


def test_paper_out_makes_the_document_owed_and_a_technician_reprints_it(world, tmp_path):
    _, _, _, store, _, _, kiosk_id, _ = world
    with IppEvePrinter(tmp_path / "empty") as empty:
        owner = DeviceOwner("document_printer", IppDocumentPrinter(empty.uri))
        try:
            empty.report("+media-empty")
            owner.call(lambda p: p.wait(p.submit(b"%PDF-1.4\n%%EOF\n", "last.pdf"), 30), 40)
            service = delivery(world, owner)
            ready, why = service.preflight()
            assert not ready and "media-empty" in why  # said before the citizen pays
            assert service.readiness() == "media-empty"  # the code the screens translate
            request = paid_request(store, kiosk_id, "cert-household")
            owed = service.deliver(request, card_session(world))
            assert owed.outcome == "owed" and "media-empty" in owed.reason
            assert len(empty.received()) == 1  # only the last sheet before
        finally:
            owner.close()
    # Paper refilled (here: the kiosk's working printer): the owed document is reprinted.
    reprinted = delivery(world).reprint(request.request_id, card_session(world))
    assert reprinted.outcome == "printed" and reprinted.pages == 1
    with store.read() as session:
        assert session.get(DocumentPrint, request.request_id).attempts == 2
    with pytest.raises(ValueError, match="not owed"):
        delivery(world).reprint(request.request_id, card_session(world))


def test_without_the_citizens_card_session_the_document_is_not_served(world):
    """The kiosk credential alone, or another citizen's card session: the backend
    refuses the document (403), nothing is printed, the document is owed with why."""
    _, _, peer, store, client, _, kiosk_id, _ = world
    before = len(peer.received())
    for session in (None, card_session(world, "jan")):
        request = paid_request(store, kiosk_id)
        owed = delivery(world).deliver(request, session)
        assert owed.outcome == "owed" and "eID and PIN" in owed.reason, owed.reason
        with pytest.raises(PermanentError) as refused:
            client.issue_document(request.request_id, session)
        assert refused.value.status == 403
    assert len(peer.received()) == before
    printed = delivery(world).reprint(request.request_id, card_session(world))
    assert printed.outcome == "printed" and len(peer.received()) == before + 1


def test_a_print_left_pending_by_a_stopped_kiosk_is_settled_from_the_printer(world):
    _, _, _, store, _, owner, kiosk_id, _ = world
    job = owner.call(lambda p: p.submit(b"%PDF-1.4\n%%EOF\n", "interrupted.pdf"), 20)
    owner.call(lambda p: p.wait(job, 30), 40)
    request = paid_request(store, kiosk_id)
    lost = paid_request(store, kiosk_id)
    with store.write() as session:
        for r, job_id in ((request, job), (lost, None)):
            session.add(DocumentPrint(request_id=r.request_id, reference=r.reference,
                                      service_id=r.service_id, language="fr",
                                      status="pending", job_id=job_id, attempts=1,
                                      created_at=datetime.now(UTC)))
    settled = {d.request_id: d.outcome for d in delivery(world).reconcile()}
    assert settled == {request.request_id: "printed", lost.request_id: "owed"}


def test_a_technician_lists_and_reprints_owed_certificates(world, tmp_path):
    import json
    import subprocess
    import sys

    from tests.sync.helpers import write_config

    backend, _, peer, store, _, _, kiosk_id, token = world
    config = write_config(tmp_path, backend.url, token, kiosk_id, store.path)
    config.write_text(config.read_text() + f'\n[devices]\ndocument_printer = "{peer.uri}"\n')
    request = paid_request(store, kiosk_id, "cert-life")
    with store.write() as session:
        session.add(DocumentPrint(request_id=request.request_id, reference=request.reference,
                                  service_id=request.service_id, language="fr", status="owed",
                                  reason="the A4 printer cannot print: media-jam", attempts=1,
                                  created_at=datetime.now(UTC)))

    def kiosk(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "kiosk", "document", *args, "--config",
                               str(config), "--json"], capture_output=True, text=True,
                              timeout=120)

    listed = kiosk("owed")
    assert listed.returncode == 0, listed.stderr
    owed = {o["request_id"]: o for o in json.loads(listed.stdout)}
    assert owed[request.request_id]["reason"].endswith("media-jam")
    before = len(peer.received())
    # The kiosk credential alone does not get a citizen's document: it stays owed.
    refused = kiosk("reprint", "--request", request.request_id)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert json.loads(refused.stdout)["outcome"] == "owed"
    assert "eID and PIN" in json.loads(refused.stdout)["reason"]
    assert len(peer.received()) == before
    # The citizen is back with the card: the reprint goes through.
    done = delivery(world).reprint(request.request_id, card_session(world))
    assert done.outcome == "printed"
    assert len(peer.received()) == before + 1
    assert request.request_id not in [o["request_id"] for o in json.loads(kiosk("owed").stdout)]
    again = kiosk("reprint", "--request", request.request_id)
    assert again.returncode == 2 and "not owed" in again.stderr


def test_a_printer_that_vanishes_mid_job_leaves_the_document_owed(world, tmp_path):
    import threading

    _, _, _, store, _, _, kiosk_id, _ = world
    with IppEvePrinter(tmp_path / "vanishing") as peer:
        peer.delay_jobs(60)  # the job is still "printing" when the printer goes
        owner = DeviceOwner("document_printer", IppDocumentPrinter(peer.uri, timeout_s=5))
        stop_watching = threading.Event()

        def unplug_once_the_job_arrives() -> None:
            for _ in range(600):  # bounded: 30 s
                if peer.received() or stop_watching.wait(0.05):
                    break
            peer.stop()

        watcher = threading.Thread(target=unplug_once_the_job_arrives)
        watcher.start()
        try:
            request = paid_request(store, kiosk_id)
            owed = delivery(world, owner).deliver(request, card_session(world))
        finally:
            stop_watching.set()
            watcher.join(timeout=40)
            gone = delivery(world, owner).readiness()
            owner.close()
    assert owed.outcome == "owed" and "stopped during the job" in owed.reason
    assert gone == "offline"  # the screens say "printer out of order" before paying
    assert request.request_id in [o.request_id for o in delivery(world).owed()]
