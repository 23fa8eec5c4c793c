"""The kiosk's PIN step logs why the City's platform refused a card by its result word
only: the platform's reason is its own text, and nothing personal may reach a log line
whatever that text holds."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from kiosk.card_presence import PresenceCheck, PresenceRefused
from kiosk.domain.city import CardSessionRefusedError


class _Reader:
    """A reader whose card session is never used: the platform refuses first."""

    @contextmanager
    def session(self) -> Iterator[tuple[object, None]]:
        yield object(), None


class _Prompt:
    def ask(self, tries_left: int | None, wrong: bool) -> bytearray | None:
        return bytearray(b"1234")

    def blocked(self) -> None:
        pass

    def close(self) -> None:
        pass


@pytest.mark.parametrize(("reason", "logged"), [
    ("untrusted: authentication certificate (subject 85073003328, Marie Dupont)", "untrusted"),
    ("revocation_unknown: CRL: past its next update", "revocation_unknown"),
    ("85073003328 Marie Dupont", "refused"),
])
def test_a_platform_refusal_is_logged_by_its_result_word(caplog, reason, logged):
    def opener(_sign):
        raise CardSessionRefusedError(reason)

    check = PresenceCheck(_Prompt(), session_opener=lambda: opener)
    with (caplog.at_level(logging.WARNING, logger="kiosk.card_presence"),
          pytest.raises(PresenceRefused) as refused):
        check.prove(_Reader())
    assert refused.value.reason == "card_refused"
    lines = [record.getMessage() for record in caplog.records]
    assert lines == [f"the City's platform refused the eID card: {logged}"]
    assert not any("85073003328" in line or "Dupont" in line for line in lines)
