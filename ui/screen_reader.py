"""Reads the QML window as a screen reader would, for the non-visual mode.

What is on screen is found in the real visual tree, so every screen, present and
future, is read without a speech text of its own: the texts in reading order (tree
order), and the touch targets (``touchTarget: true``: KioskButton, keys, switches) as
the focus ring. The standard QML ``Accessible`` attached properties are honoured:
``Accessible.ignored`` leaves an item out, ``Accessible.name`` / ``.description`` name a
target. Items showing a citizen's personal data are marked (PERSONAL_ITEMS, or a
``personal: true`` property) and every text is also matched against the session's own
identity values, so a screen that forgets the mark still never says a name aloud.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtQuick import QQuickItem, QQuickWindow

# Items that show the identified citizen's data: their name and photo, the data read
# from the card, their cases. (What is personal: decided in the voice.* catalog texts
# and the README: identity, address, birth, national and card numbers, the citizen's
# cases. Fees and queue ticket numbers are not: both are public in the office.)
PERSONAL_ITEMS = frozenset({"greeting", "citizenSummary", "citizenPhoto", "confirmPhoto"})
PERSONAL_PREFIXES = ("case_",)
# Overlays that take the whole window, topmost first: only they are read while shown.
LAYERS = (("technician", "technicianView"), ("technician", "technicianPinView"),
          ("warning", "inactivityWarning"),
          ("pin", "cardPinView"), ("panel", "accessibilityPanel"))
# Shown on every screen while it lasts: read once, not on each screen.
NOTICES = frozenset({"offlineBanner"})
# The PIN pad's digit and erase keys are typed from the keypad, not walked through.
PIN_KEYS_SKIPPED = tuple(f"cardPin_{key}" for key in (*"0123456789", "erase"))


@dataclass(frozen=True)
class Piece:
    """One text on screen; ``personal``: only for the citizen's own ears."""

    text: str
    personal: bool = False
    notice: bool = False  # the same on every screen (offline): said once, then on request


@dataclass(frozen=True)
class Target:
    """One control in the focus ring."""

    item: QQuickItem
    name: str
    label: Piece
    enabled: bool
    selected: bool = False  # a choice marked on screen (✓), said in words


@dataclass(frozen=True)
class Reading:
    """What one layer of the window shows now."""

    layer: str
    page: tuple[object, ...]  # changes when another screen or step is shown
    pieces: tuple[Piece, ...]
    targets: tuple[Target, ...]


def speakable(text: str) -> str:
    """``text`` without pictograms (▶ ✕ ⌫ ♿) and extra spaces; "" when nothing is left
    to say (a lone "▼")."""
    kept = "".join(" " if unicodedata.category(c) == "So" else c for c in text)
    kept = " ".join(kept.split()).strip(" ·‹›")
    return kept if any(c.isalnum() for c in kept) else ""


def iter_shown(root: QQuickItem) -> Iterator[QQuickItem]:
    """``root`` and its descendants that are drawn (visible, not transparent)."""
    if not root.isVisible() or root.opacity() == 0:
        return
    yield root
    for child in root.childItems():
        yield from iter_shown(child)


def _accessible(item: QObject) -> QObject | None:
    # QML's Accessible attached object is a child QObject of its item.
    for child in item.children():
        if child.metaObject().className() == "QQuickAccessibleAttached":
            return child
    return None


def _ignored(item: QQuickItem) -> bool:
    attached = _accessible(item)
    return bool(attached is not None and attached.property("ignored"))


