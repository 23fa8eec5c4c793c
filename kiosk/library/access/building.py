"""The schedule driving the building: lights, public PCs, the door's mode, closing
announcements, and the door's alerts (held open, forced, controller unreachable).

``tick(now)`` does everything due at ``now`` and is called about once a second by
:meth:`BuildingController.run`; tests call it with their own clock. Every switch is
journaled (and so reported in the heartbeat), whether the controller took it or not;
a switch the controller did not take is tried again on the next tick.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from drivers.errors import DeviceError
from drivers.relay.interface import RelayController
from kiosk.config.opening_hours import Mode
from kiosk.config.schema import LibraryAccessSection
from kiosk.library.access.announce import Announcer, closing_texts
from kiosk.library.access.closing import banner_texts
from kiosk.library.access.journal import AccessJournal
from kiosk.library.access.schedule import Schedule, Slot

log = logging.getLogger(__name__)

HELD_OPEN, FORCED, UNREACHABLE = "door_held_open", "door_forced", "controller_unreachable"
# After an entry's unlock ends, its pulse's own "off" is given this long before the
# schedule loop checks the coil (the two run on different threads).
UNLOCK_MARGIN = timedelta(seconds=2)


class BuildingController:
    def __init__(
        self,
        settings: LibraryAccessSection,
        schedule: Schedule,
        controller: RelayController,
        journal: AccessJournal,
        announcer: Announcer | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        retention_days: int = 7,
    ) -> None:
        self._s = settings
        self._schedule = schedule
        self._controller = controller
        self._journal = journal
        self._announcer = announcer
        self._now = now
        self._lock = threading.Lock()
        self._applied: Mode | None = None
        self._pending: list[tuple[datetime, str, int, bool]] = []  # (due, action, coil, on)
        self._announced: set[tuple[datetime, int]] = set()
        self._unlocked_until: datetime | None = None
        # False while the door coil could not be read back as the mode wants it.
        self._door_confirmed = True
        self._open_since: datetime | None = None
        self.banner: str | None = None  # the closing banner's text while one is due
        self._retention = timedelta(days=retention_days)
        self._pruned_on: object = None

    # --- the door service tells us when it unlocks --------------------------------------

    def note_unlock(self, seconds: float) -> None:
        with self._lock:
            self._unlocked_until = self._now() + timedelta(seconds=seconds)

    def mode(self) -> Mode:
        return self._schedule.mode_at(self._now())

    # --- the loop ----------------------------------------------------------------------

    def run(self, stop: threading.Event, interval_s: float = 1.0) -> None:
        while True:
            try:
                self.tick(self._now())
            except Exception:  # one bad tick must not stop the building's schedule
                log.exception("Open+ schedule tick failed")
            if stop.wait(interval_s):
                return

    def tick(self, now: datetime) -> None:
        with self._lock:
            slot = self._schedule.slot_at(now)
            if slot.mode != self._applied:
                self._switch(slot.mode, now)
            self._run_pending(now)
            self._announce(slot, now)
            self._keep_door(slot.mode, now)
            self._watch_door(slot.mode, now)
            if self._pruned_on != now.date():  # once a day: entries past the retention
                self._pruned_on = now.date()
                self._journal.prune_entries(self._retention)
                self._journal.prune_allow_list(
                    timedelta(hours=self._s.allow_list_max_age_h))

    # --- switches ----------------------------------------------------------------------

    def _switch(self, mode: Mode, now: datetime) -> None:
        s = self._s
        self._pending.clear()
        if mode == "closed":
            actions = [("pcs off", s.pcs_coil, False), ("door locked", s.door_coil, False)]
            self._pending.append(
                (now + timedelta(seconds=s.lights_grace_s), "lights off", s.lights_coil, False))
        else:
            door_free = mode == "staffed"  # staffed: the door opens freely; else card mode
            actions = [("lights on", s.lights_coil, True), ("pcs on", s.pcs_coil, True),
                       ("door free" if door_free else "door card mode", s.door_coil, door_free)]
            self.banner = None
        ok = all(self._apply(mode, *action) for action in actions)
        if ok:
            self._applied = mode
            log.info("Open+: switched to %s", mode)
        # else: not applied; the next tick tries the whole switch again

    def _apply(self, mode: str, action: str, coil: int, on: bool) -> bool:
        try:
            self._controller.set_coil(coil, on)
        except DeviceError as exc:
            self._journal.log_switch(mode, action, False, str(exc))
            if self._journal.raise_alert(UNREACHABLE, str(exc)):
                log.warning("Open+ alert: controller unreachable: %s", exc)
            return False
        self._journal.log_switch(mode, action, True)
        self._journal.clear_alert(UNREACHABLE)
        return True

    def _run_pending(self, now: datetime) -> None:
        due = [p for p in self._pending if p[0] <= now]
        for item in due:
            _, action, coil, on = item
            if self._apply(self._applied or "closed", action, coil, on):
                self._pending.remove(item)

    # --- announcements -----------------------------------------------------------------

    def _announce(self, slot: Slot, now: datetime) -> None:
        if slot.mode == "closed" or self._schedule.mode_at(slot.end) != "closed":
            return
        left = slot.end - now
        for minutes in sorted(self._s.announce_before_min):
            key = (slot.end, minutes)
            if left <= timedelta(minutes=minutes) and key not in self._announced:
                # Only the nearest one: starting up 3 minutes before closing says "5", once.
                for other in self._s.announce_before_min:
                    if left <= timedelta(minutes=other):
                        self._announced.add((slot.end, other))
                texts = closing_texts(minutes)
                # The screens' words (kiosk/library/access/closing.py), in every language.
                self.banner = " / ".join(banner_texts(minutes).values())
                self._journal.log_switch(slot.mode, f"announce {minutes} min", True)
                if self._announcer is not None:
                    self._announcer.announce(texts)
                break

    # --- door watch --------------------------------------------------------------------

    def _keep_door(self, mode: Mode, now: datetime) -> None:
        """Outside an entry's unlock, read the door coil back and set it as the mode wants
        it (free while staffed, locked otherwise): a pulse whose "off" was lost (an answer
        dropped, the link cut) left the door unlocked, and nothing else writes the coil
        until the mode changes — hours, after hours."""
        if self._applied != mode:
            return  # the mode's switch is not applied yet: it writes the coil itself
        until = self._unlocked_until
        if until is not None and now <= until + UNLOCK_MARGIN:
            return  # an entry's pulse is running: it locks the door itself
        wanted = mode == "staffed"
        coil = self._s.door_coil
        try:
            [state] = self._controller.read_coils(coil)
            if state != wanted:
                self._controller.set_coil(coil, wanted)
                log.warning("Open+: the door coil was %s outside any entry: set back",
                            "on" if state else "off")
                self._journal.log_switch(mode, "door coil set back", True)
        except DeviceError as exc:
            self._door_confirmed = False
            if self._journal.raise_alert(UNREACHABLE, str(exc)):
                log.warning("Open+ alert: controller unreachable: %s", exc)
            return
        self._door_confirmed = True

    def _watch_door(self, mode: Mode, now: datetime) -> None:
        try:
            contact = self._controller.read_input(self._s.door_contact_input)
        except DeviceError as exc:
            if self._journal.raise_alert(UNREACHABLE, str(exc)):
                log.warning("Open+ alert: controller unreachable: %s", exc)
            return
        if self._applied is not None and self._door_confirmed:
            self._journal.clear_alert(UNREACHABLE)
        closed = contact if self._s.contact_closed_is_on else not contact
        if closed:
            self._open_since = None
            self._journal.clear_alert(HELD_OPEN)
            self._journal.clear_alert(FORCED)
            return
        if self._open_since is None:
            self._open_since = now
        if mode == "staffed":
            return  # the door is free while staff are there
        unlocked_until = self._unlocked_until
        if unlocked_until is not None and self._open_since <= unlocked_until:
            # Opened while unlocked: a patron going in; an alert once it stays open.
            held = now - unlocked_until > timedelta(seconds=self._s.held_open_alert_s)
            if held and self._journal.raise_alert(HELD_OPEN, "door open after its entry"):
                log.warning("Open+ alert: door held open")
            return
        if self._journal.raise_alert(FORCED, f"door opened while locked ({mode})"):
            log.warning("Open+ alert: door forced")
