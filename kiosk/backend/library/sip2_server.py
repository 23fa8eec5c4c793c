"""The embedded library system served over SIP2 with pysip2's AnyIO TCP server.

:class:`LibrarySip2Service` runs the server on its own event-loop thread (a blocking
portal), on 127.0.0.1 only, and takes fault knobs for tests: go silent, drop the
connection, refuse connections, corrupt the next answers' checksums, refuse fee paid.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractContextManager, asynccontextmanager
from datetime import date, datetime
from typing import Any

import anyio
from anyio.abc import SocketAttribute
from anyio.from_thread import BlockingPortal, start_blocking_portal
from pysip2 import (
    CHECKIN,
    CHECKOUT,
    END_PATRON_SESSION,
    FEE_PAID,
    ITEM_INFORMATION,
    LOGIN,
    PATRON_INFORMATION,
    PATRON_STATUS,
    RENEW,
    RENEW_ALL,
    ACSStatusResponse,
    CheckinRequest,
    CheckinResponse,
    CheckoutRequest,
    CheckoutResponse,
    EndPatronSessionRequest,
    EndSessionResponse,
    FeePaidRequest,
    FeePaidResponse,
    ItemInformationRequest,
    ItemInformationResponse,
    LoginRequest,
    LoginResponse,
    PatronInformationRequest,
    PatronInformationResponse,
    PatronStatusRequest,
    PatronStatusResponse,
    RenewAllRequest,
    RenewAllResponse,
    RenewRequest,
    RenewResponse,
    SCStatusRequest,
    SIP2Server,
    SIPResponse,
    calculate_checksum,
    encode_message,
)

from common.faults import FaultSet
from kiosk.backend.library.model import Outcome, Patron
from kiosk.backend.library.system import LibrarySystem

log = logging.getLogger(__name__)

SERVER_FAULTS = ("silent", "drop", "refuse", "corrupt_checksum", "refuse_fee_paid",
                 "drop_answer")
# drop_answer: a checkin (10), renew (30) or renew-all (66) answer is not sent, the
# connection is closed instead — the request was carried out, its answer lost.
_DROPPABLE_ANSWERS = (b"10", b"30", b"66")
_BLANK_STATUS = " " * 14


def _sip_now() -> str:
    now = datetime.now()
    return now.strftime("%Y%m%d") + "    " + now.strftime("%H%M%S")


def _sip_day(day: date | None) -> str:
    return "" if day is None else day.strftime("%Y%m%d") + "    235900"


def _day_of(sip_date: str) -> date | None:
    try:
        return datetime.strptime(sip_date[:8], "%Y%m%d").date()
    except ValueError:
        return None


def _cents(amount: str) -> int:
    euros, _, cents = amount.strip().partition(".")
    return int(euros or "0") * 100 + int((cents + "00")[:2])


class ServerFaults:
    """Faults of the SIP2 listener: a :class:`FaultSet` plus a corruption budget."""

    def __init__(self) -> None:
        self.set = FaultSet("library system", SERVER_FAULTS)
        self._corrupt_budget = 0

    def corrupt_next(self, answers: int) -> None:
        """Corrupt the checksum of the next ``answers`` frames, then answer cleanly."""
        self._corrupt_budget = answers

    def take_corruption(self) -> bool:
        if "corrupt_checksum" in self.set:
            return True
        if self._corrupt_budget > 0:
            self._corrupt_budget -= 1
            return True
        return False


def _corrupt(frame: bytes) -> bytes:
    """Change the last checksum digit (the byte before CR)."""
    last = frame[-2:-1]
    swapped = b"0" if last != b"0" else b"1"
    return frame[:-2] + swapped + frame[-1:]


class _FaultyStream:
    """The connection's stream with the fault knobs applied (what pysip2 sees)."""

    def __init__(self, inner: Any, faults: ServerFaults) -> None:
        self._inner = inner
        self._faults = faults

    def extra(self, attribute: Any, *default: Any) -> Any:
        return self._inner.extra(attribute, *default)

    async def __aenter__(self) -> _FaultyStream:
        await self._inner.__aenter__()
        return self

    async def __aexit__(self, *exc: object) -> Any:
        return await self._inner.__aexit__(*exc)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def receive(self, max_bytes: int = 65536) -> bytes:
        data = await self._inner.receive(max_bytes)
        if "drop" in self._faults.set:
            await self._inner.aclose()
            raise anyio.EndOfStream
        return data

    async def send(self, data: bytes) -> None:
        if "silent" in self._faults.set:
            return
        if "drop_answer" in self._faults.set and data[:2] in _DROPPABLE_ANSWERS:
            await self._inner.aclose()
            raise anyio.EndOfStream
        if self._faults.take_corruption():
            data = _corrupt(data)
        await self._inner.send(data)


