"""Chain, validity, revocation and signature checks (common/eid/trust.py) with the test
PKI: every refusal names what failed and carries the result the CLI reports."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from common.eid.trust import (
    StaleCrlPolicy,
    TrustError,
    certificate_sha256,
    check_card,
    load_certificates,
    load_crl,
    load_crls,
    verify_challenge_signature,
)
from drivers.eid.demo_pki import DemoPki

NOW = dt.datetime(2026, 12, 6, 12, tzinfo=dt.UTC)
END = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def pki() -> DemoPki:
    return DemoPki("trust test")


@pytest.fixture(scope="module")
def card(pki):
    return pki.issue("591123456789", "Test", "85073003328", kind="ec", not_after=END)


def crl(pki, *revoked, **kwargs):
    kwargs.setdefault("this_update", NOW - dt.timedelta(hours=1))
    return x509.load_der_x509_crl(pki.crl(revoked, **kwargs))


def check(pki, card, **kwargs):
    kwargs.setdefault("crls", [crl(pki)])
    return check_card(card.auth_cert, [card.ca_cert], roots=[pki.root], now=NOW, **kwargs)


def test_a_good_card_passes_and_reports_its_certificate_hash(pki, card):
    trusted = check(pki, card)
    assert trusted.auth_cert_sha256 == certificate_sha256(card.auth_cert)
    assert trusted.crl is not None and not trusted.crl.stale
    assert trusted.crl.age(NOW) == dt.timedelta(hours=1)


def test_unknown_root_is_untrusted(pki, card):
    other = DemoPki("other")
    with pytest.raises(TrustError, match="does not chain") as refused:
        check_card(card.auth_cert, [card.ca_cert], roots=[other.root], now=NOW)
    assert refused.value.result == "untrusted"


def test_expired_certificate_and_expired_identity_file(pki):
    old = pki.issue("591000000001", "Old", "85073003328", kind="ec",
                    not_before=dt.datetime(2015, 1, 1, tzinfo=dt.UTC),
                    not_after=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(TrustError, match="outside its validity") as refused:
        check(pki, old)
    assert refused.value.result == "expired"
    card = pki.issue("591000000002", "New", "85073003328", kind="ec", not_after=END)
    with pytest.raises(TrustError, match="identity file") as refused:
        check(pki, card, card_validity_end=dt.date(2026, 12, 5))
    assert refused.value.result == "expired"


@pytest.mark.parametrize(("utc", "expired"), [
    (dt.datetime(2027, 6, 30, 21, 59, tzinfo=dt.UTC), False),  # 23:59 in Brussels (CEST)
    (dt.datetime(2027, 6, 30, 22, 30, tzinfo=dt.UTC), True),   # 00:30 on 1 July there
    (dt.datetime(2027, 1, 31, 22, 59, tzinfo=dt.UTC), False),  # 23:59 (CET)
    (dt.datetime(2027, 1, 31, 23, 0, tzinfo=dt.UTC), True),    # midnight, 1 February
])
def test_the_card_expires_at_midnight_in_brussels(utc, expired):
    """The identity file's end of validity is a Belgian calendar day."""
    from common.eid.trust import check_card_expiry

    end = dt.date(utc.year, utc.month, 30 if utc.month == 6 else 31)
    if expired:
        with pytest.raises(TrustError, match="expired") as refused:
            check_card_expiry(end, utc)
        assert refused.value.result == "expired"
    else:
        check_card_expiry(end, utc)


def test_revoked_serial_in_the_crl(pki, card):
    serial = x509.load_der_x509_certificate(card.auth_cert).serial_number
    with pytest.raises(TrustError, match="revoked") as refused:
        check(pki, card, crls=[crl(pki, serial)])
    assert refused.value.result == "revoked"


def test_a_long_crl_refuses_its_cards_and_passes_the_others_card_after_card(pki, card):
    # One CRL object serving many cards, as at a kiosk: 2,000 entries with the card's
    # serial in the middle, checked again and again against the same object.
    serial = x509.load_der_x509_certificate(card.auth_cert).serial_number
    others = [serial + 7919 * i for i in range(1, 2001)]
    long_crl = crl(pki, *others[:1000], serial, *others[1000:])
    assert long_crl.get_revoked_certificate_by_serial_number(serial) is not None
    for _ in range(3):
        with pytest.raises(TrustError, match="revoked") as refused:
            check(pki, card, crls=[long_crl])
        assert refused.value.result == "revoked"
    without = crl(pki, *others)  # the same entries but the card's: it passes, each time
    for _ in range(3):
        assert check(pki, card, crls=[without]).crl is not None


def test_crl_with_a_bad_signature_is_refused(pki, card):
    with pytest.raises(TrustError, match="signature does not verify") as refused:
        check(pki, card, crls=[crl(pki, signer="root")])
    assert refused.value.result == "revocation_unknown"


