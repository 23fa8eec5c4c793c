"""What the review and case screens list, as plain rows for QML (Qt-free): built from
the journey's session, in the session's language."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from kiosk.domain.availability import DISABLED
from kiosk.domain.catalog import Catalog, Service, ServiceKind
from kiosk.domain.journey import Journey
from kiosk.i18n import Translator, format_money

if TYPE_CHECKING:  # annotations only: the card model comes with the first card read
    from common.eid.model import EidCardData


def service_rows(journey: Journey) -> list[dict[str, Any]]:
    """The services screen's offer: every service not switched off for this kiosk, with
    its fee and, when it cannot be chosen now, why."""
    language = journey.session.language
    tr = Translator(language)
    rows = []
    for service in journey.catalog.services:
        reason = journey.unavailable_reason(service)
        if reason == DISABLED:  # switched off for this kiosk: not offered at all
            continue
        rows.append({
            "id": service.id,
            "name": service.name.get(language),
            "description": service.description.get(language),
            "fee": tr("services.free") if service.fee_cents == 0 else format_money(
                service.fee_cents, language),
            "available": not reason,
            "reason": tr(f"reason.{reason}") if reason else "",
        })
    return rows


def citizen_summary(card: EidCardData | None) -> dict[str, str]:
    """What the card says, shown back to its holder to confirm."""
    if card is None:
        return {}
    identity, address = card.identity, card.address
    given = identity.first_names.split()
    return {
        "greeting": given[0] if given else identity.surname,
        "name": f"{identity.first_names} {identity.surname}",
        "birth": identity.birth_date.strftime("%d/%m/%Y"),
        "street": address.street,
        "town": f"{address.zip} {address.municipality}",
    }


def review_rows(service: Service, details: Mapping[str, Any], amount_due: int, language: str,
                day_label: Callable[[str], str]) -> dict[str, Any]:
    """What the citizen confirms before paying or booking: what for, how much. Each
    line's ``kind``: what its value is when not a catalog text (ui/shown_texts.py)."""
    tr = Translator(language)
    lines = [{"label": tr("review.what"), "value": service.name.get(language),
              "kind": "reference"}]
    if service.kind == ServiceKind.CERTIFICATE:
        lines.append({"label": tr("review.delivery"),
                      "value": tr(f"delivery.{details.get('delivery', 'portal')}")})
    elif service.kind == ServiceKind.LETTER_PAYMENT:
        lines.append({"label": tr("letter.reference"),
                      "value": str(details.get("communication", "")), "kind": "code"})
    elif service.kind == ServiceKind.APPOINTMENT:
        lines += [
            {"label": tr("review.when"),
             "value": f"{day_label(str(details.get('day', '')))} "
                      f"{details.get('slot_time', '')}", "kind": "date"},
            {"label": tr("appointment.site"), "value": str(details.get("site_name", "")),
             "kind": "reference"},
        ]
    paid = amount_due > 0
    return {"lines": lines, "paid": paid,
            "amount": format_money(amount_due, language) if paid else "",
            "amountLine": tr.labelled(tr("review.amount"), format_money(amount_due, language))
            if paid else "",
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


def money_line(result: Mapping[str, Any], language: str) -> str:
    """The money's fate on a success screen: how much was paid and how, the change given,
    what the City still owes (issue 24, defect 1: a €5 note for €3 showed neither)."""
    amount = int(result.get("amount_cents") or 0)
    method = result.get("method")
    if not result.get("ok") or amount <= 0 or method not in ("card", "cash"):
        return ""
    tr = Translator(language)
    money = {"amount": format_money(amount, language),
             "inserted": format_money(int(result.get("inserted_cents") or 0), language),
             "change": format_money(int(result.get("change_cents") or 0), language),
             "owed": format_money(int(result.get("owed_cents") or 0), language)}
    if method == "card":
        return tr("done.money.card").format(**money)
    lines = [tr("done.money.cash").format(**money)]
    if int(result.get("change_cents") or 0) > 0:
        lines.append(tr("done.money.change").format(**money))
    if int(result.get("owed_cents") or 0) > 0:
        lines.append(tr("done.money.owed").format(**money))
    return "\n".join(lines)
