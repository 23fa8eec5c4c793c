"""Checks run on every screenshot: each visible text fits its box, and a screen in one
language shows no text from another language's catalog (issue 24: clipped headings, an
English line under the start button, "Geweigerd: This item is reserved…").

Fit is measured the way Qt lays text out: a text that does not wrap must not be wider
(its implicit width) than its box or its container; a wrapping one must not have a word
wider than its box, nor more lines than its box is high; nothing elided; nothing running
off the window."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.domain.catalog import LANGUAGES
from kiosk.i18n import Translator

TOLERANCE_PX = 1.5  # sub-pixel rounding of text metrics
FIXED_SIZE = 0  # Text.FixedSize: a text that does not shrink to fit


@dataclass(frozen=True)
class Misfit:
    """A text that does not fit, or is in the wrong language."""

    name: str  # the item's objectName, or its parent's, or "?"
    text: str
    why: str

    def __str__(self) -> str:
        return f"{self.name}: {self.why}: {self.text[:60]!r}"


def _visible_items(item: QQuickItem) -> Iterator[QQuickItem]:
    if not item.isVisible() or item.opacity() <= 0.01:
        return
    yield item
    for child in item.childItems():
        yield from _visible_items(child)


def visible_texts(window: QQuickWindow) -> Iterator[QQuickItem]:
    """Every Text item a citizen can see now (a Text declaring a property of its own,
    such as ``dataKind``, is a subclass of QQuickText: it counts too)."""
    for item in _visible_items(window.contentItem()):
        if item.inherits("QQuickText"):
            text = item.property("text")
            if isinstance(text, str) and text.strip():
                yield item


def _qml_int(item: QQuickItem, name: str) -> int:
    # Enum properties (fontSizeMode, wrapMode) do not convert through QObject.property()
    # in PySide: read them as QML sees them, as numbers.
    context = QQmlEngine.contextForObject(item)
    if context is None:
        return 0
    value, undefined = QQmlExpression(context, item, name).evaluate()
    return 0 if undefined or value is None else int(value)


def _name(item: QQuickItem) -> str:
    node: QQuickItem | None = item
    while node is not None:
        if node.objectName():
            return node.objectName()
        node = node.parentItem()
    return "?"


def _clip_ancestor(item: QQuickItem) -> QQuickItem | None:
    # The box a text must stay within: its nearest ancestor with a real width that is not
    # a layout helper sized by its children (Column/Row grow with the text itself).
    node = item.parentItem()
    while node is not None:
        kind = node.metaObject().className()
        if node.width() > 0 and not kind.startswith(("QQuickColumn", "QQuickRow", "QQuickFlow",
                                                     "QQuickRepeater", "QQuickLoader")):
            return node
        node = node.parentItem()
    return None


def misfits(window: QQuickWindow) -> list[Misfit]:
    """Every visible text that does not fit its box or the window."""
    found: list[Misfit] = []
    window_width = window.width()
    for item in visible_texts(window):
        text = item.property("text")
        name = _name(item)
        width, height = item.width(), item.height()
        if item.property("truncated"):
            found.append(Misfit(name, text, "elided"))
            continue
        content_w = float(item.property("contentWidth"))
        content_h = float(item.property("contentHeight"))
        # Enum properties (wrapMode, alignment) do not cross into Python: a text that did
        # not wrap has as many lines as it has line breaks.
        wrapped = int(item.property("lineCount") or 1) > text.count("\n") + 1
        # A text that shrinks itself to fit its box reports its unshrunk width.
        if _qml_int(item, "fontSizeMode") != FIXED_SIZE:
            content_w = min(content_w, width)
        if not wrapped and content_w > width + TOLERANCE_PX:
            found.append(Misfit(name, text, f"{content_w:.0f} px wide in a "
                                            f"{width:.0f} px box"))
            continue
        if wrapped and content_w > width + TOLERANCE_PX:
            found.append(Misfit(name, text, f"a word {content_w:.0f} px wide in a "
                                            f"{width:.0f} px box"))
            continue
        if height > 0 and content_h > height + TOLERANCE_PX and item.property("clip"):
            found.append(Misfit(name, text, f"{content_h:.0f} px of lines in {height:.0f} px"))
            continue
        # In scene coordinates: a screen may be scaled (the low layout shrinks it).
        rect = item.mapRectToScene(QRectF(0, 0, max(width, content_w), max(height, 1)))
        start, end = rect.left(), rect.right()
        if start < -TOLERANCE_PX or end > window_width + TOLERANCE_PX:
            found.append(Misfit(name, text, "runs off the screen"))
            continue
        box = _clip_ancestor(item)
        if box is not None:
            outer = box.mapRectToScene(QRectF(0, 0, box.width(), max(box.height(), 1)))
            if start < outer.left() - TOLERANCE_PX or end > outer.right() + TOLERANCE_PX:
                found.append(Misfit(name, text, f"overflows {_name(box)} "
                                                f"({box.width():.0f} px)"))
    return found


ALIGN_RIGHT, ALIGN_CENTER = 2, 4  # Text.AlignRight, Text.AlignHCenter
MIN_OVERLAP_PX = 4.0
OVERLAP_SHARE = 0.25


def _painted(item: QQuickItem) -> QRectF:
    # Where the glyphs are, in scene coordinates: the laid-out width placed by the text's
    # alignment within its box, its lines' height from the top.
    width = item.width()
    content_w = min(float(item.property("contentWidth")), width) if width > 0 else \
        float(item.property("contentWidth"))
    align = _qml_int(item, "effectiveHorizontalAlignment")
    left = {ALIGN_RIGHT: width - content_w, ALIGN_CENTER: (width - content_w) / 2}.get(align, 0)
    return item.mapRectToScene(QRectF(max(0.0, left), 0, content_w,
                                      float(item.property("contentHeight"))))


def _shown_part(item: QQuickItem, rect: QRectF) -> QRectF:
    # What of it is on screen: a list scrolled under the bottom bar is clipped by its
    # Flickable, not drawn over the bar.
    node = item.parentItem()
    while node is not None:
        if node.clip():
            rect = rect.intersected(node.mapRectToScene(QRectF(0, 0, node.width(),
                                                               node.height())))
        node = node.parentItem()
    return rect


def _layer(item: QQuickItem) -> QQuickItem | None:
    # The screen a text belongs to: its nearest Loader (each journey screen is loaded by
    # one). Overlays (the PIN pad, the accessibility panel, the bars) cover what is beneath
    # them, which this check cannot see: only texts of one screen are compared.
    node = item.parentItem()
    while node is not None:
        if node.metaObject().className().startswith("QQuickLoader"):
            return node  # the object itself: ids of PySide's wrappers get reused
        node = node.parentItem()
    return None


def overlaps(window: QQuickWindow) -> list[Misfit]:
    """Texts drawn over one another (a tall large-text heading over the step counter)."""
    texts = [(item, _shown_part(item, _painted(item))) for item in visible_texts(window)]
    texts = [(item, rect) for item, rect in texts if rect.width() > 0 and rect.height() > 0]
    layers = [_layer(item) for item, _ in texts]
    found: list[Misfit] = []
    for i, (item, rect) in enumerate(texts):
        for j, (other, other_rect) in enumerate(texts[i + 1:], start=i + 1):
            if layers[i] is None or layers[j] is None or layers[i] != layers[j]:
                continue
            both = rect.intersected(other_rect)
            # A wrapped text's box is as wide as its longest line: a corner grazed by a
            # small sign is not an overlap, a quarter of the smaller text covered is.
            smaller = min(rect.width() * rect.height(), other_rect.width() * other_rect.height())
            if both.width() > MIN_OVERLAP_PX and both.height() > MIN_OVERLAP_PX and \
                    both.width() * both.height() > OVERLAP_SHARE * smaller:
                found.append(Misfit(_name(item), item.property("text"),
                                    f"drawn over {other.property('text')[:30]!r}"))
    return found


_SPLIT = re.compile(r"\s*(?:\n|·|—|•|\|)\s*")


def foreign_texts(window: QQuickWindow, language: str) -> list[Misfit]:
    """Texts (or parts between separators) that are another language's catalog text and
    not this one's: a mixed-language screen."""
    own = set(Translator(language).all().values())
    others: dict[str, str] = {}
    for other in LANGUAGES:
        if other != language:
            for text in Translator(other).all().values():
                if text not in own and len(text) > 3:
                    others.setdefault(text, other)
    found: list[Misfit] = []
    for item in visible_texts(window):
        text = item.property("text")
        for part in [text, *_SPLIT.split(text)]:
            core = part.strip(" :✕✔⊘⚠♿•✓✗⟳…").strip()
            if core in others:
                found.append(Misfit(_name(item), text, f"{others[core]} text on a {language} "
                                                       "screen"))
                break
    return found
