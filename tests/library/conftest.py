"""Library tests: the embedded library system over real TCP on 127.0.0.1."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from drivers.payment.simulated import SimulatedCardTerminal
from drivers.sip2 import Sip2Client, Sip2Settings
from kiosk.backend.library.seed import DEMO_LINK_KEY, demo_library
from kiosk.backend.library.sip2_server import LibrarySip2Service
from kiosk.devices import DeviceOwner
from kiosk.domain.queue import Site
from kiosk.library.offline import OfflineStore
from kiosk.library.service import LibraryService
from kiosk.library.settings import LibrarySettings, OfflineLimits
from kiosk.payments.service import PaymentService, PaymentSettings
from kiosk.printing.spool import ReceiptSpool

SITE = Site("bxl-centre", "Bibliothèque centrale", "lib-01")
SOPHIE = "21000000000101"  # one loan, a 2.50 fine, a hold ready; eID linked
LUCAS = "21000000000303"  # an overdue loan
EMMA = "21000000000404"  # blocked: 12.00 of fines
FAST = PaymentSettings(authorise_timeout_s=10, card_call_timeout_s=10)


def sip2_settings(port: int, **overrides) -> Sip2Settings:
    values = {
        "host": "127.0.0.1",
        "port": port,
        "institution_id": "BXL",
        "login_user": "kiosk",
        "login_password": "kiosk",
        "location_code": "bxl-centre",
        "connect_timeout_s": 2.0,
        "read_timeout_s": 1.0,
    }
    values.update(overrides)
    return Sip2Settings(**values)


@pytest.fixture
def library():
    return demo_library()


@pytest.fixture
def acs(library):
    service = LibrarySip2Service(library, charset="utf-8")
    service.start()
    yield service
    service.stop()


@pytest.fixture
def client(acs):
    c = Sip2Client(sip2_settings(acs.port))
    yield c
    c.close()


@pytest.fixture
def terminal():
    return SimulatedCardTerminal()


@pytest.fixture
def payments(store, terminal):
    owner = DeviceOwner("card_terminal", terminal)
    yield PaymentService(store, ReceiptSpool(store, None), SITE, owner, None, FAST)
    owner.close()


@pytest.fixture
def limits() -> OfflineLimits:
    return OfflineLimits(
        max_patron_age_days=30, max_items_per_patron=3, max_transactions=50, loan_days=21
    )


@pytest.fixture
def offline(store) -> OfflineStore:
    return OfflineStore(store, lambda: datetime.now(UTC))


@pytest.fixture
def librarian(client, offline, payments, store, limits) -> LibraryService:
    settings = LibrarySettings("BXL", "bxl-centre", DEMO_LINK_KEY, limits)
    return LibraryService(
        client, offline, settings, site=SITE, spool=ReceiptSpool(store, None), payments=payments
    )