class ScreenReader:
    """Reads ``window`` (Main.qml's objects: ``screen``, ``topBar``, the overlays).

    ``needles``: the session's personal values (name, national number, …) that mark
    any text containing them as personal.
    """

    def __init__(self, window: QQuickWindow, needles: Callable[[], Sequence[str]]) -> None:
        self._window = window
        self._needles = needles

    def read(self) -> Reading:
        layer, roots = self._layer()
        needles = [n.casefold() for n in self._needles() if len(n) >= 3]
        pieces: list[Piece] = []
        targets: list[Target] = []
        for root in roots:
            start = len(pieces)
            self._walk(root, False, needles, pieces, targets)
            if root.objectName() in NOTICES:
                pieces[start:] = [replace(p, notice=True) for p in pieces[start:]]
        if layer == "pin":
            targets = [t for t in targets if t.name not in PIN_KEYS_SKIPPED]
        # The screen's C++ object tells one built screen from the next (a Python
        # wrapper's id does not: each property read makes a new wrapper).
        screen = shiboken6.getCppPointer(roots[0])[0] if roots else 0
        page = (layer, screen, tuple(t.name for t in targets))
        return Reading(layer, page, tuple(pieces), tuple(targets))

    def find(self, name: str) -> QQuickItem | None:
        for item in iter_shown(self._window.contentItem()):
            if item.objectName() == name:
                return item
        return None

    def _layer(self) -> tuple[str, list[QQuickItem]]:
        for layer, name in LAYERS:
            item = self.find(name)
            if item is not None:
                return layer, [item]
        roots = []
        screen = self.find("screen")
        if screen is not None:
            shown = screen.property("item")
            if isinstance(shown, QQuickItem):
                roots.append(shown)
        for name in ("offlineBanner", "topBar"):
            item = self.find(name)
            if item is not None:
                roots.append(item)
        return "screen", roots

    def _walk(self, item: QQuickItem, personal: bool, needles: list[str],
              pieces: list[Piece], targets: list[Target]) -> None:
        if not item.isVisible() or item.opacity() == 0 or _ignored(item):
            return
        name = item.objectName()
        personal = personal or name in PERSONAL_ITEMS or name.startswith(PERSONAL_PREFIXES) \
            or item.property("personal") is True
        if item.property("touchTarget") is True:
            label = self._label(item)
            targets.append(Target(item, name, Piece(
                label, personal or _matches(label, needles)), _enabled(item),
                item.property("selected") is True))
            return  # a control's own texts are its label
        if item.inherits("QQuickText"):
            text = speakable(str(item.property("text") or ""))
            if text:
                pieces.append(Piece(text, personal or _matches(text, needles)))
        for child in item.childItems():
            self._walk(child, personal, needles, pieces, targets)

    @staticmethod
    def _label(item: QQuickItem) -> str:
        parts = [item.property(p) for p in ("label", "sublabel", "trailing")]
        words = [speakable(str(p)) for p in parts if isinstance(p, str)]
        if len(words) == 3 and words[2].isalpha() and words[2].isupper() and len(words[2]) <= 3:
            words.pop()  # a language code beside its name ("Français  FR"): seen, not said
        if not any(words):
            attached = _accessible(item)
            if attached is not None:
                words = [speakable(str(attached.property(p) or ""))
                         for p in ("name", "description")]
        if not any(words):  # no name given: the texts drawn on it
            words = [speakable(str(i.property("text") or "")) for i in iter_shown(item)
                     if i.inherits("QQuickText")]
        return ", ".join(w for w in words if w)


def _enabled(item: QQuickItem) -> bool:
    usable = item.property("enabledForUse")
    return item.isEnabled() and usable is not False


def _matches(text: str, needles: list[str]) -> bool:
    folded = text.casefold()
    digits = "".join(c for c in text if c.isdigit())
    for needle in needles:
        if needle in folded:
            return True
        if needle.isdigit() and len(needle) >= 6 and needle in digits:
            return True  # a national number shown as 85.07.30-124.59
    return False


def bring_into_view(item: QQuickItem) -> None:
    """Scroll the Flickable holding ``item`` so that the item is shown whole."""
    flickable = item.parentItem()
    while flickable is not None and not flickable.inherits("QQuickFlickable"):
        flickable = flickable.parentItem()
    if flickable is None:
        return
    top = item.mapToItem(flickable.property("contentItem"), QPointF(0, 0)).y()
    room = max(0.0, flickable.property("contentHeight") - flickable.height())
    flickable.setProperty("contentY", min(max(0.0, top - flickable.height() / 3), room))


def scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def press(window: QQuickWindow, item: QQuickItem) -> None:
    """Activate ``item`` as a finger would: a press and release at its centre, so the
    control behaves exactly as when touched (a disabled one does nothing)."""
    bring_into_view(item)
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    for kind, buttons in ((QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton),
                          (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton)):
        event = QMouseEvent(kind, centre, window.mapToGlobal(centre),
                            Qt.MouseButton.LeftButton, buttons, Qt.KeyboardModifier.NoModifier)
        QGuiApplication.sendEvent(window, event)
