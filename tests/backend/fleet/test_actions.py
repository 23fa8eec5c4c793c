"""Remote actions: asked by an operator (who and when kept), handed to the kiosk in its
heartbeat answer until it reports, "waiting" with the kiosk's reason, the screenshot
shown inline on the fleet page, and a kiosk that never answers timed out visibly."""

from __future__ import annotations

import base64
import io

import requests
from PIL import Image

from tests.backend.fleet.helpers import T, healthy, login, post


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (108, 192), (0, 90, 160)).save(out, "PNG")
    return out.getvalue()


def _ask(backend, kiosk_id: str, kind: str, **extra) -> requests.Response:
    return requests.post(
        f"{backend.url}/api/v1/admin/fleet/kiosks/{kiosk_id}/actions",
        json={"kind": kind, **extra},
        headers={"Authorization": f"Bearer {backend.admin}"},
        timeout=T,
    )


def _report(backend, token: str, action_id: int, **body) -> requests.Response:
    return requests.post(
        f"{backend.url}/api/v1/actions/{action_id}",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
        timeout=T,
    )


def test_a_screenshot_asked_delivered_waited_for_and_shown(clocked_backend, clock):
    backend = clocked_backend
    kiosk_id, token = backend.device(kiosk_id="bxl-centre-11")
    assert _ask(backend, kiosk_id, "screenshot").status_code == 404  # never reported
    assert post(backend.url, token, healthy(kiosk_id)).json()["actions"] == []
    asked = _ask(backend, kiosk_id, "screenshot")
    assert asked.status_code == 201, asked.text
    action = asked.json()
    assert action["state"] == "queued" and action["requested_by"] == backend.admin.split(".")[1]
    clock.advance(30)
    orders = post(backend.url, token, healthy(kiosk_id)).json()["actions"]
    assert [(o["id"], o["kind"]) for o in orders] == [(action["id"], "screenshot")]
    r = _report(backend, token, action["id"], state="waiting",
                message="a citizen session is active: the screenshot waits for its end")
    assert r.status_code == 200 and r.json()["state"] == "waiting"
    clock.advance(30)  # still open: still in the answer
    assert len(post(backend.url, token, healthy(kiosk_id)).json()["actions"]) == 1
    _, other = backend.device(kiosk_id="bxl-centre-12")
    png = base64.b64encode(_png()).decode()
    assert _report(backend, other, action["id"], state="done",
                   screenshot_png_base64=png).status_code == 404
    # An unusable screenshot closes its action as failed, with the reason central IT sees
    # (the kiosk's report is the only word there will be on it), instead of a refusal.
    for unusable, why in ((base64.b64encode(b"GIF89a....").decode(), "not a PNG image"),
                          (None, "none was sent")):
        other_action = _ask(backend, kiosk_id, "screenshot").json()
        extra = {} if unusable is None else {"screenshot_png_base64": unusable}
        r = _report(backend, token, other_action["id"], state="done", **extra)
        assert r.status_code == 200, r.text
        assert r.json()["state"] == "failed" and why in r.json()["message"]
    r = _report(backend, token, action["id"], state="done", message="1080×1920",
                screenshot_png_base64=png)
    assert r.status_code == 200 and r.json()["has_screenshot"]
    assert _report(backend, token, action["id"], state="failed").status_code == 409
    clock.advance(30)
    assert post(backend.url, token, healthy(kiosk_id)).json()["actions"] == []
    shot = requests.get(
        f"{backend.url}/api/v1/admin/fleet/actions/{action['id']}/screenshot",
        headers={"Authorization": f"Bearer {backend.admin}"}, timeout=T,
    )
    assert shot.status_code == 200 and shot.headers["content-type"] == "image/png"
    assert shot.content == _png()
    session = login(backend.url, backend.admin)
    try:
        page = session.get(f"{backend.url}/fleet/kiosks/{kiosk_id}", timeout=T)
        assert f'src="/fleet/actions/{action["id"]}/screenshot.png"' in page.text
        assert "1080×1920" in page.text
        img = session.get(f"{backend.url}/fleet/actions/{action['id']}/screenshot.png",
                          timeout=T)
        assert img.status_code == 200 and img.content.startswith(b"\x89PNG")
    finally:
        session.close()


def test_restart_from_the_page_and_a_silent_kiosk_times_out_visibly(clocked_backend, clock):
    backend = clocked_backend
    kiosk_id, token = backend.device(kiosk_id="bxl-centre-13")
    post(backend.url, token, healthy(kiosk_id))
    session = login(backend.url, backend.admin)
    try:
        page = session.get(f"{backend.url}/fleet/kiosks/{kiosk_id}", timeout=T)
        csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
        r = session.post(f"{backend.url}/fleet/kiosks/{kiosk_id}/actions",
                         data={"csrf": csrf, "kind": "restart_ui"}, timeout=T,
                         allow_redirects=False)
        assert r.status_code == 303, r.text
        r = session.post(f"{backend.url}/fleet/kiosks/{kiosk_id}/actions",
                         data={"csrf": csrf, "kind": "format_disk"}, timeout=T,
                         allow_redirects=False)
        assert r.status_code == 422
        [action] = requests.get(
            f"{backend.url}/api/v1/admin/fleet/kiosks/{kiosk_id}/actions",
            headers={"Authorization": f"Bearer {backend.admin}"}, timeout=T,
        ).json()
        assert action["kind"] == "restart_ui" and action["state"] == "queued"
        clock.advance(601)  # the default deadline: 10 min, and the kiosk never came back
        page = session.get(f"{backend.url}/fleet/kiosks/{kiosk_id}", timeout=T)
        assert "timed out" in page.text and "did not finish it before the deadline" in page.text
        post(backend.url, token, healthy(kiosk_id))
        assert _report(backend, token, action["id"], state="done").status_code == 409
    finally:
        session.close()


def test_the_largest_screenshot_a_kiosk_sends_fits_what_the_platform_takes(
        clocked_backend, tmp_path):
    """The kiosk sends a PNG up to MAX_SCREENSHOT_BYTES and reports a bigger one as too
    large; the platform takes the largest in one report (the schema used to allow 8 MiB
    that the 2 MiB body limit refused: 413 on every try, and the action timed out)."""
    import os

    from sync.actions import MAX_SCREENSHOT_BYTES, ActionCommands, ActionRunner, screenshot_file

    backend = clocked_backend
    kiosk_id, token = backend.device(kiosk_id="bxl-centre-13")
    post(backend.url, token, healthy(kiosk_id))
    largest = _png() + os.urandom(MAX_SCREENSHOT_BYTES - len(_png()))
    action = _ask(backend, kiosk_id, "screenshot").json()
    r = _report(backend, token, action["id"], state="done",
                screenshot_png_base64=base64.b64encode(largest).decode())
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "done" and r.json()["has_screenshot"]

    runner = ActionRunner(None, tmp_path, lambda: None, lambda text: text,  # type: ignore[arg-type]
                          ActionCommands(screenshot_wait_s=1.0))
    too_large = screenshot_file(tmp_path, 7)
    too_large.parent.mkdir(parents=True)
    too_large.write_bytes(largest + b"x")
    said = runner._screenshot(7)
    assert said["state"] == "failed" and "more than the platform takes" in said["message"]
    assert "screenshot_png_base64" not in said and not too_large.exists()
