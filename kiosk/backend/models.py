"""Every table the backend has, on one metadata: what its migrations
(kiosk/backend/migrations) build and are checked against. A module that declares a
table is imported here."""

from __future__ import annotations

from sqlalchemy import MetaData

import kiosk.backend.enrolment
import kiosk.backend.fleet.tables
import kiosk.backend.tables
import kiosk.backend.updates.tables

TABLE_MODULES = (
    kiosk.backend.tables,
    kiosk.backend.enrolment,
    kiosk.backend.fleet.tables,
    kiosk.backend.updates.tables,
)
metadata: MetaData = kiosk.backend.tables.Base.metadata
