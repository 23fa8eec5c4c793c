"""What the review and case screens list, as plain rows for QML (Qt-free): built from
the journey's session, in the session's language."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from kiosk.domain.catalog import Catalog, Service, ServiceKind
from kiosk.i18n import Translator, format_money


def review_rows(service: Service, details: Mapping[str, Any], amount_due: int, language: str,
                day_label: Callable[[str], str]) -> dict[str, Any]:
    """What the citizen confirms before paying or booking: what for, how much."""
    tr = Translator(language)
    lines = [{"label": tr("review.what"), "value": service.name.get(language)}]
    if service.kind == ServiceKind.CERTIFICATE:
        lines.append({"label": tr("review.delivery"),
                      "value": tr(f"delivery.{details.get('delivery', 'portal')}")})
    elif service.kind == ServiceKind.LETTER_PAYMENT:
        lines.append({"label": tr("letter.reference"),
                      "value": str(details.get("communication", ""))})
    elif service.kind == ServiceKind.APPOINTMENT:
        lines += [
            {"label": tr("review.when"),
             "value": f"{day_label(str(details.get('day', '')))} "
                      f"{details.get('slot_time', '')}"},
            {"label": tr("appointment.site"), "value": str(details.get("site_name", ""))},
            {"label": tr("appointment.counter"), "value": str(details.get("counter", ""))},
        ]
    paid = amount_due > 0
    return {"lines": lines, "paid": paid,
            "amount": format_money(amount_due, language) if paid else "",
            "title": tr("review.title") if paid else tr("review.book_title"),
            "button": tr("review.pay") if paid else tr("review.book")}


def case_rows(cases: Iterable[Mapping[str, Any]], catalog: Catalog,
              language: str) -> list[dict[str, str]]:
    """The citizen's cases in plain words."""
    tr = Translator(language)
    rows = []
    for case in cases:
        try:
            name = catalog.service(case["service_id"]).name.get(language)
        except KeyError:
            name = case["service_id"]
        rows.append({"service": name, "status": tr(f"case.status.{case['status']}"),
                     "state": case["status"],
                     "updated": f"{tr('done.updated')} {case['updated']}"})
    return rows
