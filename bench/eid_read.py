"""Read and verify a Belgian eID through a real private pcscd + vpcd + virtual card.

Prints one JSON object: APDUs per read and the minimum for the chunk size, the median
time of a full read (connect, six files, parse, verify), and the floor — the very same
APDUs replayed raw through pyscard in the same run — with their ratio (target ≤ 1.5).

``presence``: card in → presence proven (the full read, then certificates, chain,
validity and CRL checks, the PIN — typed instantly by the benchmark — and the
challenge signature and its check), against the raw replay of the same APDUs
(target ≤ 1.3). The trust comes as at a kiosk offline: the roots and the CRL read from
their files for each card (kiosk.eid_trust.OfflineTrust), the CRL as long as a citizen
CA's (``--crl-entries``, 20,000 by default).

The virtual card answers an APDU in tens of µs, so the presence ratio also depends on
what a signature check costs on the machine against what an APDU does: ``host`` gives
the median of each (measured in this run), and ``bound_ratio`` the ratio a driver would
reach that added nothing to the raw APDUs but the one check that cannot overlap them —
the challenge signature's, which can only start once the card has answered the last
APDU. A ratio above the target with a bound close to it is the machine, not the driver.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding

from common.eid.trust import verify_challenge_signature
from drivers.eid.apdu import DEFAULT_CHUNK, EidSession
from drivers.eid.auth import HostPinEntry
from drivers.eid.card import FILES, read_eid
from drivers.eid.card_image import TestRrnAuthority, build_card_image
from drivers.eid.pcsc import PcscEidReader, PcscTransport
from drivers.eid.presence import TrustSettings, prove_presence
from drivers.eid.private_pcscd import PrivatePcscd
from drivers.eid.virtual_card import VirtualEidCard
from drivers.eid.vpcd import VpcdCardLink
from kiosk.backend.demo_citizens import DEMO_CITIZENS, DemoCitizen, demo_citizen
from kiosk.backend.demo_citizens import citizen_card as make_card
from kiosk.config.schema import EidSection
from kiosk.eid_trust import OfflineTrust

PRESENCE_TARGET = 1.3
PIN = "1234"


class RecordingTransport:
    def __init__(self, inner: PcscTransport) -> None:
        self.inner = inner
        self.apdus: list[bytes] = []

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        self.apdus.append(apdu)
        return self.inner.transmit(apdu)


def minimum_apdus(card: VirtualEidCard, chunk: int) -> int:
    """GET CARD DATA (+1 on applet 1.8), one SELECT per file, one READ per started
    chunk, and one more only for a file that ends exactly on a chunk boundary."""
    files = card.image.files
    reads = sum(1 + math.ceil(len(files[p]) / chunk) + (len(files[p]) % chunk == 0)
                for p, _ in FILES)
    return reads + (2 if card.image.applet_version >= 0x18 else 1)


def check_cost_ms(image, checks: int = 200) -> float:
    """Median time of one challenge-signature check on this machine, right now: the
    kiosk's own check (:func:`common.eid.trust.verify_challenge_signature`) of a
    signature by the card's authentication key, against its certificate."""
    ec_card = image.applet_version >= 0x18
    key = _PKI[0].card_keys("ec" if ec_card else "rsa")[0]
    cert = x509.load_der_x509_certificate(image.files[bytes.fromhex("3F00DF005038")])
    challenge = secrets.token_bytes(32)
    signature = (key.sign(challenge, ec.ECDSA(hashes.SHA384())) if ec_card
                 else key.sign(challenge, padding.PKCS1v15(), hashes.SHA256()))
    times = []
    for _ in range(checks):
        start = time.perf_counter()
        verify_challenge_signature(cert, challenge, signature)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def default_citizens() -> list[str]:
    """One demo citizen per card generation: RSA (applet 1.7) and ECDSA (applet 1.8)."""
    rsa = next(c.key for c in DEMO_CITIZENS if not c.applet_18)
    ecdsa = next(c.key for c in DEMO_CITIZENS if c.applet_18)
    return [rsa, ecdsa]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--citizen", action="append", help="demo citizen key (repeatable)")
    parser.add_argument("--chunk", type=lambda v: int(v, 0), default=DEFAULT_CHUNK)
    parser.add_argument("--crl-entries", type=int, default=20_000,
                        help="serials the CRL revokes (none of them the card's)")
    args = parser.parse_args()
    keys = args.citizen or default_citizens()
    with tempfile.TemporaryDirectory(prefix="eid-bench-") as tmp:
        directory = Path(tmp) / "pcscd"
        # pyscard reads the socket name once: one private pcscd, one vpcd slot per card.
        os.environ["PCSCLITE_CSOCK_NAME"] = str(directory / "pcscd.comm")
        with PrivatePcscd(directory) as pcscd:
            cards = [measure(pcscd, slot, demo_citizen(key), args.runs, args.chunk,
                             args.crl_entries, Path(tmp))
                     for slot, key in enumerate(keys)]
    if any(card is None for card in cards):
        return 1
    result = {
        "benchmark": "eid_read",
        "cards": cards,
        "worst_ratio": max(card["ratio"] for card in cards),
        "target_ratio": 1.5,
        "presence_worst_ratio": max(card["presence"]["ratio"] for card in cards),
        "presence_target_ratio": PRESENCE_TARGET,
        "crl_entries": args.crl_entries,
        "ok": all(card["ok"] and card["presence"]["ok"] for card in cards),
    }
    print(json.dumps(result))
    return 0 if result["ok"] else 1


