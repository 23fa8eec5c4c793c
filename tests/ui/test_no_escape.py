"""No escape to a desktop without the PIN (issue #10): the usual key combinations and a
close request reach the real QML window and change nothing; only the technician's exit
after the PIN lets it close. The UI unit runs cage without VT switching and reaches no
shell or terminal."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtTest import QTest

from kiosk.technician import hash_pin
from tests.ui.harness import running_kiosk
from tests.ui.test_technician import PIN, long_press_corner, type_pin
from ui.scripted import tap, wait_until
from ui.viewmodels.technician import EXIT_TECHNICIAN

UI_UNIT = Path(__file__).resolve().parents[2] / "systemd" / "kiosk-ui.service"
K = Qt.Key
M = Qt.KeyboardModifier
ESCAPE_COMBOS = [
    (K.Key_F4, M.AltModifier),
    (K.Key_Q, M.ControlModifier),
    (K.Key_W, M.ControlModifier),
    (K.Key_Escape, M.NoModifier),
    (K.Key_Tab, M.AltModifier),
    (K.Key_Backspace, M.ControlModifier | M.AltModifier),
    (K.Key_F11, M.NoModifier),
    (K.Key_F1, M.ControlModifier | M.AltModifier),  # a VT switch, were cage to allow it
]


@pytest.fixture
def kiosk(qapp, tmp_path, registry):
    exits: list[int] = []
    with running_kiosk(
        qapp, tmp_path, registry, ui_section={"technician_pin_hash": hash_pin(PIN)}, exits=exits
    ) as ui:
        yield ui, exits


def test_key_combos_and_close_requests_leave_the_kiosk_as_it_was(qapp, kiosk):
    ui, exits = kiosk
    last_closed: list[bool] = []
    qapp.lastWindowClosed.connect(lambda: last_closed.append(True))
    tap(ui.window, "startButton")  # mid-session: nothing may end or move it either
    wait_until(lambda: ui.core.journey.state == "language", 10, "the language screen")
    state = ui.core.journey.state

    for key, modifiers in ESCAPE_COMBOS:
        QTest.keyClick(ui.window, key, modifiers)
        qapp.processEvents()
        assert ui.window.isVisible(), f"{key.name} with {modifiers} hid the window"
        assert ui.core.journey.state == state, f"{key.name} moved the journey"

    event = QCloseEvent()
    QCoreApplication.sendEvent(ui.window, event)
    assert not event.isAccepted()
    assert ui.window.close() is False  # QWindow.close(): what the compositor asks for
    qapp.processEvents()

    assert ui.window.isVisible()
    assert ui.window in QGuiApplication.topLevelWindows()
    assert ui.core.journey.state == state
    assert exits == [] and last_closed == []


def test_only_the_technician_exit_after_the_pin_lets_the_window_close(kiosk):
    ui, exits = kiosk
    assert ui.window.close() is False
    long_press_corner(ui)
    type_pin(ui, PIN)
    wait_until(lambda: ui.tech.stage not in ("", "pin"), 10, "technician mode")
    tap(ui.window, "techExit")
    wait_until(lambda: ui.tech.stage == "exit_pin", 5, "the exit PIN")
    assert ui.window.close() is False  # asked, not yet confirmed by the PIN
    type_pin(ui, PIN)
    wait_until(lambda: exits, 10, "the exit")
    assert exits == [EXIT_TECHNICIAN]
    assert ui.window.close() is True
    assert not ui.window.isVisible()


def _unit(path: Path) -> dict[str, list[str]]:
    """``Section.Key`` -> every value (systemd allows a key more than once)."""
    entries: dict[str, list[str]] = {}
    section = ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, _, value = line.partition("=")
        entries.setdefault(f"{section}.{key.strip()}", []).append(value.strip())
    return entries


def test_the_ui_unit_runs_cage_without_vt_switching_and_reaches_no_shell():
    unit = _unit(UI_UNIT)
    (exec_start,) = unit["Service.ExecStart"]
    argv = shlex.split(exec_start)
    assert Path(argv[0]).name == "cage"
    split = argv.index("--")
    cage_options, child = argv[1:split], argv[split + 1 :]
    # -s allows VT switching (Ctrl+Alt+Fn to another console): never, alone or combined.
    short_flags = "".join(o[1:] for o in cage_options if o.startswith("-") and o[:2] != "--")
    assert "s" not in short_flags, cage_options
    # cage's only client is the kiosk itself: no shell, no terminal, no wrapper.
    assert Path(child[0]).name == "kiosk" and child[1:] == ["run"], child
    # Nothing else runs from the unit but the update boot check (no tty, before cage):
    # no hook that could start a shell or a terminal.
    others = sorted(k for k in unit if k.startswith("Service.Exec") and k != "Service.ExecStart")
    assert others == ["Service.ExecStartPre"]
    (pre,) = unit["Service.ExecStartPre"]
    pre_argv = shlex.split(pre.lstrip("-+"))
    assert Path(pre_argv[0]).name == "kiosk" and pre_argv[1:] == ["update", "boot-check"], pre
    assert unit["Unit.Conflicts"] == ["getty@tty1.service"]  # no login prompt on its tty
    assert unit["Service.NoNewPrivileges"] == ["yes"]
    assert unit["Service.User"] == ["kiosk"]