class _AnnouncingServer(SIP2Server):
    """Announces its character set in the ACS status (98) as a ``charset=`` line, and
    adds the extension fields ``extensions`` gives for an answer (the patron's birth
    date, ``PB``, as Koha's and Evergreen's SIP servers send it in patron information)."""

    extensions: Callable[[SIPResponse], dict[str, str]] = staticmethod(lambda _r: {})

    async def _write_response(
        self, stream: Any, state: Any, decoded: Any, response: SIPResponse
    ) -> None:
        # pysip2's models cannot carry a field SIP2 2.00 does not define: the answer is
        # encoded by pysip2 without its trailer, the fields appended, the AY/AZ trailer
        # computed again with pysip2's checksum. (Overrides pysip2's one writing step.)
        extra = self.extensions(response)
        if not extra:
            await super()._write_response(stream, state, decoded, response)
            return
        body = encode_message(response, encoding=self.encoding,
                              field_delimiter=self.field_delimiter)[:-1]
        for field_id, value in extra.items():
            body += f"{field_id}{value}{self.field_delimiter}".encode(self.encoding)
        if decoded.checksum is not None:
            body += f"AY{decoded.sequence_number}AZ".encode("ascii")
            body += calculate_checksum(body).encode("ascii")
        await self._send(stream, state, body + b"\r")

    def build_acs_status(self, request: SCStatusRequest) -> ACSStatusResponse:
        status = super().build_acs_status(request)
        return ACSStatusResponse(
            **{
                **{f: getattr(status, f) for f in status.__struct_fields__},
                "print_line": (f"charset={self.encoding}",),
            }
        )