def measure(pcscd: PrivatePcscd, slot: int, citizen: DemoCitizen, runs: int,
            chunk: int, crl_entries: int, directory: Path) -> dict | None:
    """Full reads against the raw replay of their APDUs, for one virtual card."""
    from smartcard import scard  # after PCSCLITE_CSOCK_NAME is set (read once)

    identity, address, photo = make_card(citizen)
    authority = TestRrnAuthority()
    _PKI[:] = [authority.pki]
    image = build_card_image(identity, address, photo, authority=authority,
                             language=citizen.card_language, applet_18=citizen.applet_18,
                             pin=PIN)
    card = VirtualEidCard(image)
    with VpcdCardLink(card, lambda: pcscd.connect_card(slot)):
        reader = PcscEidReader(pcscd.reader_name(slot), chunk_size=chunk)
        deadline = time.monotonic() + 15
        while not reader.card_present():
            if time.monotonic() > deadline:
                sys.stderr.write("the virtual card never showed up\n")
                return None
            reader.wait_for_event(0.5)

        # One recorded read gives the APDU script for the floor.
        _hresult, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        _hresult, handle, proto = scard.SCardConnect(
            ctx, pcscd.reader_name(slot), scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
        recorder = RecordingTransport(PcscTransport(handle, proto))
        data = read_eid(EidSession(recorder, chunk))
        scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)
        script = [list(apdu) for apdu in recorder.apdus]

        full: list[float] = []
        floor: list[float] = []
        for _ in range(runs):
            start = time.perf_counter()
            data = reader.read_card()
            full.append(time.perf_counter() - start)

            start = time.perf_counter()
            _hresult, handle, proto = scard.SCardConnect(
                ctx, pcscd.reader_name(slot), scard.SCARD_SHARE_SHARED,
                scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
            for apdu in script:
                scard.SCardTransmit(handle, proto, apdu)
            scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)
            floor.append(time.perf_counter() - start)
        apdu_count = reader.last_apdu_count
        trust = kiosk_trust(image, crl_entries, directory / f"trust-{slot}")
        check_ms = check_cost_ms(image)
        presence = measure_presence(reader, ctx, pcscd.reader_name(slot), trust, script, runs)
        presence["host"] = {
            "check_ms": round(check_ms, 3),
            "check": "ECDSA P-384" if citizen.applet_18 else "RSA-2048",
            "floor_us_per_apdu": round(presence["floor_median_ms"] * 1000
                                       / presence["apdu_count"], 1),
        }
        presence["bound_ratio"] = round(
            (presence["floor_median_ms"] + check_ms) / presence["floor_median_ms"], 3)
        reader.close()
        scard.SCardReleaseContext(ctx)

    median = statistics.median(full)
    floor_median = statistics.median(floor)
    card_result = {
        "citizen": citizen.key,
        "applet_version": f"0x{image.applet_version:02X}",
        "chunk_size": chunk,
        "runs": runs,
        "apdu_count": apdu_count,
        "min_apdu_count": minimum_apdus(card, chunk),
        "median_ms": round(median * 1000, 3),
        "floor_median_ms": round(floor_median * 1000, 3),
        "ratio": round(median / floor_median, 3),
        "verified": data.verification.all_passed,
        "presence": presence,
    }
    card_result["ok"] = (card_result["ratio"] <= 1.5 and card_result["verified"]
                         and apdu_count == card_result["min_apdu_count"])
    return card_result


