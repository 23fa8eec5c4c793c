"""Remote screenshots on a kiosk that takes no software updates (no [updates]
public_key, so no update markers): the running kiosk UI still answers the sync
process's request with its own window, and still waits while a citizen session is on."""

from __future__ import annotations

from PySide6.QtGui import QImage

from sync.actions import SCREENSHOTS
from tests.ui.harness import running_kiosk
from ui.screenshots import WAITING
from ui.scripted import wait_until


def test_a_kiosk_without_updates_takes_screenshots_and_waits_for_sessions(
        qapp, tmp_path, registry):
    with running_kiosk(qapp, tmp_path, registry) as ui:
        assert ui.markers is None  # no updates configured
        requests = tmp_path / "state" / SCREENSHOTS
        requests.mkdir(parents=True)
        (requests / "7.request").write_text("", encoding="utf-8")
        wait_until(lambda: (requests / "7.png").exists(), 15, "the screenshot")
        image = QImage(str(requests / "7.png"))
        assert not image.isNull() and image.width() > 100
        ui.view_model.start()  # a citizen leaves the attract screen
        wait_until(lambda: ui.view_model.state != "attract", 5, "a session")
        (requests / "8.request").write_text("", encoding="utf-8")
        wait_until(lambda: (requests / "8.waiting").exists(), 15, "the waiting note")
        assert (requests / "8.waiting").read_text(encoding="utf-8") == WAITING
        assert not (requests / "8.png").exists()
