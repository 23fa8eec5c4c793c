"""`kiosk library access serve` watching an eID reader: a REAL private pcscd + vpcd with
the virtual eID (its signatures from the test RRN authority), the embedded library system
over SIP2 and pymodbus's own Modbus TCP server, all on 127.0.0.1. A linked eID opens the
door; an eID the library does not know is refused, so is a forged one; the journal says
"eid", never a national number."""

from __future__ import annotations

import dataclasses
import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from drivers.eid.card_image import TestRrnAuthority, build_card_image
from drivers.eid.private_pcscd import PrivatePcscd
from drivers.eid.virtual_card import VirtualEidCard
from drivers.eid.vpcd import VpcdCardLink
from kiosk.backend.demo_citizens import citizen_card, demo_citizen
from kiosk.backend.library.seed import DEMO_LINK_KEY, demo_library
from kiosk.backend.library.sip2_server import LibrarySip2Service
from tests.drivers.relay.modbus_peer import modbus_peer

pytestmark = pytest.mark.e2e
T = 60  # seconds: every wait here is bounded


@pytest.fixture(scope="module")
def pcscd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivatePcscd]:
    # The door service is a subprocess: only it talks to pcscd (PCSCLITE_CSOCK_NAME in
    # its environment), this process only plays the card.
    with PrivatePcscd(tmp_path_factory.mktemp("door-pcscd")) as stack:
        yield stack


def eid_card(key: str, faults: tuple[str, ...] = (), expired: bool = False) -> VirtualEidCard:
    citizen = demo_citizen(key)
    identity, address, photo = citizen_card(citizen)
    if expired:  # genuine (signed as issued), but its validity ended years ago
        identity = dataclasses.replace(identity, validity_begin=date(2010, 1, 4),
                                       validity_end=date(2020, 1, 4))
    image = build_card_image(identity, address, photo, authority=TestRrnAuthority(),
                             language=citizen.card_language, applet_18=citizen.applet_18,
                             faults=faults)
    return VirtualEidCard(image)


def test_an_eid_at_the_door_is_read_and_decided_on(tmp_path: Path, pcscd: PrivatePcscd):
    acs = LibrarySip2Service(demo_library(), charset="utf-8")
    acs.start()
    try:
        with modbus_peer() as peer:
            config = tmp_path / "kiosk.toml"
            config.write_text(
                '[ui]\nspeech_command = "true"\n'
                f'[devices]\neid_reader = "pcsc://?reader={pcscd.reader_name()}"\n'
                f'[library]\nsip2_address = "127.0.0.1:{acs.port}"\n'
                f'eid_link_key = "{DEMO_LINK_KEY}"\n'
                f'[library.access]\ncontroller = "{peer.uri}"\ndoor_coil = 7\n'
                f'lights_coil = 8\npcs_coil = 9\ndoor_open_s = 1\n'
                f'journal_path = "{tmp_path}/a.db"\n', encoding="utf-8")
            peer.inputs[0] = True  # door closed
            env = {k: v for k, v in pcscd.env.items() if not k.startswith("KIOSK_")}
            outcomes = []
            with subprocess.Popen(
                [sys.executable, "-m", "kiosk", "library", "access", "serve", "--config",
                 str(config)], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True, env=env,
            ) as door:
                try:
                    # stdin is empty (as under systemd): the eID reader keeps it serving
                    assert door.stdout.readline().strip() == "door service ready"
                    # linked to a patron; unknown there; Sophie's, forged
                    # and Sophie's previous card, expired: genuine, but not valid today
                    for key, faults, expired in (("sophie", (), False), ("mateo", (), False),
                                                 ("sophie", ("bad_signature",), False),
                                                 ("sophie", (), True)):
                        with VpcdCardLink(eid_card(key, faults, expired), pcscd.connect_card):
                            outcomes.append(json.loads(door.stdout.readline()))
                    door.send_signal(signal.SIGTERM)
                    assert door.wait(timeout=T) == 0
                finally:
                    if door.poll() is None:
                        door.kill()
                        door.wait(timeout=10)
                errors = door.stderr.read()
            granted, refused, forged, expired = outcomes
            assert (granted["result"], granted["reason"], granted["door_pulsed"]) == (
                "granted", "welcome", True), errors
            assert (refused["result"], refused["reason"]) == ("refused", "card_not_valid")
            assert (forged["result"], forged["reason"]) == ("refused", "eid_not_accepted")
            assert (expired["result"], expired["reason"], expired["door_pulsed"]) == (
                "refused", "eid_expired", False)
            door_writes = [on for coil, on in peer.writes if coil == 7]
            # card mode (locked), then one pulse for Sophie: on, off; none for the refusal
            assert door_writes == [False, True, False]
    finally:
        acs.stop()
    status = subprocess.run(
        [sys.executable, "-m", "kiosk", "library", "access", "status", "--config",
         str(config), "--json"], capture_output=True, text=True, timeout=T, env=env)
    shown = json.loads(status.stdout)
    assert [(e["via"], e["reason"]) for e in shown["entries"]] == [
        ("eid", "eid_expired"), ("eid", "eid_not_accepted"), ("eid", "card_not_valid"),
        ("eid", "welcome")]
    for citizen in ("sophie", "mateo"):  # neither the national number nor a name anywhere
        identity = demo_citizen(citizen).identity
        for text in (errors, status.stdout):
            assert identity.national_number not in text and identity.surname not in text