def kiosk_trust(image, crl_entries: int, directory: Path) -> Callable[[], TrustSettings]:
    """Trust as a kiosk offline has it: the test PKI's two roots (RSA for applet 1.7 cards,
    P-384 for 1.8) and a fresh CRL of each citizen CA revoking ``crl_entries`` other
    serials, in one PEM file, read through OfflineTrust."""
    card_serial = x509.load_der_x509_certificate(
        image.files[bytes.fromhex("3F00DF005038")]).serial_number
    others = [card_serial + 7919 * i for i in range(1, crl_entries + 1)]
    files = _PKI[0].write(directory, revoked_serials=others)
    return OfflineTrust(EidSection(roots=str(files["roots"]), crl=str(files["crl"])))


_PKI: list = []


def measure_presence(reader: PcscEidReader, ctx: int, reader_name: str,
                     trust: Callable[[], TrustSettings], read_script: list[list[int]],
                     runs: int) -> dict:
    """Card in → presence proven, against the raw replay of the same APDUs."""
    from smartcard import scard

    def prove(session: EidSession):
        return prove_presence(session, ask_pin=lambda _left: HostPinEntry(bytearray(PIN.encode())),
                              challenge=secrets.token_bytes(32), trust=trust(),
                              now=dt.datetime.now(dt.UTC), verifier=reader.verifier())

    # One recorded exchange gives the APDU script of the authentication part.
    _hresult, handle, proto = scard.SCardConnect(
        ctx, reader_name, scard.SCARD_SHARE_SHARED,
        scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
    recorder = RecordingTransport(PcscTransport(handle, proto))
    prove(EidSession(recorder, reader.chunk_size))
    scard.SCardDisconnect(handle, scard.SCARD_RESET_CARD)
    auth_script = [list(apdu) for apdu in recorder.apdus]

    full: list[float] = []
    floor: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        data = reader.read_card()
        with reader.session() as (session, _pinpad):
            proof = prove(session)
        full.append(time.perf_counter() - start)
        assert data.verification.all_passed and proof.trusted is not None

        start = time.perf_counter()
        for script, disposition in ((read_script, scard.SCARD_LEAVE_CARD),
                                    (auth_script, scard.SCARD_RESET_CARD)):
            _hresult, handle, proto = scard.SCardConnect(
                ctx, reader_name, scard.SCARD_SHARE_SHARED,
                scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
            for apdu in script:
                scard.SCardTransmit(handle, proto, apdu)
            scard.SCardDisconnect(handle, disposition)
        floor.append(time.perf_counter() - start)
    median, floor_median = statistics.median(full), statistics.median(floor)
    ratio = round(median / floor_median, 3)
    return {"runs": runs, "apdu_count": len(read_script) + len(auth_script),
            "median_ms": round(median * 1000, 3),
            "floor_median_ms": round(floor_median * 1000, 3), "ratio": ratio,
            "ok": ratio <= PRESENCE_TARGET}


if __name__ == "__main__":
    sys.exit(main())
