"""The technician screen's eID revocation lines through the real QML (offscreen), in
each language: the cached CRLs' state and age (and how many, one per citizen CA), the stale
policy, and OCSP's state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QThreadPool, QUrl
from PySide6.QtQml import QQmlApplicationEngine

from kiosk.config.schema import EidSection
from kiosk.eid_trust import revocation_status
from kiosk.i18n import Translator
from kiosk.recent_errors import RecentErrors
from kiosk.technician import TechnicianGate
from tests.backend.card_proof import shared_test_pki
from ui.app import QML_DIR
from ui.operations import BackgroundRunner
from ui.scripted import find_item, wait_until
from ui.shown_texts import uncatalogued_texts
from ui.viewmodels.technician import TechnicianViewModel

VIEW = """
import QtQuick
import QtQuick.Controls
import "%s"

ApplicationWindow {
    id: win
    width: 540; height: 960; visible: true
    property var texts: languageTexts
    TechnicianView { anchors.fill: parent; u: 0.5; tech: technician; vm: ({texts: win.texts}) }
}
"""

NOW = datetime.now(UTC)
EXPECTED = {
    "fr": ("✖ Liste de révocation (CRL) périmée — émise il y a 200 h (",
           "cartes refusées tant qu'elle est périmée", "OCSP : non utilisé"),
    "nl": ("✖ Intrekkingslijst (CRL) verouderd — uitgegeven 200 u geleden (",
           "kaarten geweigerd zolang ze verouderd is", "OCSP: niet gebruikt"),
    "en": ("✖ Revocation list (CRL) out of date — issued 200 h ago (",
           "cards refused while it is out of date", "OCSP: not used"),
}
# With a CRL per citizen CA: how many, and the dates of the first to go stale.
SEVERAL = {
    "fr": "périmée — 2 listes, une par autorité de certification ; la première à se périmer "
          "— émise il y a 200 h (",
    "nl": "verouderd — 2 lijsten, één per certificeringsautoriteit; de eerste die veroudert "
          "— uitgegeven 200 u geleden (",
    "en": "out of date — 2 lists, one per certification authority; the first to go out of "
          "date — issued 200 h ago (",
}


@pytest.fixture(scope="module")
def stale_crl(tmp_path_factory):
    path = tmp_path_factory.mktemp("crl") / "citizen-ca.crl"
    path.write_bytes(shared_test_pki().crl(this_update=NOW - timedelta(hours=200),
                                           next_update=NOW - timedelta(hours=32)))
    return path


@pytest.fixture(scope="module")
def crl_bundle(tmp_path_factory, stale_crl):
    """The stale CRL and a fresh one of another citizen CA, in one PEM file."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    from drivers.eid.demo_pki import DemoPki

    def pem(der: bytes) -> bytes:
        return x509.load_der_x509_crl(der).public_bytes(serialization.Encoding.PEM)

    path = tmp_path_factory.mktemp("crls") / "citizen-cas.pem"
    path.write_bytes(pem(DemoPki("another citizen CA").crl()) + pem(stale_crl.read_bytes()))
    return path


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_crl_age_and_state_are_shown_in_each_language(qapp, tmp_path, stale_crl,
                                                          crl_bundle, language):
    runner = BackgroundRunner(QThreadPool.globalInstance())
    errors = RecentErrors()
    tech = TechnicianViewModel(TechnicianGate("", lambda: 0.0), runner, lambda: language,
                               errors, lambda _code: None)
    path = tmp_path / "Tech.qml"
    path.write_text(VIEW % QML_DIR.as_uri(), encoding="utf-8")
    engine = QQmlApplicationEngine()
    warnings: list[str] = []
    engine.warnings.connect(lambda ws: warnings.extend(w.toString() for w in ws))
    engine.rootContext().setContextProperty("technician", tech)
    engine.rootContext().setContextProperty("languageTexts", Translator(language).all())
    engine.load(QUrl.fromLocalFile(str(path)))
    assert engine.rootObjects(), warnings
    window = engine.rootObjects()[0]
    try:
        assert find_item(window, "crlLine").property("text") == "…"  # not read yet
        # What the worker's collect_status reads from [eid] lands on the GUI thread.
        revocation = revocation_status(EidSection(crl=str(stale_crl)), NOW)
        tech._status_ready({"revocation": revocation})
        head, policy, ocsp = EXPECTED[language]
        wait_until(lambda: find_item(window, "crlLine").property("text").startswith(head), 5,
                   "the CRL line")
        line = find_item(window, "crlLine").property("text")
        assert line.endswith(policy) and revocation["thisUpdate"] in line
        assert "UTC" not in line  # Brussels time, like the error log beside it
        assert find_item(window, "ocspLine").property("text").startswith(ocsp)
        # (One CRL: no count — ``head`` has the dates right after the state.)
        tech._status_ready({"revocation": revocation_status(EidSection(crl=str(crl_bundle)),
                                                            NOW)})
        wait_until(lambda: SEVERAL[language] in find_item(window, "crlLine").property("text"),
                   5, "the count of CRLs")
        assert find_item(window, "crlLine").property("text").endswith(policy)
        # Put together the way the screen check reads catalog texts (ui/shown_texts.py).
        assert uncatalogued_texts(window, language) == []
        assert warnings == []
    finally:
        window.close()
        engine.deleteLater()
        runner.close()
