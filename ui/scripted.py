"""Driving the real QML UI by simulated taps: used by the headless demo and the tests."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QPointF, Qt, QTimer
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.domain.catalog import LANGUAGES
from ui.shown_texts import uncatalogued_texts
from ui.textfit import Misfit, foreign_texts, misfits, overlaps


class ScriptError(RuntimeError):
    """The UI did not get where the script expected, in time."""


def iter_items(root: QQuickItem) -> Iterator[QQuickItem]:
    yield root
    for child in root.childItems():
        yield from iter_items(child)


def find_item(window: QQuickWindow, name: str) -> QQuickItem | None:
    """The first visible item called ``name`` in the window's visual tree.

    An invisible item's subtree is skipped: visibility is inherited, so nothing in it is
    visible (the screen being torn down, closed panels); the walk runs on the GUI thread,
    between the frames bench/journey.py measures."""
    stack = [window.contentItem()]
    while stack:
        item = stack.pop()
        if not item.isVisible():
            continue
        if item.objectName() == name:
            return item
        stack.extend(reversed(item.childItems()))  # depth first, in the tree's order
    return None


def wait_until(predicate: Callable[[], object], timeout_s: float, what: str) -> None:
    """Run the event loop until ``predicate()`` is true; ScriptError after the timeout.

    Between two looks the GUI thread waits inside Qt's event loop (5 ms), not in a
    sleep: timers, signals from workers and frames run on time, as under ``app.exec()``,
    so a script does not add stalls of its own to what bench/journey.py measures."""
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    pause = QTimer()
    pause.setSingleShot(True)
    pause.setInterval(5)
    pause.timeout.connect(loop.quit)
    while not predicate():
        if time.monotonic() > deadline:
            raise ScriptError(f"timed out after {timeout_s}s waiting for {what}")
        pause.start()
        if loop.exec() != 0:  # the application is quitting: Qt starts no new event loop
            pause.stop()
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.005)


def tap(window: QQuickWindow, name: str, timeout_s: float = 5.0) -> None:
    """Tap the middle of the item called ``name`` as a finger would.

    A finger taps what is drawn: the list holding the item is flicked until the item
    is on screen, and the tap waits for a rendered frame (positioners such as Column
    lay their children out then), so it lands where the item really stands."""
    found: list[QQuickItem] = []

    def visible() -> bool:
        item = find_item(window, name)
        if item is not None and item.width() > 0 and item.height() > 0:
            found.append(item)
            return _scrolled_into_view(item)
        return False

    deadline = time.monotonic() + timeout_s
    while True:
        wait_until(visible, timeout_s, f"item {name!r} to be visible")
        drawn = found[-1]
        next_frame(window, timeout_s)
        found.clear()
        wait_until(visible, timeout_s, f"item {name!r} to be visible")  # redrawn meanwhile?
        item = found[-1]
        # The same item as before the frame: laid out and drawn where it stands. Another
        # one (the next screen, shown after that frame) may not be laid out yet: wait
        # for a frame of it too.
        if item is drawn:
            break
        if time.monotonic() > deadline:
            raise ScriptError(f"item {name!r} kept changing for {timeout_s}s")
        found.clear()
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)


def _scrolled_into_view(item: QQuickItem) -> bool:
    """Flick the Flickable holding ``item`` so the item is in view; True when it is."""
    flickable = item.parentItem()
    while flickable is not None and not flickable.inherits("QQuickFlickable"):
        flickable = flickable.parentItem()
    if flickable is None:
        return True
    top = item.mapToItem(flickable.property("contentItem"), QPointF(0, 0)).y()
    room = max(0.0, flickable.property("contentHeight") - flickable.height())
    flickable.setProperty("contentY", min(max(0.0, top - flickable.height() / 3), room))
    centre = item.mapToItem(flickable, QPointF(item.width() / 2, item.height() / 2))
    return 0 <= centre.y() <= flickable.height()


def next_frame(window: QQuickWindow, timeout_s: float = 5.0) -> None:
    """Run the event loop until the window has rendered one more frame."""
    swapped: list[bool] = []
    window.frameSwapped.connect(lambda: swapped.append(True),
                                Qt.ConnectionType.SingleShotConnection)
    window.update()
    wait_until(lambda: swapped, timeout_s, "a rendered frame")


def screenshot(window: QQuickWindow, path: Path, timeout_s: float = 5.0,
               check: bool = True) -> Path:
    """Save what the window shows now, after one more frame has been rendered; then
    check it (:func:`screen_problems`) and raise ScriptError naming what is wrong."""
    # Images load on QML's image thread (the citizen's photo): shoot them loaded.
    wait_until(lambda: not any(_loading(item) for item in iter_items(window.contentItem())),
               timeout_s, "the screen's images to load")
    swapped: list[bool] = []
    window.frameSwapped.connect(lambda: swapped.append(True),
                                Qt.ConnectionType.SingleShotConnection)
    window.update()
    wait_until(lambda: swapped, timeout_s, "a rendered frame")
    image = window.grabWindow()
    if image.isNull() or not image.save(str(path)):
        raise ScriptError(f"could not save a screenshot to {path}")
    if check:
        problems = screen_problems(window)
        if problems:
            raise ScriptError(f"{path.name}: " + "; ".join(str(p) for p in problems))
    return path


def _loading(item: QQuickItem) -> bool:
    """A shown image still loading (its status enum has no Python converter: ask QML)."""
    if not item.inherits("QQuickImageBase") or not item.isVisible():
        return False
    context = QQmlEngine.contextForObject(item)
    if context is None:
        return False
    value, failed = QQmlExpression(context, item, "status === Image.Loading").evaluate()
    return bool(value) and not failed


def screen_problems(window: QQuickWindow) -> list[Misfit]:
    """What a screenshot must not show: a text that does not fit (ui/textfit.py), one in
    another language than the session's (the attract screen speaks all three), or one
    that is neither from the catalog nor declared data (ui/shown_texts.py)."""
    problems = misfits(window) + overlaps(window)
    vm = window.property("vm")
    language = vm.property("language") if vm is not None else None
    state = vm.property("state") if vm is not None else None
    if language in LANGUAGES and state not in ("attract", "language"):
        problems += foreign_texts(window, language)
    if language in LANGUAGES:
        problems += uncatalogued_texts(window, language,
                                       multilingual=state in ("attract", "language"))
    return problems
