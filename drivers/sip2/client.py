"""The SIP2 client: one connection to the library system, used by one thread at a time.

Each request is framed by pysip2 with a sequence number (AY) and checksum (AZ). An
answer is checked before it is believed: a bad checksum asks for a resend (97), the
library system's own resend request (96) is answered by sending the request again,
and the sequence number must be the one just sent. A dropped connection is
reopened (login 93 and SC status 99 again) and a repeatable request is sent once
more; a timeout closes the connection (a late answer would be taken for the next
one) and is reported to the caller.
"""

from __future__ import annotations

import codecs
import logging
import threading
from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar

from pysip2 import (
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
    RequestACSResend,
    SCStatusRequest,
    SIP2ChecksumError,
    SIP2CodecError,
    SIP2UnknownCommand,
    SIPRequest,
    SIPResponse,
    decode_message,
    encode_message,
)

from drivers.sip2.connection import FrameConnection
from drivers.sip2.dates import sip_datetime
from drivers.sip2.errors import (
    Sip2ChecksumError,
    Sip2ConnectionError,
    Sip2Error,
    Sip2LoginError,
    Sip2ProtocolError,
)
from drivers.sip2.extensions import birth_date, extension_fields
from drivers.sip2.settings import AUTO_CHARSET, Sip2Settings

log = logging.getLogger(__name__)

R = TypeVar("R", bound=SIPResponse)

# Patron information (63) summary: one position per list, in the order SIP2 defines.
SUMMARY_POSITIONS = {
    "hold": 0,
    "overdue": 1,
    "charged": 2,
    "fine": 3,
    "recall": 4,
    "unavailable_hold": 5,
}
# Fee paid (37) payment types.
PAYMENT_CASH = "00"
PAYMENT_CREDIT_CARD = "02"
ConnectionFactory = Callable[[Sip2Settings], FrameConnection]


def _open(settings: Sip2Settings) -> FrameConnection:
    return FrameConnection.open(
        settings.host,
        settings.port,
        timeout_s=settings.connect_timeout_s,
        tls=settings.tls,
        server_hostname=settings.server_hostname,
        max_frame_bytes=settings.max_frame_bytes,
    )


def announced_charset(status: ACSStatusResponse) -> str | None:
    """The ``charset=NAME`` line in an ACS status, if any (case-insensitive)."""
    for line in (*status.print_line, *status.screen_message):
        key, sep, value = line.partition("=")
        if sep and key.strip().lower() == "charset" and value.strip():
            return value.strip()
    return None


