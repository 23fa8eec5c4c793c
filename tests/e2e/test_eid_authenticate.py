"""``kiosk device eid authenticate`` through the REAL private pcscd + vpcd with the
virtual card: every result the command reports, and its exit code."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys

import pytest
from cryptography import x509

from drivers.eid.card_image import TestRrnAuthority, build_card_image
from drivers.eid.demo_pki import DemoPki
from drivers.eid.pkcs15 import AUTH_CERT
from drivers.eid.virtual_card import CardBehaviour, VirtualEidCard
from drivers.eid.vpcd import VpcdCardLink
from kiosk.backend.demo_citizens import DEMO_CITIZENS, citizen_card
from tests.e2e.test_eid_pcsc import insert, pcscd  # noqa: F401 - the shared pcscd fixture

pytestmark = pytest.mark.e2e
PIN = "1379"
READER = "Virtual PCD 00 00"
RSA_CITIZEN = next(c for c in DEMO_CITIZENS if not c.applet_18)
EC_CITIZEN = next(c for c in DEMO_CITIZENS if c.applet_18)


@pytest.fixture(scope="module")
def authority() -> TestRrnAuthority:
    return TestRrnAuthority()


@pytest.fixture(scope="module")
def trust_files(authority, tmp_path_factory):
    return authority.pki.write(tmp_path_factory.mktemp("trust"))


def make_card(authority, citizen=RSA_CITIZEN, behaviour=None, **kwargs) -> VirtualEidCard:
    identity, address, photo = citizen_card(citizen)
    image = build_card_image(identity, address, photo, authority=authority,
                             applet_18=citizen.applet_18, pin=PIN, **kwargs)
    return VirtualEidCard(image, behaviour)


def authenticate(pcscd, roots, *extra: str, pin: str | None = PIN,  # noqa: F811
                 stderr: list[str] | None = None):
    """(exit code, the JSON object); what the command wrote on stderr is appended to
    ``stderr`` when given."""
    args = [sys.executable, "-m", "kiosk", "device", "eid", "authenticate", "--roots",
            str(roots), "--reader", READER, "--json", *extra]
    if pin is not None:
        args.append("--pin-stdin")
    result = subprocess.run(args, env=pcscd.env, input=(pin or "") + "\n",
                            capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr, result.stderr
    if stderr is not None:
        stderr.append(result.stderr)
    return result.returncode, json.loads(result.stdout)


def with_card(pcscd, card, *args, **kwargs):  # noqa: F811
    link = VpcdCardLink(card, pcscd.connect_card)
    insert(link)
    try:
        return authenticate(pcscd, *args, **kwargs)
    finally:
        link.remove()


def cert_sha256(card: VirtualEidCard) -> str:
    return hashlib.sha256(card.image.files[AUTH_CERT]).hexdigest()


@pytest.mark.parametrize("citizen", [RSA_CITIZEN, EC_CITIZEN], ids=["rsa-1.7", "ecdsa-1.8"])
def test_right_pin_proves_presence(pcscd, authority, trust_files, citizen):  # noqa: F811
    card = make_card(authority, citizen)
    code, out = with_card(pcscd, card, trust_files["roots"], "--crl", str(trust_files["crl"]))
    assert (code, out["result"]) == (0, "ok"), out
    assert out["auth_cert_sha256"] == cert_sha256(card)
    assert out["tries_left"] is None
    assert out["pinpad"] is False  # vpcd offers no secure PIN entry: the PIN went by VERIFY
    assert out["revocation"]["stale"] is False
    assert PIN not in json.dumps(out)


def test_wrong_pin_reports_tries_left_then_blocked(pcscd, authority, trust_files):  # noqa: F811
    card = make_card(authority)
    link = VpcdCardLink(card, pcscd.connect_card)
    insert(link)
    said: list[str] = []
    try:
        results = [authenticate(pcscd, trust_files["roots"], pin="0000", stderr=said)
                   for _ in range(3)]
        after = authenticate(pcscd, trust_files["roots"])  # even the right PIN
    finally:
        link.remove()
    assert [(c, o["result"], o["tries_left"]) for c, o in results] == [
        (1, "wrong_pin", 2), (1, "wrong_pin", 1), (1, "blocked", 0)]
    assert (after[0], after[1]["result"], after[1]["tries_left"]) == (1, "blocked", 0)
    assert results[0][1]["auth_cert_sha256"] == cert_sha256(card)
    # The last try is never spent silently, and "blocked" says what to do.
    assert ["Last try" in text for text in said] == [False, False, True], said
    assert "blocks the card" in said[2]
    assert "PUK" in results[2][1]["message"] and "PUK" in after[1]["message"]


@pytest.mark.parametrize("typed", ["", "12a4", "123", "1234567890123", " 1379"],
                         ids=["empty", "a letter", "too short", "too long", "a space"])
def test_what_cannot_be_a_pin_is_named_and_costs_no_try(pcscd, authority, trust_files,  # noqa: F811
                                                         typed):
    card = make_card(authority)
    link = VpcdCardLink(card, pcscd.connect_card)
    insert(link)
    try:
        code, out = authenticate(pcscd, trust_files["roots"], pin=typed)
        right = authenticate(pcscd, trust_files["roots"])
    finally:
        link.remove()
    assert (code, out["result"], out["tries_left"]) == (2, "error", 3), out
    assert out["message"] == "PIN from stdin: 4 to 12 digits expected"
    assert right[1]["result"] == "ok", right


def test_revoked_card(pcscd, authority, tmp_path):  # noqa: F811
    card = make_card(authority)
    serial = x509.load_der_x509_certificate(card.image.files[AUTH_CERT]).serial_number
    files = authority.pki.write(tmp_path, revoked_serials=[serial])
    code, out = with_card(pcscd, card, files["roots"], "--crl", str(files["crl"]))
    assert (code, out["result"]) == (1, "revoked"), out
    assert card.crypto.tries_left == 3  # refused before any PIN try was spent


def test_crls_of_several_citizen_cas_in_one_file(pcscd, authority, tmp_path):  # noqa: F811
    """`--crl` takes a PEM bundle, one CRL per citizen CA: the card's own CA's decides
    (each test PKI has two: an RSA one for 1.7 cards, a P-384 one for 1.8 cards)."""
    card = make_card(authority)
    serial = x509.load_der_x509_certificate(card.image.files[AUTH_CERT]).serial_number
    other = DemoPki("another citizen CA").write(tmp_path / "other")["crl"].read_bytes()
    ours = authority.pki.write(tmp_path / "ours", revoked_serials=[serial])
    bundle = tmp_path / "crls.pem"
    bundle.write_bytes(other + ours["crl"].read_bytes())
    code, out = with_card(pcscd, card, ours["roots"], "--crl", str(bundle))
    assert (code, out["result"]) == (1, "revoked"), out
    only_other = tmp_path / "other.pem"
    only_other.write_bytes(other)
    code, out = with_card(pcscd, make_card(authority), ours["roots"], "--crl", str(only_other))
    assert (code, out["result"]) == (1, "revocation_unknown"), out
    assert "none of the 2 configured is from the card's CA" in out["message"]


def test_expired_card(pcscd, authority, trust_files):  # noqa: F811
    card = make_card(authority, cert_not_after=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    code, out = with_card(pcscd, card, trust_files["roots"], "--crl", str(trust_files["crl"]))
    assert (code, out["result"]) == (1, "expired"), out
    assert "validity" in out["message"]


def test_untrusted_root(pcscd, authority, tmp_path):  # noqa: F811
    other = DemoPki("not the card's").write(tmp_path)
    code, out = with_card(pcscd, make_card(authority), other["roots"])
    assert (code, out["result"]) == (1, "untrusted"), out
    assert "does not chain" in out["message"]


def test_stale_crl_refused_or_accepted_by_policy(pcscd, authority, tmp_path, trust_files):  # noqa: F811
    pki = authority.pki
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=10)
    stale = tmp_path / "stale.crl"
    stale.write_bytes(pki.crl(this_update=old, next_update=old + dt.timedelta(days=7),
                              kind="rsa"))  # the card's CA's: an applet 1.7 card
    code, out = with_card(pcscd, make_card(authority), trust_files["roots"], "--crl", str(stale))
    assert (code, out["result"]) == (1, "revocation_unknown"), out
    code, out = with_card(pcscd, make_card(authority), trust_files["roots"], "--crl", str(stale),
                          "--stale-crl", "accept")
    assert code == 0 and out["revocation"]["stale"] is True
    assert out["revocation"]["age_seconds"] >= 10 * 86400 - 60


def test_a_card_that_signs_without_a_verified_pin_is_untrusted(pcscd, authority,  # noqa: F811
                                                              trust_files):
    card = make_card(authority, behaviour=CardBehaviour(sign_without_pin=True))
    code, out = with_card(pcscd, card, trust_files["roots"], "--crl", str(trust_files["crl"]))
    assert (code, out["result"]) == (1, "untrusted"), out
    assert "signed before its PIN was verified" in out["message"]
    assert out["tries_left"] is None  # refused before the PIN was asked


def test_no_card(pcscd, trust_files):  # noqa: F811
    code, out = authenticate(pcscd, trust_files["roots"])
    assert (code, out["result"], out["auth_cert_sha256"]) == (2, "no_card", None), out


def test_card_pulled_out_during_pin_entry_ends_cleanly(pcscd, authority, trust_files):  # noqa: F811
    card = make_card(authority, behaviour=CardBehaviour(remove_on_verify=True))
    code, out = with_card(pcscd, card, trust_files["roots"])
    assert (code, out["result"]) == (2, "no_card"), out
    assert "removed" in out["message"]


def test_bad_roots_file_names_it(pcscd, tmp_path):  # noqa: F811
    bad = tmp_path / "roots.pem"
    bad.write_text("not a certificate")
    code, out = authenticate(pcscd, bad)
    assert (code, out["result"]) == (2, "error")
    assert "roots.pem" in out["message"]
