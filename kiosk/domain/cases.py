"""Case follow-up: the citizen's cases, read live from the City, in plain words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.domain.city import CityPlatform
from kiosk.domain.fulfilment import Handler

# The backend's case states; the UI shows each as "case.status.<state>" in plain words.
CASE_STATUSES: tuple[str, ...] = ("received", "in_progress", "ready", "delivered", "rejected")


def case_followup_handler(
    platform: CityPlatform,
    timezone: str = "Europe/Brussels",
) -> Handler:
    """Fetch the identified citizen's cases; newest first."""
    zone = ZoneInfo(timezone)

    def handle(language: str, details: Mapping[str, Any]) -> dict[str, Any]:
        found = platform.cases(details["national_number"])
        rows = [
            {
                "id": c.id,
                "service_id": c.service_id,
                "status": c.status if c.status in CASE_STATUSES else "received",
                "updated": c.updated_at.astimezone(zone).strftime("%d/%m/%Y"),
            }
            for c in sorted(found, key=lambda c: c.updated_at, reverse=True)
        ]
        return {"kind": "case_followup", "cases": rows, "printed": True}

    return handle
