"""What a busy backend keeps alive between heartbeats. At 10,000 kiosks the p99 of
bench/fleet.py was set by the cycle collector walking objects that stayed alive just
long enough to look long-lived: a configuration answer rebuilt per kiosk every few
seconds, and every heartbeat's body held by the commit timer for up to a second. These
tests pin that such objects are shared or let go, not only that answers are right."""

from __future__ import annotations

import asyncio
import dataclasses
import weakref

from kiosk.backend.fleet import schemas
from kiosk.backend.fleet.beats import GroupCommit
from kiosk.backend.fleet.model import FleetSettings
from kiosk.backend.fleet.service import FleetService
from tests.backend.fleet.helpers import FakeClock, healthy


def _answer(fleet: FleetService, kiosk_id: str, site: str) -> schemas.RemoteConfig | None:
    beat = schemas.Heartbeat.model_validate(healthy(kiosk_id))
    return fleet.heartbeat(kiosk_id, site, beat).remote_config


def test_kiosks_without_their_own_layer_share_their_sites_answer_until_the_table_changes(
        database):
    # remote_config_cache_s=0: the table is read again for every heartbeat.
    fleet = FleetService(database, FakeClock(),
                         dataclasses.replace(FleetSettings(), remote_config_cache_s=0))
    fleet.set_remote("site", "laeken", {"journey": {"inactivity_timeout_s": 90}}, by="it")
    fleet.set_remote("kiosk", "laeken-03", {"journey": {"inactivity_timeout_s": 45}}, by="it")
    first = _answer(fleet, "laeken-01", "laeken")
    assert first is not None and first.values == {"journey": {"inactivity_timeout_s": 90}}
    # Read again, unchanged: the very same object, for this kiosk and its neighbour.
    assert _answer(fleet, "laeken-01", "laeken") is first
    assert _answer(fleet, "laeken-02", "laeken") is first
    # A kiosk with a layer of its own gets its own answer.
    own = _answer(fleet, "laeken-03", "laeken")
    assert own is not None and own.values == {"journey": {"inactivity_timeout_s": 45}}
    assert own.version != first.version
    # Another site's kiosks do not get Laeken's values.
    assert _answer(fleet, "haren-01", "haren") is None
    # A changed table is seen at once, by every kiosk of the site.
    fleet.set_remote("site", "laeken", {"journey": {"inactivity_timeout_s": 120}}, by="it")
    changed = _answer(fleet, "laeken-02", "laeken")
    assert changed is not None and changed.values == {"journey": {"inactivity_timeout_s": 120}}
    assert _answer(fleet, "laeken-01", "laeken") is changed
    assert _answer(fleet, "laeken-03", "laeken").values == {
        "journey": {"inactivity_timeout_s": 45}}


@dataclasses.dataclass
class _Item:
    name: str


def test_an_answered_heartbeat_is_let_go_at_once_not_when_the_commit_timer_next_runs():
    committed: list[str] = []
    batcher: GroupCommit[_Item] = GroupCommit(lambda items: committed.extend(
        i.name for i in items))

    async def submit_and_watch() -> weakref.ref[_Item]:
        item = _Item("laeken-01")
        watch = weakref.ref(item)
        await batcher.submit_async(item)
        del item
        # The commit timer (one a second per event loop) has not run yet: nothing but
        # this coroutine's frame may have held the item.
        return watch

    watch = asyncio.run(submit_and_watch())
    assert committed == ["laeken-01"]
    assert watch() is None