def test_a_kept_crl_signature_check_binds_that_very_crl_object(pki, card):
    """The CRL's signature is checked once per CRL object: a kept CRL passes again
    without a new check, and a forged one (another object, same issuer and content,
    signed by another key) is still refused — also when it is checked first."""
    forged, good = crl(pki, signer="root"), crl(pki)
    for _ in range(2):
        with pytest.raises(TrustError, match="signature does not verify"):
            check(pki, card, crls=[forged])
        assert check(pki, card, crls=[good]).crl is not None


def test_stale_crl_follows_the_policy(pki, card):
    stale = crl(pki, next_update=NOW - dt.timedelta(minutes=1))
    with pytest.raises(TrustError, match="past its next update"):
        check(pki, card, crls=[stale])
    trusted = check(pki, card, crls=[stale], stale_policy=StaleCrlPolicy.ACCEPT)
    assert trusted.crl is not None and trusted.crl.stale


@pytest.fixture(scope="module")
def second_ca() -> DemoPki:
    """Another citizen CA under another root: Belgium has several signing cards at once."""
    return DemoPki("second CA")


def serial_of(card) -> int:
    return x509.load_der_x509_certificate(card.auth_cert).serial_number


def test_each_card_is_checked_against_its_own_cas_crl_among_several(pki, card, second_ca):
    other_card = second_ca.issue("591000000005", "Other", "85073003328", kind="ec",
                                 not_after=END)
    roots = [pki.root, second_ca.root]
    ours = crl(pki)  # this_update an hour ago
    theirs_revoking = x509.load_der_x509_crl(second_ca.crl(
        [serial_of(other_card)], this_update=NOW - dt.timedelta(hours=3)))
    for crls in ([ours, theirs_revoking], [theirs_revoking, ours]):
        trusted = check_card(card.auth_cert, [card.ca_cert], roots=roots, now=NOW, crls=crls)
        assert trusted.crl is not None and trusted.crl.age(NOW) == dt.timedelta(hours=1)
        with pytest.raises(TrustError, match="revoked") as refused:
            check_card(other_card.auth_cert, [other_card.ca_cert], roots=roots, now=NOW,
                       crls=crls)
        assert refused.value.result == "revoked"
    # A serial means something only in its own CA's list: the same serial listed by the
    # other CA revokes nothing here.
    theirs_listing_ours = x509.load_der_x509_crl(second_ca.crl([serial_of(card)]))
    assert check_card(card.auth_cert, [card.ca_cert], roots=roots, now=NOW,
                      crls=[theirs_listing_ours, ours]).crl is not None


def test_a_card_whose_ca_has_no_crl_among_them_is_refused_naming_that_ca(pki, card,
                                                                          second_ca):
    theirs = x509.load_der_x509_crl(second_ca.crl())
    for policy in StaleCrlPolicy:  # not a stale CRL: none at all for that CA
        with pytest.raises(TrustError, match=r"none of the 1 configured is from the card's "
                                             r"CA \(CN=Citizen CA \(trust test\),C=BE\)"
                           ) as refused:
            check(pki, card, crls=[theirs], stale_policy=policy)
        assert refused.value.result == "revocation_unknown"


def test_of_two_crls_of_the_same_ca_the_newest_decides(pki, card):
    older = crl(pki, this_update=NOW - dt.timedelta(days=2))
    newer_revoking = x509.load_der_x509_crl(pki.crl([serial_of(card)],
                                                    this_update=NOW - dt.timedelta(hours=1)))
    for crls in ([older, newer_revoking], [newer_revoking, older]):
        with pytest.raises(TrustError, match="revoked"):
            check(pki, card, crls=crls)
    # A newer one that does not verify is refused, not passed over for the older one.
    newer_forged = x509.load_der_x509_crl(pki.crl(this_update=NOW - dt.timedelta(hours=1),
                                                  signer="root"))
    with pytest.raises(TrustError, match="signature does not verify"):
        check(pki, card, crls=[older, newer_forged])


def pem(der: bytes) -> bytes:
    return x509.load_der_x509_crl(der).public_bytes(serialization.Encoding.PEM)


def test_a_crl_file_holds_one_der_crl_or_a_pem_bundle_and_a_bad_one_is_named(pki,
                                                                             second_ca):
    assert len(load_crls(pki.crl(), "ca.crl")) == 1
    bundle = pem(pki.crl()) + pem(second_ca.crl())
    assert [c.issuer for c in load_crls(bundle, "crls.pem")] == [
        pki.citizen_ca.subject, second_ca.citizen_ca.subject]
    garbled = pem(pki.crl()) + b"-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n"
    with pytest.raises(TrustError, match=r"crls\.pem \(CRL 2 of 2\): not a CRL") as refused:
        load_crls(garbled, "crls.pem")
    assert refused.value.result == "revocation_unknown"
    cut_short = pem(pki.crl()) + pem(second_ca.crl())[:200]
    with pytest.raises(TrustError, match=r"crls\.pem: 2 PEM blocks, of which only 1"):
        load_crls(cut_short, "crls.pem")
    with pytest.raises(TrustError, match=r"certs\.pem: no CRL in it"):
        load_crls(pki.roots_pem(), "certs.pem")


