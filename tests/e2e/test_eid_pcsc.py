"""The eID driver through a REAL private pcscd + vpcd with the virtual card.

libpcsclite reads PCSCLITE_CSOCK_NAME once per process, so this module uses one fixed
socket directory for its whole run; its pcscd is started and stopped by this module.
"""

from __future__ import annotations

import hashlib
import json
import os
import select
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from common.eid.model import CardEvent
from drivers.eid.card_image import TestRrnAuthority, build_card_image
from drivers.eid.errors import CardError
from drivers.eid.pcsc import PcscEidReader
from drivers.eid.private_pcscd import PrivatePcscd
from drivers.eid.virtual_card import CardBehaviour, NotAnEidCard, VirtualEidCard
from drivers.eid.vpcd import VpcdCardLink
from drivers.registry import default_registry
from kiosk.backend.demo_citizens import DEMO_CITIZENS, DemoCitizen, citizen_card

pytestmark = pytest.mark.e2e
CLI_TIMEOUT = 60


@pytest.fixture(scope="module")
def pcscd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivatePcscd]:
    directory = tmp_path_factory.getbasetemp() / "eid-pcscd"
    stack = PrivatePcscd(directory)
    os.environ["PCSCLITE_CSOCK_NAME"] = str(Path(directory) / "pcscd.comm")
    with stack:
        yield stack


@pytest.fixture(scope="module")
def authority() -> TestRrnAuthority:
    return TestRrnAuthority()


def virtual_card(authority: TestRrnAuthority, citizen: DemoCitizen,
                 behaviour: CardBehaviour | None = None, faults: tuple[str, ...] = ()):
    identity, address, photo = citizen_card(citizen)
    image = build_card_image(identity, address, photo, authority=authority,
                             language=citizen.card_language, applet_18=citizen.applet_18,
                             faults=faults)
    return VirtualEidCard(image, behaviour)


def kiosk(pcscd: PrivatePcscd, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", "device", "eid", *args],
                          env=pcscd.env, capture_output=True, text=True, timeout=CLI_TIMEOUT)


def expected_json(citizen: DemoCitizen) -> dict:
    identity, address, photo = citizen_card(citizen)
    return {
        "card_number": identity.card_number,
        "national_number": identity.national_number,
        "surname": identity.surname,
        "first_names": identity.first_names,
        "nationality": identity.nationality,
        "birth_place": identity.birth_place,
        "birth_date": identity.birth_date.isoformat(),
        "sex": identity.sex,
        "document_type": identity.document_type,
        "issuing_municipality": identity.issuing_municipality,
        "validity_begin": identity.validity_begin.isoformat(),
        "validity_end": identity.validity_end.isoformat(),
        "address": {"street": address.street, "zip": address.zip,
                    "municipality": address.municipality},
        "photo": {"bytes": len(photo), "sha256": hashlib.sha256(photo).hexdigest()},
        "verified": {"photo_hash": True, "identity_signature": True, "address_signature": True},
    }


def wait_empty(reader: PcscEidReader, timeout: float = 10.0) -> None:
    """vpcd notices a removal only at its next poll: wait until pcscd reports it."""
    reader.wait_for_event(0)
    deadline = time.monotonic() + timeout
    while reader.card_present():
        assert time.monotonic() < deadline, "previous card still present"
        reader.wait_for_event(0.5)


def insert(link: VpcdCardLink, timeout: float = 10.0) -> None:
    """Insert once the slot is empty, then wait until pcscd reports the card."""
    reader = PcscEidReader("Virtual PCD 00 00")
    try:
        wait_empty(reader, timeout)
        link.insert()
        while (event := reader.wait_for_event(timeout)) is not None:
            if event.kind == "inserted":
                return
        raise AssertionError("no insertion event")
    finally:
        reader.close()


