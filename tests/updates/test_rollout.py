"""Central side with the real FastAPI app under uvicorn on 127.0.0.1: bundles (with
Range), rollout waves, kiosk reports; and a real kiosk agent + updater rolling a broken
canary back, which halts the rollout."""

from __future__ import annotations

import pytest
import requests

from kiosk.backend.updates.router import parse_range
from kiosk.updates.bundle import verify_bundle
from kiosk.updates.install import current_version
from sync.updates import UpdateAgent, UpdatesClient
from tests.backend.harness import PostgresCluster, threaded_backend
from tests.updates.conftest import layout_of, make_updater

WAVES = [{"kiosks": ["k-canary"]}, {"site": "bxl-centre"}, {"all": True}]


def admin(backend) -> dict[str, str]:
    return {"Authorization": f"Bearer {backend.admin}"}


def upload(backend, bundle, version: str) -> dict:
    response = requests.put(
        f"{backend.url}/api/v1/admin/updates/bundles/{version}",
        data=bundle.read_bytes(),
        headers=admin(backend),
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return response.json()


def start_rollout(backend, version: str) -> dict:
    response = requests.post(
        f"{backend.url}/api/v1/admin/updates/rollouts",
        json={"version": version, "waves": WAVES},
        headers=admin(backend),
        timeout=10,
    )
    assert response.status_code == 201, response.text
    return response.json()


def rollout(backend, rollout_id: int) -> dict:
    return requests.get(
        f"{backend.url}/api/v1/admin/updates/rollouts/{rollout_id}",
        headers=admin(backend),
        timeout=10,
    ).json()


def client(backend, token: str) -> UpdatesClient:
    return UpdatesClient(backend.url, token, timeout_s=10)


@pytest.fixture(scope="module")
def pg_cluster():
    cluster = PostgresCluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_waves_open_as_kiosks_become_healthy_and_bundles_resume(
    tmp_path, bundles, keys, database, request
):
    if database == "sqlite":
        db_url = f"sqlite:///{tmp_path / 'backend.db'}"
    else:
        db_url = request.getfixturevalue("pg_cluster").create_database()
    with threaded_backend(db_url) as backend:
        kiosks = {
            name: client(backend, backend.device(site, name)[1])
            for name, site in (
                ("k-canary", "bxl-centre"),
                ("k-centre-2", "bxl-centre"),
                ("k-laeken", "laeken"),
            )
        }
        try:
            uploaded = upload(backend, bundles["2.0.0"], "2.0.0")
            plan = start_rollout(backend, "2.0.0")
            assert [k.target()["version"] for k in kiosks.values()] == ["2.0.0", None, None]

            # The canary's download was cut halfway earlier: it resumes with Range.
            whole = bundles["2.0.0"].read_bytes()
            dest = tmp_path / "dl" / "2.0.0.kbundle"
            dest.parent.mkdir()
            (dest.parent / "2.0.0.kbundle.part").write_bytes(whole[: len(whole) // 2])
            kiosks["k-canary"].download("2.0.0", dest, uploaded["size"], uploaded["sha256"])
            assert dest.read_bytes() == whole
            assert verify_bundle(dest, keys.public, tmp_path / "v").version == "2.0.0"
            url = f"{backend.url}/api/v1/updates/bundles/2.0.0"
            auth = {"Authorization": kiosks["k-canary"]._session.headers["Authorization"]}
            tail = requests.get(url, headers={**auth, "Range": "bytes=-10"}, timeout=10)
            assert (tail.status_code, tail.content) == (206, whole[-10:])
            assert (
                tail.headers["Content-Range"]
                == f"bytes {len(whole) - 10}-{len(whole) - 1}/{len(whole)}"
            )
            past = requests.get(url, headers={**auth, "Range": f"bytes={len(whole)}-"}, timeout=10)
            assert past.status_code == 416

            kiosks["k-canary"].report("2.0.0", "healthy", "all good", "2.0.0")
            assert rollout(backend, plan["id"])["wave"] == 1
            assert [k.target()["version"] for k in kiosks.values()] == ["2.0.0", "2.0.0", None]
            kiosks["k-centre-2"].report("2.0.0", "healthy", None, "2.0.0")
            assert rollout(backend, plan["id"])["wave"] == 2
            assert kiosks["k-laeken"].target()["version"] == "2.0.0"
        finally:
            for k in kiosks.values():
                k.close()


def test_rollout_halts_after_the_canary_rolls_back(tmp_path, root, bundles, keys):
    with threaded_backend(f"sqlite:///{tmp_path / 'backend.db'}") as backend:
        canary = client(backend, backend.device("bxl-centre", "k-canary")[1])
        other = client(backend, backend.device("bxl-centre", "k-centre-2")[1])
        layout = layout_of(root)
        try:
            upload(backend, bundles["3.0.0-crash"], "3.0.0")
            plan = start_rollout(backend, "3.0.0")
            agent = UpdateAgent(
                canary,
                make_updater(root, keys.public, health_timeout_s=2.0),
                tmp_path / "downloads",
                lambda: current_version(layout),
            )

            final = agent.check_once()

            assert final is not None and final.state == "rolled_back"
            assert current_version(layout) == "1.0.0"
            halted = rollout(backend, plan["id"])
            assert halted["status"] == "halted"
            assert "k-canary rolled back 3.0.0" in halted["halted_reason"]
            assert "no attract screen" in halted["halted_reason"]
            # Nobody else is offered it; the canary does not retry it.
            advance = requests.post(
                f"{backend.url}/api/v1/admin/updates/rollouts/{plan['id']}/advance",
                headers=admin(backend),
                timeout=10,
            )
            assert advance.status_code == 409
            assert other.target()["version"] is None
            assert agent.check_once() is None
            states = requests.get(
                f"{backend.url}/api/v1/admin/updates/kiosks", headers=admin(backend), timeout=10
            ).json()
            assert [(s["kiosk_id"], s["state"], s["current"]) for s in states] == [
                ("k-canary", "rolled_back", "1.0.0")
            ]

            # Central IT unblocks the version: the kiosk hears it and forgets the block.
            unblocked = requests.post(
                f"{backend.url}/api/v1/admin/updates/versions/3.0.0/unblock",
                headers=admin(backend),
                timeout=10,
            ).json()
            assert unblocked["kiosks"] == ["k-canary"]
            assert canary.target()["unblock"] == ["3.0.0"]
            assert agent.check_once() is None  # halted: not offered, but unblocked
            assert "3.0.0" not in agent._updater.state.load().blocked
            assert canary.target()["unblock"] == []
        finally:
            canary.close()
            other.close()


def test_upload_refuses_a_bundle_of_another_version(tmp_path, bundles):
    with threaded_backend(f"sqlite:///{tmp_path / 'backend.db'}") as backend:
        response = requests.put(
            f"{backend.url}/api/v1/admin/updates/bundles/2.0.1",
            data=bundles["2.0.0"].read_bytes(),
            headers=admin(backend),
            timeout=30,
        )
        assert response.status_code == 422
        assert "says 2.0.0, not 2.0.1" in response.json()["detail"]
        refused = requests.post(
            f"{backend.url}/api/v1/admin/updates/rollouts",
            json={"version": "2.0.1", "waves": WAVES},
            headers=admin(backend),
            timeout=10,
        )
        assert refused.status_code == 409


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("bytes=0-", (0, 99)),
        ("bytes=10-19", (10, 19)),
        ("bytes=90-500", (90, 99)),
        ("bytes=-5", (95, 99)),
        ("bytes=0-1,5-6", None),  # several ranges: the whole file
        ("pages=1-2", None),
        ("bytes=20-10", None),
    ],
)
def test_range_header_parsing(header, expected):
    assert parse_range(header, 100) == expected


def test_a_rollback_seen_only_in_heartbeats_halts_the_rollout_once(tmp_path, bundles):
    """An agent whose report through the updates API was lost: its heartbeats still carry
    the update state, and the fleet tells the rollouts (a healthy canary opens the next
    wave; a rollback halts, once, however many heartbeats repeat it)."""
    from tests.backend.fleet.helpers import healthy

    def beat(backend, token: str, kiosk_id: str, update: dict) -> None:
        response = requests.post(
            f"{backend.url}/api/v1/heartbeat",
            json=healthy(kiosk_id, update=update),
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        assert response.status_code == 200, response.text

    with threaded_backend(f"sqlite:///{tmp_path / 'backend.db'}") as backend:
        canary = backend.device("bxl-centre", "k-canary")[1]
        second = backend.device("bxl-centre", "k-centre-2")[1]
        upload(backend, bundles["2.0.0"], "2.0.0")
        plan = start_rollout(backend, "2.0.0")
        beat(backend, canary, "k-canary", {"current": "1.0.0", "state": "idle"})
        assert rollout(backend, plan["id"])["wave"] == 0  # no version: nothing to report
        beat(backend, canary, "k-canary", {"current": "2.0.0", "state": "healthy",
                                           "version": "2.0.0"})
        assert rollout(backend, plan["id"])["wave"] == 1  # the canary's wave is healthy

        rolled_back = {"current": "1.0.0", "state": "rolled_back", "version": "2.0.0",
                       "reason": "no heartbeat within 300 s", "previous": "2.0.0"}
        for _ in range(5):
            beat(backend, second, "k-centre-2", rolled_back)
        halted = rollout(backend, plan["id"])
        assert halted["status"] == "halted" and halted["wave"] == 1
        assert halted["halted_reason"] == (
            "kiosk k-centre-2 rolled back 2.0.0: no heartbeat within 300 s")
        states = requests.get(
            f"{backend.url}/api/v1/admin/updates/kiosks", headers=admin(backend), timeout=10
        ).json()
        assert [(s["kiosk_id"], s["state"], s["current"]) for s in states] == [
            ("k-canary", "healthy", "2.0.0"), ("k-centre-2", "rolled_back", "1.0.0")]

        # Central IT resumes it; the same rollback repeated in later heartbeats is not
        # news and does not halt it again.
        resumed = requests.post(
            f"{backend.url}/api/v1/admin/updates/rollouts/{plan['id']}/resume",
            headers=admin(backend), timeout=10)
        assert resumed.status_code == 200, resumed.text
        beat(backend, second, "k-centre-2", rolled_back)
        assert rollout(backend, plan["id"])["status"] == "active"


def test_a_kiosk_outside_the_opened_waves_cannot_halt_the_rollout(tmp_path, bundles):
    """A kiosk that was never offered the version (its wave not open yet) reports a
    rollback of it — misconfigured, on a test build, or hostile: its state is kept for
    central IT, but the rollout goes on; once its wave is open, its report counts."""
    with threaded_backend(f"sqlite:///{tmp_path / 'backend.db'}") as backend:
        canary = backend.device("bxl-centre", "k-canary")[1]
        later = backend.device("laeken", "k-laeken-1")[1]
        upload(backend, bundles["2.0.0"], "2.0.0")
        plan = start_rollout(backend, "2.0.0")
        rolled_back = {"version": "2.0.0", "state": "rolled_back", "current": "1.0.0",
                       "reason": "nope"}
        assert client(backend, later).target()["version"] is None  # not offered yet
        client(backend, later).report(**rolled_back)
        assert rollout(backend, plan["id"])["status"] == "active"
        states = requests.get(f"{backend.url}/api/v1/admin/updates/kiosks",
                              headers=admin(backend), timeout=10).json()
        assert ("k-laeken-1", "rolled_back") in [(s["kiosk_id"], s["state"]) for s in states]
        client(backend, canary).report(version="2.0.0", state="rolled_back",
                                       current="1.0.0", reason="no attract screen")
        assert rollout(backend, plan["id"])["status"] == "halted"  # an offered kiosk's
