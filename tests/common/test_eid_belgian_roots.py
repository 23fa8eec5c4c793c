"""The shipped Belgian eID roots: the pinned fingerprints hold, they are self-signed CAs,
and a tampered copy is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509

from common.eid.belgian_roots import (
    BELGIAN_ROOTS,
    RootFingerprintError,
    belgian_roots,
    belgian_roots_pem,
)


def test_every_shipped_root_matches_its_pin_and_is_a_self_signed_ca():
    roots = belgian_roots()
    assert len(roots) == len(BELGIAN_ROOTS)
    names = sorted(r.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value
                   for r in roots)
    assert names == ["Belgium Root CA3", "Belgium Root CA4", "Belgium Root CA6"]
    for root in roots:
        assert root.issuer == root.subject
        assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
        assert root.not_valid_after_utc > dt.datetime(2027, 1, 1, tzinfo=dt.UTC)


def test_the_pem_bundle_holds_them_all():
    assert belgian_roots_pem().count(b"BEGIN CERTIFICATE") == len(BELGIAN_ROOTS)


def test_a_root_that_does_not_match_its_pin_is_refused(monkeypatch):
    monkeypatch.setitem(BELGIAN_ROOTS, "belgium-root-ca3.pem", "00" * 32)
    with pytest.raises(RootFingerprintError, match=r"belgium-root-ca3\.pem"):
        belgian_roots()