@pytest.mark.parametrize("citizen", DEMO_CITIZENS, ids=lambda c: c.key)
def test_cli_reads_every_demo_citizen(pcscd, authority, citizen):
    link = VpcdCardLink(virtual_card(authority, citizen), pcscd.connect_card)
    try:
        insert(link)
        result = kiosk(pcscd, "read", "--json", "--reader", "Virtual PCD 00 00")
    finally:
        link.remove()
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected_json(citizen)


@pytest.mark.parametrize(
    ("faults", "behaviour", "failed"),
    [
        (("wrong_photo_hash",), None, "photo_hash"),
        (("bad_signature",), None, "identity_signature"),
        ((), CardBehaviour(slow_seconds=0.01), None),
        ((), CardBehaviour(wrong_length_6c=True, get_response=True), None),
    ],
    ids=["wrong-photo-hash", "bad-signature", "slow", "6c-and-61"],
)
def test_faults_through_the_cli(pcscd, authority, faults, behaviour, failed):
    card = virtual_card(authority, DEMO_CITIZENS[0], behaviour, faults)
    link = VpcdCardLink(card, pcscd.connect_card)
    try:
        insert(link)
        result = kiosk(pcscd, "read", "--json")
    finally:
        link.remove()
    data = json.loads(result.stdout)
    if failed is None:
        assert result.returncode == 0, result.stderr
        assert data == expected_json(DEMO_CITIZENS[0])
    else:
        assert result.returncode == 1  # read, but shown as not genuine
        assert data["verified"][failed] is False


def test_removal_mid_read_is_a_clear_error(pcscd, authority):
    card = virtual_card(authority, DEMO_CITIZENS[0], CardBehaviour(remove_after_reads=5))
    link = VpcdCardLink(card, pcscd.connect_card)
    try:
        insert(link)
        result = kiosk(pcscd, "read", "--json")
    finally:
        link.remove()
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "eid read:" in result.stderr
    assert link.removed_by_card.is_set()


def test_not_an_eid_card(pcscd):
    link = VpcdCardLink(NotAnEidCard(), pcscd.connect_card)
    try:
        insert(link)
        result = kiosk(pcscd, "read", "--json")
    finally:
        link.remove()
    assert result.returncode == 2
    assert "not a Belgian eID" in result.stderr and "SW 6A82" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_card_and_no_reader(pcscd):
    reader = PcscEidReader("Virtual PCD 00 00")
    try:
        wait_empty(reader)
    finally:
        reader.close()
    result = kiosk(pcscd, "read", "--json")
    assert result.returncode == 2 and "no card in the reader" in result.stderr
    result = kiosk(pcscd, "read", "--json", "--reader", "ACS*")
    assert result.returncode == 2 and "no PC/SC reader matches 'ACS*'" in result.stderr


def test_watch_prints_insert_and_remove(pcscd, authority):
    link = VpcdCardLink(virtual_card(authority, DEMO_CITIZENS[3]), pcscd.connect_card)
    reader = PcscEidReader("Virtual PCD 00 00")
    try:
        wait_empty(reader)
    finally:
        reader.close()
    watcher = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "device", "eid", "watch", "--count", "2",
         "--timeout", "30", "--reader", "Virtual PCD 00 00"],
        env=pcscd.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        ready, _, _ = select.select([watcher.stdout], [], [], 30)
        assert ready, "watch did not start"
        assert json.loads(watcher.stdout.readline())["event"] == "watching"
        link.insert()
        ready, _, _ = select.select([watcher.stdout], [], [], 15)
        assert ready
        inserted = json.loads(watcher.stdout.readline())
        link.remove()
        out, err = watcher.communicate(timeout=30)
    finally:
        link.remove()
        if watcher.poll() is None:
            watcher.kill()
            watcher.communicate(timeout=10)
    assert inserted == {"event": "inserted", "reader": "Virtual PCD 00 00"}
    assert json.loads(out) == {"event": "removed", "reader": "Virtual PCD 00 00"}
    assert watcher.returncode == 0, err