class Sip2Client:
    """SIP2 2.00 requests as blocking calls with bounded waits.

    Thread-safe (calls are serialised), but meant for one owner thread: the kiosk
    runs it on a worker, never on the GUI thread.
    """

    def __init__(
        self,
        settings: Sip2Settings,
        *,
        now: Callable[[], datetime] = datetime.now,
        connect: ConnectionFactory = _open,
    ) -> None:
        self.settings = settings
        self._now = now
        self._connect = connect
        # Re-entrant: patron_birth_date reads the frame its own call just received.
        self._lock = threading.RLock()
        self._last_frame = b""
        self._conn: FrameConnection | None = None
        self._seq = -1
        self._charset = (
            settings.fallback_charset if settings.charset == AUTO_CHARSET else settings.charset
        )
        codecs.lookup(self._charset)  # a config typo fails here, not mid-session
        self.acs_status: ACSStatusResponse | None = None
        self.connections_opened = 0

    @property
    def charset(self) -> str:
        return self._charset

    @property
    def connected(self) -> bool:
        return self._conn is not None

    # --- connection -------------------------------------------------------------------

    def connect(self) -> ACSStatusResponse:
        """Open the connection (login, SC status) if it is not open; the ACS status."""
        with self._lock:
            self._ensure_connected()
            assert self.acs_status is not None
            return self.acs_status

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _drop(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _ensure_connected(self) -> None:
        if self._conn is not None:
            return
        s = self.settings
        self._conn = self._connect(s)
        self.connections_opened += 1
        try:
            if s.login_user:
                login = self._roundtrip(
                    LoginRequest(
                        uid_algorithm="0",
                        pwd_algorithm="0",
                        login_user_id=s.login_user,
                        login_password=s.login_password,
                        location_code=s.location_code or None,
                    ),
                    LoginResponse,
                    "login 93",
                )
                if login.ok != "1":
                    raise Sip2LoginError("login 93", f"user {s.login_user!r} was refused")
            status = self._roundtrip(self._sc_status_request(), ACSStatusResponse, "SC status 99")
        except BaseException:
            self._drop()
            raise
        self._take_charset(status)
        self.acs_status = status
        log.info(
            "SIP2 connected to %s:%d (online=%s, charset %s)",
            s.host,
            s.port,
            status.online_status,
            self._charset,
        )

    def _take_charset(self, status: ACSStatusResponse) -> None:
        if self.settings.charset != AUTO_CHARSET:
            return
        name = announced_charset(status)
        if name is None:
            return
        try:
            self._charset = codecs.lookup(name).name
        except LookupError:
            log.warning(
                "SIP2: the library system announced an unknown charset %r; keeping %s",
                name,
                self._charset,
            )

    # --- one exchange -----------------------------------------------------------------

    def _call(
        self, request: SIPRequest, response_type: type[R], name: str, *, repeatable: bool = True
    ) -> R:
        with self._lock:
            reused = self._conn is not None
            self._ensure_connected()
            if reused and not repeatable:
                # A request that must not be sent twice goes over a connection just
                # proven alive, so an idle connection the server closed is not
                # discovered only after the request was written into it.
                try:
                    self._roundtrip(self._sc_status_request(), ACSStatusResponse, "SC status 99")
                except Sip2ConnectionError:
                    self._drop()
                    self._ensure_connected()
                except Sip2Error:
                    self._drop()
                    raise
            try:
                return self._roundtrip(request, response_type, name)
            except Sip2ConnectionError as exc:
                self._drop()
                if not repeatable:
                    raise
                log.info("SIP2 %s: %s; reconnecting once", name, exc.problem)
            except Sip2Error:
                self._drop()  # the stream's state is unknown: start clean next time
                raise
            self._ensure_connected()
            try:
                return self._roundtrip(request, response_type, name)
            except Sip2Error:
                self._drop()
                raise

    def _next_seq(self) -> int:
        self._seq = (self._seq + 1) % 10
        return self._seq

    def _roundtrip(self, request: SIPRequest, response_type: type[R], name: str) -> R:
        conn = self._conn
        assert conn is not None
        s = self.settings
        seq = self._next_seq()
        try:
            frame = encode_message(
                request, sequence_number=seq, checksum=True, encoding=self._charset
            )
        except (SIP2CodecError, UnicodeEncodeError) as exc:
            raise Sip2ProtocolError(name, f"cannot encode the request: {exc}") from None
        conn.send(frame, name)
        bad_checksums = resend_requests = 0
        while True:
            raw = conn.read_frame(s.read_timeout_s, name)
            if raw.startswith(b"96"):
                resend_requests += 1
                if resend_requests > s.resend_attempts:
                    raise Sip2ProtocolError(
                        name, f"the library system asked for a resend (96) {resend_requests} times"
                    )
                log.info("SIP2 %s: the library system asked for a resend (96)", name)
                conn.send(frame, name)
                continue
            try:
                decoded = decode_message(raw, encoding=self._charset)
            except SIP2ChecksumError:
                bad_checksums += 1
                if bad_checksums > s.resend_attempts:
                    raise Sip2ChecksumError(
                        name, f"the answer failed its AZ checksum {bad_checksums} times"
                    ) from None
                log.info("SIP2 %s: answer failed its checksum; asking for a resend (97)", name)
                conn.send(encode_message(RequestACSResend(), checksum=True), name)
                continue
            except SIP2UnknownCommand:
                raise Sip2ProtocolError(
                    name, f"answer has unknown command id {raw[:2]!r}"
                ) from None
            except (SIP2CodecError, UnicodeDecodeError) as exc:
                # Command id and length only: the frame may carry a card number.
                raise Sip2ProtocolError(
                    name, f"malformed answer ({exc}): {raw[:2]!r}, {len(raw)} bytes"
                ) from None
            if decoded.checksum is None:
                raise Sip2ProtocolError(name, "answer carries no AY/AZ error detection")
            if decoded.sequence_number != seq:
                raise Sip2ProtocolError(
                    name, f"answer has sequence number {decoded.sequence_number}, expected {seq}"
                )
            if not isinstance(decoded.message, response_type):
                raise Sip2ProtocolError(
                    name,
                    f"answer is {type(decoded.message).__name__}, "
                    f"expected {response_type.__name__}",
                )
            self._last_frame = raw  # its extension fields (drivers/sip2/extensions.py)
            return decoded.message

    # --- requests ---------------------------------------------------------------------

    def _date(self, when: datetime | None = None) -> str:
        return sip_datetime(when or self._now())

    def _sc_status_request(self) -> SCStatusRequest:
        return SCStatusRequest(status_code="0", max_print_width="040", protocol_version="2.00")

    def sc_status(self) -> ACSStatusResponse:
        """SC status (99 → 98): the library system's state and what it supports."""
        status = self._call(self._sc_status_request(), ACSStatusResponse, "SC status 99")
        self.acs_status = status
        return status

    def patron_status(self, patron: str, patron_password: str = "") -> PatronStatusResponse:
        """Patron status (23 → 24): is the card valid, is the patron blocked."""
        return self._call(
            PatronStatusRequest(
                language=self.settings.language,
                transaction_date=self._date(),
                institution_id=self.settings.institution_id,
                patron_identifier=patron,
                terminal_password=self.settings.terminal_password,
                patron_password=patron_password,
            ),
            PatronStatusResponse,
            "patron status 23",
        )

    def patron_information(
        self,
        patron: str,
        summary: str | None = None,
        *,
        start_item: int = 1,
        end_item: int = 50,
        patron_password: str | None = None,
    ) -> PatronInformationResponse:
        """Patron information (63 → 64); ``summary`` names the one list to include
        ("charged", "hold", "fine", "overdue", "recall", "unavailable_hold")."""
        flags = [" "] * 10
        if summary is not None:
            if summary not in SUMMARY_POSITIONS:
                raise ValueError(
                    f"unknown patron information summary {summary!r}; "
                    f"use one of {', '.join(SUMMARY_POSITIONS)}"
                )
            flags[SUMMARY_POSITIONS[summary]] = "Y"
        return self._call(
            PatronInformationRequest(
                language=self.settings.language,
                transaction_date=self._date(),
                summary="".join(flags),
                institution_id=self.settings.institution_id,
                patron_identifier=patron,
                terminal_password=self.settings.terminal_password,
                patron_password=patron_password,
                start_item=str(start_item),
                end_item=str(end_item),
            ),
            PatronInformationResponse,
            "patron information 63",
        )

    def patron_birth_date(
        self, patron: str, patron_password: str | None = None
    ) -> tuple[PatronInformationResponse, date | None]:
        """Patron information (63 → 64) with the patron's birth date, from the ``PB``
        extension field pysip2's model drops (None when the library system does not
        send it). The birth date is personal data: the caller keeps it out of logs."""
        with self._lock:
            info = self.patron_information(patron, patron_password=patron_password)
            fields = extension_fields(self._last_frame, self._charset)
        return info, birth_date(fields)

    def checkout(
        self,
        patron: str,
        item: str,
        *,
        no_block: bool = False,
        when: datetime | None = None,
        nb_due_date: datetime | None = None,
        fee_acknowledged: bool | None = None,
    ) -> CheckoutResponse:
        """Checkout (11 → 12). ``no_block`` with ``when`` replays an offline loan."""
        return self._call(
            CheckoutRequest(
                sc_renewal_policy="N",
                no_block="Y" if no_block else "N",
                transaction_date=self._date(when),
                # pysip2 requires a well-formed date even where SIP2 allows blanks; the
                # transaction date is what a library system ignores without no-block.
                nb_due_date=self._date(nb_due_date or when),
                institution_id=self.settings.institution_id,
                patron_identifier=patron,
                item_identifier=item,
                terminal_password=self.settings.terminal_password,
                fee_acknowledged=None
                if fee_acknowledged is None
                else ("Y" if fee_acknowledged else "N"),
            ),
            CheckoutResponse,
            "checkout 11",
        )

    def checkin(
        self, item: str, *, no_block: bool = False, when: datetime | None = None
    ) -> CheckinResponse:
        """Checkin (09 → 10). ``no_block`` with ``when`` replays an offline return."""
        return self._call(
            CheckinRequest(
                no_block="Y" if no_block else "N",
                transaction_date=self._date(when),
                return_date=self._date(when),
                current_location=self.settings.location_code,
                institution_id=self.settings.institution_id,
                item_identifier=item,
                terminal_password=self.settings.terminal_password,
            ),
            CheckinResponse,
            "checkin 09",
            # Not idempotent: sent twice after a lost answer, it would renew twice, or
            # answer "not on loan" for the return it just recorded.
            repeatable=False,
        )

    def renew(self, patron: str, item: str) -> RenewResponse:
        """Renew (29 → 30) one item."""
        return self._call(
            RenewRequest(
                third_party_allowed="N",
                no_block="N",
                transaction_date=self._date(),
                nb_due_date=self._date(),
                institution_id=self.settings.institution_id,
                patron_identifier=patron,
                item_identifier=item,
                terminal_password=self.settings.terminal_password,
            ),
            RenewResponse,
            "renew 29",
            # Not idempotent: sent twice after a lost answer, it would renew twice, or
            # answer "not on loan" for the return it just recorded.
            repeatable=False,
        )

    def renew_all(self, patron: str) -> RenewAllResponse:
        """Renew all (65 → 66) the patron's items."""
        return self._call(
            RenewAllRequest(
                transaction_date=self._date(),
                institution_id=self.settings.institution_id,
                patron_identifier=patron,
                terminal_password=self.settings.terminal_password,
            ),
            RenewAllResponse,
            "renew all 65",
            # Not idempotent: sent twice after a lost answer, it would renew twice, or
            # answer "not on loan" for the return it just recorded.
            repeatable=False,
        )

    def item_information(self, item: str) -> ItemInformationResponse:
        """Item information (17 → 18): title, circulation status, due date."""
        return self._call(
            ItemInformationRequest(
                transaction_date=self._date(),
                institution_id=self.settings.institution_id,
                item_identifier=item,
                terminal_password=self.settings.terminal_password,
            ),
            ItemInformationResponse,
            "item information 17",
        )

    def fee_paid(
        self,
        patron: str,
        amount_cents: int,
        *,
        transaction_id: str,
        fee_identifier: str | None = None,
        currency: str = "EUR",
        payment_type: str = PAYMENT_CREDIT_CARD,
        fee_type: str = "01",
    ) -> FeePaidResponse:
        """Fee paid (37 → 38). Never sent twice on its own: a lost answer raises, and
        the caller decides (the kiosk reverses the card payment)."""
        if amount_cents <= 0:
            raise ValueError(f"fee amount must be positive, got {amount_cents}")
        return self._call(
            FeePaidRequest(
                transaction_date=self._date(),
                fee_type=fee_type,
                payment_type=payment_type,
                currency_type=currency,
                fee_amount=f"{amount_cents // 100}.{amount_cents % 100:02d}",
                institution_id=self.settings.institution_id,
                patron_identifier=patron,
                terminal_password=self.settings.terminal_password,
                fee_identifier=fee_identifier,
                transaction_id=transaction_id,
            ),
            FeePaidResponse,
            "fee paid 37",
            repeatable=False,
        )

    def end_patron_session(self, patron: str) -> EndSessionResponse:
        """End patron session (35 → 36)."""
        return self._call(
            EndPatronSessionRequest(
                transaction_date=self._date(),
                institution_id=self.settings.institution_id,
                patron_identifier=patron,
                terminal_password=self.settings.terminal_password,
            ),
            EndSessionResponse,
            "end patron session 35",
        )
