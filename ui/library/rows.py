"""What the library screens list, as plain rows for QML: loans, holds, fines and the
outcome of each scanned or renewed item. Qt-free; the view-model exposes these."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from typing import Any

from kiosk.i18n import Translator, format_money
from kiosk.library.model import Account, CircResult
from kiosk.library.reasons import fine_text, refusal_key
from kiosk.library.titles import item_label

ATTRACT, OVERVIEW, BORROW, RETURN, RENEW, PAY, SLIP = (
    "attract",
    "overview",
    "borrow",
    "return",
    "renew",
    "pay",
    "slip",
)
SCREENS = (ATTRACT, OVERVIEW, BORROW, RETURN, RENEW, PAY, SLIP)


def day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value is not None else ""


def attract_rows(languages: Collection[str]) -> list[dict[str, str]]:
    """The attract screen's invitation, in every language the kiosk offers."""
    return [
        {
            "code": code,
            "title": Translator(code)("library.ui.title"),
            "scan": Translator(code)("library.ui.scan_card"),
        }
        for code in languages
    ]


def loan_rows(
    account: Account | None, renewed: Collection[str], tr: Callable[[str], str]
) -> list[dict[str, Any]]:
    return [
        {
            "item": loan.item_id,
            "title": item_label(loan.title, loan.item_id, tr),
            "due": day(loan.due),
            "overdue": loan.overdue,
            "renewed": loan.item_id in renewed,
        }
        for loan in (account.loans if account else ())
    ]


def hold_rows(account: Account | None, tr: Callable[[str], str]) -> list[dict[str, str]]:
    return [
        {"item": hold.item_id, "title": item_label(hold.title, hold.item_id, tr)}
        for hold in (account.holds_ready if account else ())
    ]


def fine_rows(account: Account | None, language: str) -> list[dict[str, str]]:
    tr = Translator(language)
    return [
        {
            "text": fine_text(fine.description, tr),
            "amount": format_money(fine.amount_cents, language),
        }
        for fine in (account.fines if account else ())
    ]


def result_row(kind: str, result: CircResult, tr: Callable[[str], str]) -> dict[str, Any]:
    """One scanned or renewed item: confirmed with its due date, or refused with the
    library system's reason."""
    if result.ok:
        if kind == RETURN:
            detail = tr("library.ui.returned_one")
        else:
            label = "library.ui.renewed_one" if kind != BORROW else "library.ui.borrowed_one"
            detail = f"{tr(label)} · {tr('library.due')} {day(result.due)}"
        if result.offline:
            detail += f" · {tr('library.ui.recorded_here')}"
    else:
        why = tr(result.reason_key or refusal_key(result.reason))
        detail = tr("format.label_value").format(label=tr("library.ui.refused"), value=why)
    return {
        "item": result.item_id,
        "title": item_label(result.title, result.item_id, tr),
        "ok": result.ok,
        "detail": detail,
        "offline": result.offline,
        "kind": kind,
    }


def greeting_name(personal_name: str) -> str:
    """The first given name of a library system's personal name, for a greeting on a public
    screen: "Dubois, Sophie Marie" and "Sophie Dubois" both give "Sophie"."""
    family, comma, given = personal_name.partition(",")
    words = (given if comma else family).split()
    return words[0] if words else ""