def build_sip2_server(
    system: LibrarySystem,
    faults: ServerFaults,
    *,
    institution_id: str,
    login_user: str,
    login_password: str,
    charset: str = "cp850",
    library_name: str = "Bibliothèques de Bruxelles",
) -> SIP2Server:
    """A pysip2 server whose routes answer from ``system``."""
    server = _AnnouncingServer(
        institution_id=institution_id,
        library_name=library_name,
        encoding=charset,
        login_required=bool(login_user),
        error_detection="auto",
    )
    route = server.route

    def extensions(response: SIPResponse) -> dict[str, str]:
        if not isinstance(response, PatronInformationResponse):
            return {}
        patron = system.patron(response.patron_identifier)
        if patron is None or patron.birth_date is None:
            return {}
        return {"PB": f"{patron.birth_date:%Y%m%d}"}

    server.extensions = extensions  # type: ignore[method-assign]

    def patron_fields(patron: Patron | None) -> dict[str, Any]:
        status = list(_BLANK_STATUS)
        if patron is not None and system.blocked_reason(patron):
            status[0] = status[10] = "Y"  # charge privileges denied; excessive fines
        return {
            "patron_status": "".join(status),
            "personal_name": patron.name if patron else "",
            "valid_patron": "Y" if patron is not None and patron.valid else "N",
        }

    @route(LOGIN)
    def login(req: LoginRequest, ctx: Any) -> LoginResponse:
        ok = req.login_user_id == login_user and req.login_password == login_password
        return LoginResponse(ok="1" if ok else "0")

    @route(PATRON_STATUS)
    def patron_status(req: PatronStatusRequest, ctx: Any) -> PatronStatusResponse:
        patron = system.patron(req.patron_identifier)
        screen = (system.blocked_reason(patron),) if patron else ("Unknown library card",)
        return PatronStatusResponse(
            **patron_fields(patron),
            language=req.language,
            transaction_date=_sip_now(),
            institution_id=institution_id,
            patron_identifier=patron.barcode if patron else req.patron_identifier,
            currency_type="EUR",
            fee_amount=f"{system.fines_due(patron.barcode) / 100:.2f}" if patron else None,
            screen_message=tuple(s for s in screen if s),
        )

    @route(PATRON_INFORMATION)
    def patron_information(req: PatronInformationRequest, ctx: Any) -> PatronInformationResponse:
        patron = system.patron(req.patron_identifier)
        if patron is None:
            return PatronInformationResponse(
                **patron_fields(None),
                language=req.language,
                transaction_date=_sip_now(),
                hold_items_count="0000",
                overdue_items_count="0000",
                charged_items_count="0000",
                fine_items_count="0000",
                recall_items_count="0000",
                unavailable_holds_count="0000",
                institution_id=institution_id,
                patron_identifier=req.patron_identifier,
                screen_message=("Unknown library card",),
            )
        barcode = patron.barcode
        loans, overdue = system.loans(barcode), system.overdue(barcode)
        ready, waiting = system.holds_ready(barcode), system.holds_waiting(barcode)
        fines = system.open_fines(barcode)
        want = req.summary
        start = max(int(req.start_item or "1"), 1) - 1
        end = int(req.end_item or "50")

        def page(values: list[str], position: int) -> tuple[str, ...]:
            return tuple(values[start:end]) if want[position] == "Y" else ()

        reason = system.blocked_reason(patron)
        return PatronInformationResponse(
            **patron_fields(patron),
            language=req.language,
            transaction_date=_sip_now(),
            hold_items_count=f"{len(ready):04d}",
            overdue_items_count=f"{len(overdue):04d}",
            charged_items_count=f"{len(loans):04d}",
            fine_items_count=f"{len(fines):04d}",
            recall_items_count="0000",
            unavailable_holds_count=f"{len(waiting):04d}",
            institution_id=institution_id,
            patron_identifier=barcode,
            charged_items_limit=f"{system.rules.max_loans:04d}",
            currency_type="EUR",
            fee_amount=f"{system.fines_due(barcode) / 100:.2f}",
            fee_limit=f"{system.rules.fine_block_cents / 100:.2f}",
            hold_items=page([i.barcode for i in ready], 0),
            overdue_items=page([i.barcode for i in overdue], 1),
            charged_items=page([i.barcode for i in loans], 2),
            fine_items=page(
                [f"{f.fine_id} EUR {f.due_cents / 100:.2f} {f.description}" for f in fines], 3
            ),
            unavailable_hold_items=page([i.barcode for i in waiting], 5),
            screen_message=(reason,) if reason else (),
        )

    def circulation(outcome: Outcome) -> dict[str, Any]:
        return {
            "ok": "1" if outcome.ok else "0",
            "transaction_date": _sip_now(),
            "institution_id": institution_id,
            "screen_message": (outcome.message,),
        }

    @route(CHECKOUT)
    def checkout(req: CheckoutRequest, ctx: Any) -> CheckoutResponse:
        no_block = req.no_block == "Y"
        when = _day_of(req.transaction_date) if no_block else None
        # As library systems do: a no-block loan keeps the due date the kiosk gave (one
        # not after the loan's own day is no due date: the rules decide).
        due = _day_of(req.nb_due_date or "") if no_block else None
        outcome = system.checkout(
            req.patron_identifier,
            req.item_identifier,
            no_block=no_block,
            when=when,
            due=due if due is not None and when is not None and due > when else None,
        )
        return CheckoutResponse(
            **circulation(outcome),
            renewal_ok="N",
            magnetic_media="N",
            desensitize="Y" if outcome.ok else "N",
            patron_identifier=outcome.patron or req.patron_identifier,
            item_identifier=req.item_identifier,
            title_identifier=outcome.title,
            due_date=_sip_day(outcome.due) if outcome.ok else "",
            media_type="002",
        )

    @route(CHECKIN)
    def checkin(req: CheckinRequest, ctx: Any) -> CheckinResponse:
        when = _day_of(req.return_date) if req.no_block == "Y" else None
        outcome = system.checkin(req.item_identifier, when=when)
        item = system.items.get(req.item_identifier)
        return CheckinResponse(
            **circulation(outcome),
            resensitize="Y" if outcome.ok else "N",
            magnetic_media="N",
            alert="Y" if item is not None and item.hold_for else "N",
            item_identifier=req.item_identifier,
            permanent_location=item.location if item else "",
            title_identifier=outcome.title or None,
        )

    @route(RENEW)
    def renew(req: RenewRequest, ctx: Any) -> RenewResponse:
        outcome = system.renew(req.patron_identifier, req.item_identifier or "")
        return RenewResponse(
            **circulation(outcome),
            renewal_ok="Y" if outcome.ok else "N",
            magnetic_media="N",
            desensitize="U",
            patron_identifier=outcome.patron or req.patron_identifier,
            item_identifier=req.item_identifier or "",
            title_identifier=outcome.title,
            due_date=_sip_day(outcome.due),
        )

    @route(RENEW_ALL)
    def renew_all(req: RenewAllRequest, ctx: Any) -> RenewAllResponse:
        done, refused = system.renew_all(req.patron_identifier)
        known = system.patron(req.patron_identifier) is not None
        screen = tuple(f"{o.title}: {o.message}" for o in refused)
        return RenewAllResponse(
            ok="1" if known else "0",
            renewed_count=f"{len(done):04d}",
            unrenewed_count=f"{len(refused):04d}",
            transaction_date=_sip_now(),
            institution_id=institution_id,
            renewed_items=tuple(_item_of(system, o) for o in done),
            unrenewed_items=tuple(_item_of(system, o) for o in refused),
            screen_message=screen if known else ("Unknown library card",),
        )

    @route(ITEM_INFORMATION)
    def item_information(req: ItemInformationRequest, ctx: Any) -> ItemInformationResponse:
        item = system.items.get(req.item_identifier)
        if item is None:
            return ItemInformationResponse(
                circulation_status="01",
                security_marker="00",
                fee_type="01",
                transaction_date=_sip_now(),
                item_identifier=req.item_identifier,
                title_identifier="",
                screen_message=("Unknown item",),
            )
        status = "04" if item.patron else ("08" if item.hold_for else "03")
        return ItemInformationResponse(
            circulation_status=status,
            security_marker="02",
            fee_type="01",
            transaction_date=_sip_now(),
            hold_queue_length="1" if item.hold_for else "0",
            due_date=_sip_day(item.due) or None,
            item_identifier=item.barcode,
            title_identifier=item.title,
            media_type=item.media_type,
            permanent_location=item.location,
        )

    @route(FEE_PAID)
    def fee_paid(req: FeePaidRequest, ctx: Any) -> FeePaidResponse:
        if "refuse_fee_paid" in faults.set:
            outcome = Outcome(False, "Payments cannot be recorded right now")
        else:
            try:
                cents = _cents(req.fee_amount)
            except ValueError:
                outcome = Outcome(False, f"Unreadable amount {req.fee_amount!r}")
            else:
                outcome = system.pay_fees(
                    req.patron_identifier, cents, req.transaction_id or "", req.fee_identifier
                )
        return FeePaidResponse(
            payment_accepted="Y" if outcome.ok else "N",
            transaction_date=_sip_now(),
            institution_id=institution_id,
            patron_identifier=outcome.patron or req.patron_identifier,
            transaction_id=req.transaction_id,
            screen_message=(outcome.message,),
        )

    @route(END_PATRON_SESSION)
    def end_session(req: EndPatronSessionRequest, ctx: Any) -> EndSessionResponse:
        return EndSessionResponse(
            end_session="Y",
            transaction_date=_sip_now(),
            institution_id=institution_id,
            patron_identifier=req.patron_identifier,
            screen_message=("Goodbye",),
        )

    return server


