"""The kiosk's source of sealed certificates: the backend, through the kiosk's one HTTP
client. The request's own outbox event goes first (the backend must know the request;
it deduplicates on the event id, so the relay sending it again later is harmless).

A kiosk gets a citizen's document only with that citizen's card session (PIN + card
signature, issue #18): its token comes with each call, never kept here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from kiosk.documents.delivery import DocumentUnavailableError, IssuedDocument
from sync.client import BackendClient, PermanentError, TransientError
from sync.outbox import Outbox

MAX_SCAN = 500  # pending events looked through for the request's own


class BackendDocumentSource:
    """:class:`~kiosk.documents.delivery.DocumentSource` over the backend contract."""

    def __init__(self, client: BackendClient, outbox: Outbox,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._client = client
        self._outbox = outbox
        self._clock = clock

    def issue(self, request_id: str, card_session: str | None = None) -> IssuedDocument:
        try:
            events = [e for e in self._outbox.pending(MAX_SCAN)
                      if e["payload"].get("request_id") == request_id]
            if events:
                outcomes = self._client.post_events(events)
                self._outbox.record([e["event_id"] for e in events], outcomes, self._clock())
                refused = [o for o in outcomes if o.status == "rejected"]
                if refused:
                    raise DocumentUnavailableError(
                        f"the city's platform refused the request: {refused[0].reason}")
            pdf, document_id, pages = self._client.issue_document(request_id, card_session)
        except TransientError as exc:
            raise DocumentUnavailableError(
                f"the city's platform cannot issue it now ({exc.reason})") from None
        except PermanentError as exc:
            if exc.status == 403:
                raise DocumentUnavailableError(
                    "the city's platform gives this document only to the citizen's eID "
                    f"and PIN ({exc.detail})") from None
            raise DocumentUnavailableError(
                f"the city's platform cannot issue it at once ({exc.detail})") from None
        return IssuedDocument(pdf, document_id, pages)
