"""The platform's card session ends with its card (kiosk/card_session_end.py): the news
on their way to the UI are watched, and a session is closed on a worker when its card is
removed or another card's PIN step replaces it."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.card_session_end import CardSessionEnd
from kiosk.identity import CardNews


def test_a_session_is_ended_when_its_card_leaves_and_every_news_goes_on():
    closed: list[str] = []
    on_worker: list[Callable[[], None]] = []
    shown: list[str] = []
    watch = CardSessionEnd(closed.append, on_worker.append).watching(
        lambda news: shown.append(news.kind))

    watch(CardNews("reading"))
    watch(CardNews("identified", card_session="token-a"))
    assert closed == [] and on_worker == []
    watch(CardNews("removed"))
    assert closed == []  # not on the news thread: on a worker
    on_worker.pop()()
    assert closed == ["token-a"]
    watch(CardNews("removed"))  # nothing open any more
    watch(CardNews("identified", card_session=None))  # proven offline: no session
    watch(CardNews("removed"))
    assert on_worker == []
    watch(CardNews("identified", card_session="token-b"))
    watch(CardNews("identified", card_session="token-c"))  # no removal seen in between
    watch(CardNews("failed", reason="unreadable"))
    watch(CardNews("removed"))
    for work in on_worker:
        work()
    assert closed == ["token-a", "token-b", "token-c"]
    assert shown == ["reading", "identified", "removed", "removed", "identified", "removed",
                     "identified", "identified", "failed", "removed"]
