"""Reference data (services, fees, texts, desks, sites) as one document with an ETag."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.backend import schemas
from kiosk.backend.tables import SiteRow
from kiosk.domain.catalog import Catalog


def catalog_document(session: Session, catalog: Catalog) -> tuple[schemas.Catalog, str]:
    """The document and its strong ETag (a hash of its canonical JSON)."""
    sites = session.execute(select(SiteRow).order_by(SiteRow.id)).scalars().all()
    document = schemas.Catalog(
        services=[schemas.ServiceOut.model_validate(asdict(s)) for s in catalog.services],
        desks=[schemas.DeskOut.model_validate(asdict(d)) for d in catalog.desks],
        sites=[schemas.SiteOut(id=s.id, name=s.name, timezone=s.timezone) for s in sites],
    )
    canonical = json.dumps(document.model_dump(mode="json"), sort_keys=True,
                           separators=(",", ":"))
    return document, '"' + hashlib.sha256(canonical.encode()).hexdigest()[:32] + '"'


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 If-None-Match: a list of tags or ``*``; weak tags compare weakly."""
    if not if_none_match:
        return False
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag in tags
