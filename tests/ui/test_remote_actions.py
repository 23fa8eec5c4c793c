"""Remote actions end to end: an operator asks the backend (real uvicorn), the kiosk's
heartbeat client gets them in the answer, the action runner runs them — waiting while a
citizen session is on, the screenshot grabbed by the UI's own window (pytest-qt,
offscreen) — and the fleet sees each result."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import QThreadPool, QUrl
from PySide6.QtQuick import QQuickView

from sync.actions import SCREENSHOTS, ActionCommands, ActionRunner
from sync.heartbeat import HeartbeatClient, mask
from tests.backend.fleet.helpers import T, healthy
from tests.backend.harness import threaded_backend
from ui import screenshots
from ui.operations import BackgroundRunner
from ui.screenshots import WAITING, ScreenshotTaker, pending_requests

QML = b"""import QtQuick
Rectangle { width: 108; height: 192; color: "#005aa0"
  Text { anchors.centerIn: parent; text: "Bienvenue"; color: "white" } }
"""


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    db_url = f"sqlite:///{tmp_path_factory.mktemp('actions') / 'backend.db'}"
    with threaded_backend(db_url) as running:
        yield running


def _ask(backend, kiosk_id: str, kind: str) -> int:
    r = requests.post(f"{backend.url}/api/v1/admin/fleet/kiosks/{kiosk_id}/actions",
                      json={"kind": kind, "timeout_s": 300},
                      headers={"Authorization": f"Bearer {backend.admin}"}, timeout=T)
    assert r.status_code == 201, r.text
    return r.json()["id"]


def _states(backend, kiosk_id: str) -> dict[str, dict]:
    r = requests.get(f"{backend.url}/api/v1/admin/fleet/kiosks/{kiosk_id}/actions",
                     headers={"Authorization": f"Bearer {backend.admin}"}, timeout=T)
    return {a["kind"]: a for a in r.json()}


def test_actions_wait_for_idle_then_run_and_the_screenshot_is_the_window(
    qtbot, backend, tmp_path: Path, monkeypatch
):
    kiosk_id, token = backend.device(site="laeken", kiosk_id="laeken-21")
    client = HeartbeatClient(backend.url, token, 10.0)
    view = QQuickView()
    (tmp_path / "Main.qml").write_bytes(QML)
    view.setSource(QUrl.fromLocalFile(str(tmp_path / "Main.qml")))
    view.show()
    qtbot.waitExposed(view)
    marker = threading.Event()  # the session marker the sync process reads
    on_screen = threading.Event()  # the session as the UI itself knows it
    marker.set()
    on_screen.set()  # a citizen is at the kiosk
    # The GUI thread only grabs: looking for requests (and writing files) is a worker's.
    looked_from: set[str] = set()

    def pending(directory: Path) -> list[str]:
        looked_from.add(threading.current_thread().name)
        return pending_requests(directory)

    monkeypatch.setattr(screenshots, "pending_requests", pending)
    workers = BackgroundRunner(QThreadPool.globalInstance())
    taker = ScreenshotTaker(view, tmp_path / SCREENSHOTS, on_screen.is_set, workers,
                            interval_ms=50)
    restarted = tmp_path / "restarted"
    commands = ActionCommands(
        restart_ui=(sys.executable, "-c", f"open({str(restarted)!r}, 'w').write('ok')"),
        logs=(sys.executable, "-c",
              "print('eID read for 85073100123 at laeken-21'); print('printer ok')"),
        selftest=(sys.executable, "-c", "import sys; print('printer: no paper'); sys.exit(1)"),
        screenshot_wait_s=1.0,
    )
    runner = ActionRunner(
        client, tmp_path, lambda: "citizen session in progress" if marker.is_set() else None,
        mask, commands,
    )
    taker.start()
    try:
        assert client.post_heartbeat(healthy(kiosk_id))["actions"] == []
        ids = {kind: _ask(backend, kiosk_id, kind)
               for kind in ("screenshot", "restart_ui", "logs", "selftest")}
        answer = client.post_heartbeat(healthy(kiosk_id))
        assert sorted(o["id"] for o in answer["actions"]) == sorted(ids.values())
        runner.offer(answer["actions"])

        def settled() -> None:
            states = _states(backend, kiosk_id)
            assert {k: states[k]["state"] for k in states} == {
                "screenshot": "waiting", "restart_ui": "waiting", "logs": "done",
                "selftest": "failed"}

        qtbot.waitUntil(settled, timeout=15_000)
        states = _states(backend, kiosk_id)
        assert "citizen session in progress" in states["restart_ui"]["message"]
        assert "85073100123" not in states["logs"]["output"]  # masked like the heartbeat
        assert "printer ok" in states["logs"]["output"]
        assert "exit status 1" in states["selftest"]["message"]
        assert not restarted.exists()

        # The marker says idle but the UI still shows the session (it ends a moment
        # later): the UI itself refuses and says why; the restart goes ahead.
        marker.clear()
        answer = client.post_heartbeat(healthy(kiosk_id))
        assert sorted(o["kind"] for o in answer["actions"]) == ["restart_ui", "screenshot"]
        runner.offer(answer["actions"])
        qtbot.waitUntil(lambda: _states(backend, kiosk_id)["restart_ui"]["state"] == "done",
                        timeout=15_000)
        assert restarted.read_text() == "ok"
        shot = _states(backend, kiosk_id)["screenshot"]
        assert shot["state"] == "waiting" and shot["message"] == WAITING

        on_screen.clear()  # the citizen left: the next answer repeats the screenshot
        answer = client.post_heartbeat(healthy(kiosk_id))
        assert [o["kind"] for o in answer["actions"]] == ["screenshot"]
        runner.offer(answer["actions"])
        qtbot.waitUntil(lambda: _states(backend, kiosk_id)["screenshot"]["state"] == "done",
                        timeout=15_000)
        png = requests.get(
            f"{backend.url}/api/v1/admin/fleet/actions/{ids['screenshot']}/screenshot",
            headers={"Authorization": f"Bearer {backend.admin}"}, timeout=T).content
        assert png.startswith(b"\x89PNG")
        from PySide6.QtGui import QImage

        image = QImage.fromData(png, "PNG")
        assert (image.width(), image.height()) == (108, 192)
        assert image.pixelColor(2, 2).name() == "#005aa0"  # the window's own pixels
        assert client.post_heartbeat(healthy(kiosk_id))["actions"] == []
        assert looked_from and threading.main_thread().name not in looked_from
    finally:
        taker.stop()
        workers.close()
        runner.close()
        client.close()
        view.close()