def _item_of(system: LibrarySystem, outcome: Outcome) -> str:
    for item in system.items.values():
        if item.title == outcome.title:
            return item.barcode
    return outcome.title


class LibrarySip2Service:
    """Runs the SIP2 server on a thread of its own; start/stop may be repeated and the
    library's state survives a stop (the "switched off" library system)."""

    def __init__(
        self,
        system: LibrarySystem,
        *,
        port: int = 0,
        host: str = "127.0.0.1",
        institution_id: str = "BXL",
        login_user: str = "kiosk",
        login_password: str = "kiosk",
        charset: str = "cp850",
    ) -> None:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError(f"the embedded library system listens on loopback only, not {host!r}")
        self.system = system
        self.faults = ServerFaults()
        self.host = host
        self._wanted_port = port
        self.port: int | None = None
        self._server = build_sip2_server(
            system,
            self.faults,
            institution_id=institution_id,
            login_user=login_user,
            login_password=login_password,
            charset=charset,
        )
        self._portal_cm: AbstractContextManager[BlockingPortal] | None = None
        self._serving_cm: AbstractContextManager[int] | None = None

    def start(self) -> int:
        """Listen (on the first start's port again after a stop); returns the port."""
        if self._serving_cm is not None:
            raise RuntimeError("the library SIP2 server is already running")
        self._portal_cm = start_blocking_portal()
        portal = self._portal_cm.__enter__()
        port = self.port if self.port is not None else self._wanted_port
        self._serving_cm = portal.wrap_async_context_manager(self._serving(port))
        try:
            self.port = self._serving_cm.__enter__()
        except BaseException:
            self._serving_cm = None
            self._portal_cm.__exit__(None, None, None)
            self._portal_cm = None
            raise
        log.info("library SIP2 server listening on %s:%d", self.host, self.port)
        return self.port

    def stop(self) -> None:
        """Close the listener and every connection; safe to call twice."""
        if self._serving_cm is not None:
            self._serving_cm.__exit__(None, None, None)
            self._serving_cm = None
        if self._portal_cm is not None:
            self._portal_cm.__exit__(None, None, None)
            self._portal_cm = None

    @property
    def running(self) -> bool:
        return self._serving_cm is not None

    @asynccontextmanager
    async def _serving(self, port: int) -> AsyncIterator[int]:
        listener = await anyio.create_tcp_listener(local_host=self.host, local_port=port)
        bound = int(listener.extra(SocketAttribute.local_port))

        async def handle(stream: Any) -> None:
            if "refuse" in self.faults.set:
                await stream.aclose()
                return
            # pysip2 has no hook between the socket and its framing: the connection
            # handler is the one place fault knobs can act on the raw bytes.
            await self._server._handle_connection(_FaultyStream(stream, self.faults))

        try:
            async with anyio.create_task_group() as group:
                group.start_soon(listener.serve, handle)
                try:
                    yield bound
                finally:
                    group.cancel_scope.cancel()
        finally:
            await listener.aclose()