def test_malformed_inputs_name_what_failed(pki, card):
    with pytest.raises(TrustError, match="malformed"):
        check_card(card.auth_cert[:-10], [card.ca_cert], roots=[pki.root], now=NOW)
    with pytest.raises(TrustError, match=r"roots\.pem: not a certificate"):
        load_certificates(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                          "roots.pem")
    with pytest.raises(TrustError, match=r"crl\.pem: not a CRL"):
        load_crl(b"garbage", "crl.pem")


def _refused_card_certificate(pki, card, extensions) -> bytes:
    """A certificate the trusted citizen CA signed for a named holder, which the card
    policy refuses."""
    side = pki.hierarchy("ec")
    builder = (x509.CertificateBuilder()
               .subject_name(x509.Name([
                   x509.NameAttribute(NameOID.COMMON_NAME, "Marie Dupont (Authentication)"),
                   x509.NameAttribute(NameOID.SERIAL_NUMBER, "85073003328")]))
               .issuer_name(side.citizen_ca.subject)
               .public_key(card.auth_key.public_key())
               .serial_number(4242)
               .not_valid_before(NOW - dt.timedelta(days=30))
               .not_valid_after(END))
    for extension, critical in extensions:
        builder = builder.add_extension(extension, critical=critical)
    return builder.sign(side.ca_key, hashes.SHA384()).public_bytes(serialization.Encoding.DER)


def _key_usage(digital_signature: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=digital_signature, content_commitment=True,
                         key_encipherment=False, data_encipherment=False,
                         key_agreement=False, key_cert_sign=False, crl_sign=False,
                         encipher_only=False, decipher_only=False)


@pytest.mark.parametrize(("extensions", "reason"), [
    ([], "missing required extension"),
    ([(_key_usage(False), True)], "digitalSignature"),
    ([(_key_usage(True), True),
      (x509.UnrecognizedExtension(x509.ObjectIdentifier("1.3.6.1.4.1.99999.1"), b"\x05\x00"),
       True)], "1.3.6.1.4.1.99999.1"),
], ids=["no key usage", "no digitalSignature", "unknown critical extension"])
def test_a_refused_card_certificate_is_named_by_its_fault_not_its_holder(pki, card,
                                                                         extensions, reason):
    """The refusal goes to a 403 body, the kiosk's log and the CLI's JSON: the verifier's
    reason, never the holder's name or national number it prints with the certificate."""
    auth = _refused_card_certificate(pki, card, extensions)
    with pytest.raises(TrustError) as refused:
        check_card(auth, [card.ca_cert], roots=[pki.root], crls=[crl(pki)], now=NOW)
    message = str(refused.value)
    assert refused.value.result == "untrusted"
    assert reason in message, message
    assert "85073003328" not in message and "Dupont" not in message, message


def test_signature_over_another_challenge_does_not_verify(card):
    cert = x509.load_der_x509_certificate(card.auth_cert)
    signature = card.auth_key.sign(b"challenge A", ec.ECDSA(hashes.SHA384()))
    verify_challenge_signature(cert, b"challenge A", signature)
    with pytest.raises(TrustError, match="does not verify"):
        verify_challenge_signature(cert, b"challenge B", signature)


def test_pem_bundle_round_trip(pki):
    pem = pki.root.public_bytes(serialization.Encoding.PEM) * 2
    assert len(load_certificates(pem, "roots.pem")) == 2


def test_the_citizen_ca_path_is_validated_once_yet_binds_every_card(pki, card):
    """The CA → root part of a path is kept per (CA, roots), so every card of a CA costs
    one signature check; it must never let through a card its CA did not sign, a CA its
    root did not sign, a certificate that is no CA, or a CA past its validity."""
    assert check(pki, card).auth_cert_sha256 == certificate_sha256(card.auth_cert)  # kept
    twin = DemoPki("trust test")  # same names, other keys
    forged = twin.issue("591000000003", "Forged", "85073003328", kind="ec", not_after=END)
    for leaf, ca in ((forged.auth_cert, card.ca_cert),  # another key under the kept CA
                     (forged.auth_cert, forged.ca_cert),  # a CA the root did not sign
                     (card.auth_cert, forged.auth_cert)):  # a card certificate as its CA
        with pytest.raises(TrustError, match="does not chain") as refused:
            check_card(leaf, [ca], roots=[pki.root], now=NOW)
        assert refused.value.result == "untrusted"
    # A card outliving its CA: passes while the CA is valid, refused once it is not.
    ca = x509.load_der_x509_certificate(card.ca_cert)
    later = ca.not_valid_after_utc + dt.timedelta(days=1)
    long_lived = pki.issue("591000000004", "Long", "85073003328", kind="ec",
                           not_after=later + dt.timedelta(days=365))
    check_card(long_lived.auth_cert, [long_lived.ca_cert], roots=[pki.root], now=NOW)
    with pytest.raises(TrustError, match="citizen CA") as refused:
        check_card(long_lived.auth_cert, [long_lived.ca_cert], roots=[pki.root], now=later)
    assert refused.value.result == "untrusted"
