"""The PIN step of a card session (kiosk/card_presence.py + kiosk/identity.py) through the
REAL private pcscd + vpcd with the virtual card and the REAL backend on 127.0.0.1: the
card is read, the citizen (scripted here, the UI's PIN pad in the kiosk) types the PIN,
the card signs the platform's challenge, and "identified" carries a card-session token
that opens the citizen's cases — or the step ends with why."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from drivers.eid.card_image import TestRrnAuthority, build_card_image
from drivers.eid.pcsc import PcscEidReader
from drivers.eid.pkcs15 import AUTH_CERT
from drivers.eid.virtual_card import CardBehaviour, VirtualEidCard
from drivers.eid.vpcd import VpcdCardLink
from kiosk.backend.demo_citizens import demo_citizen
from kiosk.backend.settings import BackendSettings
from kiosk.card_presence import PresenceCheck
from kiosk.config.schema import EidSection
from kiosk.devices import DeviceOwner
from kiosk.domain.city import booking_days, free_slots
from kiosk.eid_trust import offline_trust
from kiosk.identity import CardNews, CardWatcher
from sync.city_client import CityClient
from tests.backend.harness import threaded_backend
from tests.e2e.test_eid_pcsc import insert, pcscd  # noqa: F401 - the shared pcscd fixture

pytestmark = pytest.mark.e2e
PIN = "8642"
CITIZEN = demo_citizen("sophie")
REVOKED_END = dt.datetime(2031, 3, 3, tzinfo=dt.UTC)


class ScriptedCitizen:
    """Types the PINs it is given, one per ask; ``None`` cancels."""

    def __init__(self, *pins: str | None) -> None:
        self.pins = list(pins)
        self.asked: list[tuple[int | None, bool]] = []
        self.blocked_shown = threading.Event()
        self.closed = 0

    def ask(self, tries_left: int | None, wrong: bool) -> bytearray | None:
        self.asked.append((tries_left, wrong))
        pin = self.pins.pop(0) if self.pins else None
        return None if pin is None else bytearray(pin.encode())

    def blocked(self) -> None:
        self.blocked_shown.set()

    def close(self) -> None:
        self.closed += 1


@pytest.fixture(scope="module")
def authority() -> TestRrnAuthority:
    return TestRrnAuthority()


def make_card(authority, behaviour=None, **kwargs) -> VirtualEidCard:
    identity, address, photo = CITIZEN.identity, CITIZEN.address, _photo()
    image = build_card_image(identity, address, photo, authority=authority, pin=PIN, **kwargs)
    return VirtualEidCard(image, behaviour)


def _photo() -> bytes:
    from kiosk.backend.demo_citizens import citizen_card

    return citizen_card(CITIZEN)[2]


@pytest.fixture(scope="module")
def platform(authority, tmp_path_factory) -> Iterator[tuple[str, str]]:
    revoked = make_card(authority, cert_not_after=REVOKED_END)
    serial = x509.load_der_x509_certificate(revoked.image.files[AUTH_CERT]).serial_number
    db_url = f"sqlite:///{tmp_path_factory.mktemp('pin-step') / 'backend.db'}"
    settings = BackendSettings(db_url=db_url, eid_roots=tuple(authority.pki.roots()),
                               eid_crls=authority.pki.crls([serial]))
    with threaded_backend(db_url, settings) as running:
        _, token = running.device(site="bxl-centre")
        yield running.url, token


def run_pin_step(pcscd, card, citizen, opener_of=None, offline_trust=None):  # noqa: F811
    """Insert ``card``, read it through a CardWatcher with the PIN step; the news."""
    news: list[CardNews] = []
    owner = DeviceOwner("eid_reader", PcscEidReader("Virtual PCD 00 00"))
    presence = PresenceCheck(citizen, opener_of or (lambda: None),
                             offline_trust=offline_trust or (lambda: None))
    watcher = CardWatcher(owner, news.append, presence=presence, pin_timeout_s=60)
    link = VpcdCardLink(card, pcscd.connect_card)
    insert(link)
    try:
        watcher.read_now()
    finally:
        link.remove()
        owner.call(lambda r: r.close(), 10)
        owner.close()
    return [n for n in news if n.kind != "reading"]


def online(platform):
    url, token = platform
    client = CityClient(url, token, 5.0)
    return client, (lambda: client.open_card_session)


def test_the_pin_and_the_platform_open_the_citizens_cases(pcscd, authority, platform):  # noqa: F811
    client, opener = online(platform)
    try:
        citizen = ScriptedCitizen(PIN)
        [news] = run_pin_step(pcscd, make_card(authority), citizen, opener)
        assert news.kind == "identified" and news.card_session
        assert citizen.asked == [(3, False)] and citizen.closed == 1
        nn = CITIZEN.identity.national_number
        assert isinstance(client.cases(nn, news.card_session), list)
        # The same session books in the citizen's name (the credential alone cannot).
        now = dt.datetime.now(dt.UTC)
        slot = free_slots(client, "bxl-centre", booking_days(now.date())[0], "appt-id-card",
                          now)[0]
        booked = client.book("bxl-centre", slot.id, nn, news.card_session)
        assert booked.slot_id == slot.id and booked.site == "bxl-centre"
    finally:
        client.close()


def test_a_wrong_pin_is_asked_again_with_the_tries_left(pcscd, authority, platform):  # noqa: F811
    client, opener = online(platform)
    try:
        citizen = ScriptedCitizen("0000", PIN)
        [news] = run_pin_step(pcscd, make_card(authority), citizen, opener)
    finally:
        client.close()
    assert news.kind == "identified" and news.card_session
    assert citizen.asked == [(3, False), (2, True)]


def test_three_wrong_pins_block_the_card_and_say_so(pcscd, authority):  # noqa: F811
    card = make_card(authority)
    citizen = ScriptedCitizen("0000", "1111", "2222")
    [news] = run_pin_step(pcscd, card, citizen)
    assert (news.kind, news.reason) == ("failed", "pin_blocked")
    assert citizen.blocked_shown.is_set() and card.crypto.tries_left == 0
    assert citizen.asked == [(3, False), (2, True), (1, True)]


def test_cancel_ends_the_step_without_identifying(pcscd, authority):  # noqa: F811
    [news] = run_pin_step(pcscd, make_card(authority), ScriptedCitizen(None))
    assert (news.kind, news.reason) == ("failed", "pin_cancelled")


def test_offline_the_card_proves_presence_locally(pcscd, authority):  # noqa: F811
    [news] = run_pin_step(pcscd, make_card(authority), ScriptedCitizen(PIN))
    assert news.kind == "identified" and news.card_session is None


def eid_section(tmp_path, authority, *, root=None, revoked=(), stale=False) -> EidSection:
    """``[eid]`` as a kiosk has it: the roots' PEM and the cached CRLs (one per citizen
    CA, in one PEM file), on disk."""
    roots = [root] if root is not None else authority.pki.roots()
    (tmp_path / "roots.pem").write_bytes(
        b"".join(r.public_bytes(serialization.Encoding.PEM) for r in roots))
    now = dt.datetime.now(dt.UTC)
    this_update = now - dt.timedelta(days=10 if stale else 0, minutes=5)
    (tmp_path / "crls.pem").write_bytes(b"".join(
        x509.load_der_x509_crl(authority.pki.crl(
            revoked, this_update=this_update, next_update=this_update + dt.timedelta(days=7),
            kind=kind)).public_bytes(serialization.Encoding.PEM) for kind in ("rsa", "ec")))
    return EidSection(roots=str(tmp_path / "roots.pem"), crl=str(tmp_path / "crls.pem"))


def test_offline_the_kiosk_checks_chain_validity_and_its_cached_crl(pcscd, authority,  # noqa: F811
                                                                     tmp_path):
    """Offline, [eid]'s roots and cached CRL decide, before the PIN is asked: a good card
    is identified; a revoked one, one of an unknown root, or any card under a CRL past
    its next update (policy "refuse") is refused without spending a try."""
    good = eid_section(tmp_path, authority)
    citizen = ScriptedCitizen(PIN)
    [news] = run_pin_step(pcscd, make_card(authority), citizen,
                          offline_trust=lambda: offline_trust(good))
    assert news.kind == "identified" and news.card_session is None and citizen.asked

    card = make_card(authority, cert_not_after=REVOKED_END)
    serial = x509.load_der_x509_certificate(card.image.files[AUTH_CERT]).serial_number
    other_root = TestRrnAuthority().pki.hierarchy("rsa").root  # the card's kind, not its own
    for section in (eid_section(tmp_path, authority, revoked=[serial]),
                    eid_section(tmp_path, authority, root=other_root),
                    eid_section(tmp_path, authority, stale=True)):
        citizen = ScriptedCitizen(PIN)
        [news] = run_pin_step(pcscd, card, citizen,
                              offline_trust=lambda s=section: offline_trust(s))
        assert (news.kind, news.reason) == ("failed", "card_refused")
        assert citizen.asked == [], "a refused card costs no PIN try"


def test_the_card_pulled_out_during_the_pin_ends_the_session(pcscd, authority):  # noqa: F811
    card = make_card(authority, CardBehaviour(remove_on_verify=True))
    [news] = run_pin_step(pcscd, card, ScriptedCitizen(PIN))
    assert news.kind == "removed"


def test_a_card_the_platform_finds_revoked_is_refused(pcscd, authority, platform):  # noqa: F811
    client, opener = online(platform)
    try:
        card = make_card(authority, cert_not_after=REVOKED_END)
        [news] = run_pin_step(pcscd, card, ScriptedCitizen(PIN), opener)
    finally:
        client.close()
    assert (news.kind, news.reason) == ("failed", "card_refused")