def test_reader_from_registry_reads_and_watches(pcscd, authority):
    citizen = DEMO_CITIZENS[1]
    reader = default_registry().open("eid_reader", "pcsc://?reader=Virtual*00")
    link = VpcdCardLink(virtual_card(authority, citizen), pcscd.connect_card)
    try:
        assert isinstance(reader, PcscEidReader)
        wait_empty(reader)
        assert reader.wait_for_event(0) is None
        assert reader.card_present() is False
        link.insert()
        assert reader.wait_for_event(10) == CardEvent("inserted", "Virtual PCD 00 00")
        data = reader.read_card()
        identity, address, photo = citizen_card(citizen)
        assert (data.identity, data.address, data.photo) == (identity, address, photo)
        assert data.verification.all_passed
        assert data.card_info is not None and data.card_info.applet_version == 0x18
        link.remove()
        assert reader.wait_for_event(10) == CardEvent("removed", "Virtual PCD 00 00")
        assert reader.wait_for_event(0.2) is None
    finally:
        link.remove()
        reader.close()


def test_reader_goes_straight_to_the_last_reader_and_looks_again_when_the_card_moves(
    pcscd, authority
):
    """The second read connects to the reader the card was in without listing readers;
    once that reader is empty the card is found in the other one."""
    citizen = DEMO_CITIZENS[1]
    reader = PcscEidReader("Virtual PCD 00 0*")
    first = VpcdCardLink(virtual_card(authority, citizen), pcscd.connect_card)
    second = VpcdCardLink(virtual_card(authority, DEMO_CITIZENS[0]),
                          lambda: pcscd.connect_card(1))
    try:
        wait_empty(reader)
        insert(first)
        assert reader.read_card().identity == citizen_card(citizen)[0]
        assert reader.read_card().verification.all_passed  # through the remembered reader
        first.remove()
        wait_empty(reader)
        with pytest.raises(CardError, match="no card in the reader"):
            reader.read_card()
        second.insert()
        deadline = time.monotonic() + 10
        while not reader.card_present():
            assert time.monotonic() < deadline, "the card in the second reader never showed"
            reader.wait_for_event(0.5)
        assert reader.read_card().identity == citizen_card(DEMO_CITIZENS[0])[0]
    finally:
        first.remove()
        second.remove()
        reader.close()
    assert not [t for t in threading.enumerate() if t.name.startswith("eid-verify")]


def test_reader_asks_for_its_pinpad_once_until_it_is_gone(pcscd, authority, monkeypatch):
    """A PIN step asks the reader for its secure PIN entry (a pcscd round trip) once; the
    next session of the same reader reuses the answer (a card taken out and put back
    changes nothing); once the reader could not be reached, it is asked again."""
    from drivers.eid import pcsc

    asked: list[int] = []
    real = pcsc.pinpad_control_code
    monkeypatch.setattr(pcsc, "pinpad_control_code",
                        lambda handle: asked.append(handle) or real(handle))
    citizen = DEMO_CITIZENS[0]
    reader = PcscEidReader("Virtual PCD 00 00")
    link = VpcdCardLink(virtual_card(authority, citizen), pcscd.connect_card)
    try:
        insert(link)
        for _ in range(2):
            with reader.session() as (_session, pinpad):
                assert pinpad is None  # vpcd has no PC/SC part 10 pinpad
        assert len(asked) == 1
        link.remove()
        wait_empty(reader)
        insert(link)
        with reader.session() as (_session, pinpad):
            assert pinpad is None
        assert len(asked) == 1
        link.remove()
        wait_empty(reader)
        with pytest.raises(CardError, match="no card in the reader"), reader.session():
            pass
        insert(link)
        with reader.session() as (_session, pinpad):
            assert pinpad is None
        assert len(asked) == 2
    finally:
        link.remove()
        reader.close()
