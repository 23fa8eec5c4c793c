"""The keys of the non-visual mode: a standard USB numeric keypad or a kiosk audio
keypad (EN 301 549 8.4: tactilely discernible keys), mapped from Qt key events.

A numeric keypad sends Qt's keypad modifier with every key; with Num Lock off its 8, 2,
4 and 6 come as arrows, with it on as digits: both are mapped. Audio keypads (Storm
AudioNav and the like) send arrows, Enter, Backspace and a help key.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

Key = Qt.Key


class Action(StrEnum):
    PREVIOUS = "previous"
    NEXT = "next"
    ACTIVATE = "activate"
    BACK = "back"
    REPEAT = "repeat"
    LOUDER = "louder"
    SOFTER = "softer"
    FASTER = "faster"
    SLOWER = "slower"
    HELP = "help"  # a dedicated key: starts the mode, or says the keys again


_ANY: dict[int, Action] = {
    Key.Key_Up: Action.PREVIOUS, Key.Key_Left: Action.PREVIOUS,
    Key.Key_Down: Action.NEXT, Key.Key_Right: Action.NEXT, Key.Key_Tab: Action.NEXT,
    Key.Key_Backtab: Action.PREVIOUS,
    Key.Key_Enter: Action.ACTIVATE, Key.Key_Return: Action.ACTIVATE,
    Key.Key_Backspace: Action.BACK, Key.Key_Escape: Action.BACK, Key.Key_Back: Action.BACK,
    Key.Key_Delete: Action.BACK,
    Key.Key_Plus: Action.LOUDER, Key.Key_VolumeUp: Action.LOUDER,
    Key.Key_Minus: Action.SOFTER, Key.Key_VolumeDown: Action.SOFTER,
    Key.Key_Asterisk: Action.FASTER, Key.Key_Slash: Action.SLOWER,
    Key.Key_Help: Action.HELP, Key.Key_F1: Action.HELP,
}
# Digits mean moves only on the numeric keypad (Num Lock on); 5 is its centre key.
_KEYPAD_DIGITS: dict[int, Action] = {
    Key.Key_8: Action.PREVIOUS, Key.Key_4: Action.PREVIOUS,
    Key.Key_2: Action.NEXT, Key.Key_6: Action.NEXT,
    Key.Key_5: Action.ACTIVATE, Key.Key_0: Action.REPEAT,
    Key.Key_Clear: Action.ACTIVATE,  # the centre key with Num Lock off
    Key.Key_Insert: Action.REPEAT,  # 0 with Num Lock off
}


def action_of(event: QKeyEvent) -> Action | None:
    """The action of a key press, or None for a key the mode does not use."""
    key = event.key()
    if event.modifiers() & Qt.KeyboardModifier.KeypadModifier and key in _KEYPAD_DIGITS:
        return _KEYPAD_DIGITS[key]
    return _ANY.get(key)


def keypad_digit(event: QKeyEvent) -> str | None:
    """The digit typed, for the PIN pad (the numeric keypad's or the top row's)."""
    key = event.key()
    if Key.Key_0 <= key <= Key.Key_9:
        return str(key - Key.Key_0)
    return None


def is_press(event: QEvent) -> bool:
    return event.type() == QEvent.Type.KeyPress


def is_release(event: QEvent) -> bool:
    return event.type() == QEvent.Type.KeyRelease
