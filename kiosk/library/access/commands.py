"""``kiosk library access [serve]`` and ``kiosk library schedule show``.

One attempt (``--card``) asks the library system once, prints the decision and pulses
the door on ``granted``; ``serve`` is the door service: card numbers from the door's
readers (a keyboard-wedge scanner: one line each on standard input; the door camera's
Codabar / Code 128 library cards; eIDs in the door's reader through pcscd,
kiosk/library/access/eid_door.py) and the schedule driving the building, until SIGTERM
(or the end of input when the wedge is the only reader).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import queue
import signal
import sys
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from drivers.errors import DeviceError, DeviceUriError
from drivers.registry import default_registry
from kiosk.config.errors import ConfigError
from kiosk.config.loader import load_config, resolve_config_path
from kiosk.config.schema import Config
from kiosk.systemd_notify import SystemdNotifier

log = logging.getLogger(__name__)
MODES = ("self-service", "staffed", "closed")


def register(actions: argparse._SubParsersAction) -> None:
    """Adds ``access`` and ``schedule`` to ``kiosk library``."""
    access = actions.add_parser(
        "access", help="Open+ door: one entry attempt (--card), or `serve` the door service")
    _common(access)
    access.add_argument("--sip2", metavar="HOST:PORT", help="default: [library] sip2_address")
    access.add_argument("--controller", metavar="URI",
                        help="relay controller; default: [library.access] controller")
    access.add_argument("--card", metavar="BARCODE", help="the library card presented")
    access.add_argument("--mode", choices=MODES, help="default: the schedule's mode now")
    access.add_argument(
        "--language", choices=("fr", "nl", "en"), default="en", help="the refusal's language"
    )
    access.set_defaults(handler=access_command)
    sub = access.add_subparsers(dest="access_action", metavar="ACTION", required=False)
    serve = sub.add_parser("serve", help="the door service (cards on stdin, schedule, alerts)")
    _common(serve)
    serve.add_argument("--camera", metavar="URI",
                       help="door camera reading library cards; default: [devices] camera")
    serve.add_argument("--eid", metavar="URI",
                       help="door eID reader (pcsc://…); default: [devices] eid_reader")
    serve.set_defaults(handler=serve_command)
    status = sub.add_parser(
        "status", help="for staff: the allow-list's size and age, open alerts, last switches")
    _common(status)
    status.set_defaults(handler=status_command)
    allow = sub.add_parser(
        "allow-list", help="replace the offline allow-list with the library system's export")
    _common(allow)
    allow.add_argument("--file", required=True,
                       help="one keyed patron hash a line (32 hex digits), as exported")
    allow.set_defaults(handler=allow_list_command)
    schedule = actions.add_parser("schedule", help="Open+ hours")
    schedule_actions = schedule.add_subparsers(dest="schedule_action", metavar="ACTION",
                                               required=True)
    show = schedule_actions.add_parser("show", help="the mode now and the coming days' hours")
    _common(show)
    show.add_argument("--days", type=int, default=7, help="how many days to show (default 7)")
    show.set_defaults(handler=schedule_show_command)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", help="config file (default: $KIOSK_CONFIG or /etc/kiosk/kiosk.toml)")
    parser.add_argument("--json", action="store_true", help="one JSON object")


def _config(args: argparse.Namespace, overrides: dict[str, Any] | None = None) -> Config:
    env = dict(os.environ)
    for key, value in (overrides or {}).items():
        if value is not None:
            env[key] = json.dumps(value)  # a TOML string literal
    try:
        return load_config(resolve_config_path(args.config, env), default_registry(), env)
    except ConfigError as exc:
        raise SystemExit(f"kiosk: {exc}") from None


def _open(config: Config) -> tuple[Any, Any, Any]:
    from drivers.sip2.client import Sip2Client
    from kiosk.library.access.journal import AccessJournal
    from kiosk.library.settings import from_config, library_clock

    access = config.library.access
    if access.controller is None:
        raise SystemExit("kiosk: no relay controller: set [library.access] controller "
                         "or give --controller")
    try:
        controller = default_registry().open("relay", access.controller)
    except (DeviceError, DeviceUriError) as exc:
        raise SystemExit(f"kiosk: library.access.controller: {exc}") from None
    from pathlib import Path

    sip2, _ = from_config(config.library)
    return (controller, Sip2Client(sip2, now=library_clock(config.library)),
            AccessJournal(Path(access.journal_path)))


def access_command(args: argparse.Namespace) -> int:
    from kiosk.library.access.door import DoorService
    from kiosk.library.access.schedule import Schedule

    if not args.card:
        raise SystemExit("kiosk: library access: give --card BARCODE (or the `serve` action)")
    if args.sip2 is not None:
        from kiosk.library.settings import split_address

        try:
            split_address(args.sip2)
        except ValueError as exc:
            raise SystemExit(f"kiosk: --sip2: {exc}") from None
    config = _config(args, {"KIOSK_LIBRARY_SIP2_ADDRESS": args.sip2})
    if args.controller:
        try:
            default_registry().validate("relay", args.controller)
        except ValueError as exc:
            raise SystemExit(f"kiosk: --controller: {exc}") from None
        config = _with_controller(config, args.controller)
    mode = args.mode or Schedule(config.library.schedule).mode_at(datetime.now(UTC))
    controller, client, journal = _open(config)
    try:
        door = DoorService(config.library.access, controller, client, journal,
                           config.library.eid_link_key)
        outcome = door.attempt(args.card, mode)
    finally:
        client.close()
        controller.close()
        journal.close()
    message = outcome.decision.text(args.language)
    if args.json:
        sys.stdout.write(json.dumps({**outcome.as_json(), "mode": mode, "message": message})
                         + "\n")
    else:
        sys.stdout.write(f"{outcome.decision.result}: {outcome.decision.reason} ({message})\n")
    return 0 if outcome.decision.granted else 1


def _with_controller(config: Config, uri: str) -> Config:
    import msgspec

    access = msgspec.structs.replace(config.library.access, controller=uri)
    library = msgspec.structs.replace(config.library, access=access)
    return msgspec.structs.replace(config, library=library)


def allow_list_command(args: argparse.Namespace) -> int:
    """Keyed hashes only (kiosk/library/eid.card_key with the shared link key): a line
    that is not one is refused with its number, and nothing is replaced."""
    import re
    from pathlib import Path

    from kiosk.library.access.journal import AccessJournal

    config = _config(args)
    try:
        lines = Path(args.file).read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SystemExit(f"kiosk: --file {args.file}: {exc}") from None
    keys: list[str] = []
    for number, line in enumerate(lines, start=1):
        text = line.strip().lower()
        if not text or text.startswith("#"):
            continue
        if not re.fullmatch(r"[0-9a-f]{32}", text):
            raise SystemExit(f"kiosk: {args.file}:{number}: not a keyed patron hash "
                             "(32 hex digits); nothing replaced")
        keys.append(text)
    journal = AccessJournal(Path(config.library.access.journal_path))
    try:
        size = journal.replace_allow_list(keys)
    finally:
        journal.close()
    sys.stdout.write(json.dumps({"allow_list": size}) + "\n" if args.json
                     else f"allow-list replaced: {size} patrons\n")
    return 0


def status_command(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kiosk.library.access.journal import AccessJournal

    path = Path(_config(args).library.access.journal_path)
    if not path.exists():
        raise SystemExit(f"kiosk: no door journal at {path} (the door service never ran)")
    journal = AccessJournal(path)
    try:
        section = journal.heartbeat_section(recent=10)
        entries = journal.entries(limit=10)
    finally:
        journal.close()
    if args.json:
        section["entries"] = [{"at": e.at.isoformat(), "result": e.result, "reason": e.reason,
                               "mode": e.mode, "via": e.via} for e in entries]
        sys.stdout.write(json.dumps(section) + "\n")
        return 0
    allow = section["allow_list"]
    age = allow["age_s"]
    sys.stdout.write(
        f"allow-list: {allow['size']} patrons, "
        f"{'never refreshed' if age is None else f'refreshed {age // 60} min ago'}\n")
    for alert in section["alerts"]:
        since = _brussels(alert["since"])
        sys.stdout.write(f"ALERT {alert['kind']} since {since}: {alert['detail']}\n")
    for w in section["switches"]:
        failed = "" if w["ok"] else " FAILED"
        sys.stdout.write(f"{_brussels(w['at'])}  {w['mode']:<12} {w['action']}{failed}\n")
    for e in entries:
        sys.stdout.write(
            f"{_brussels(e.at)}  {e.result:<8} {e.reason} ({e.via}, {e.mode})\n")
    return 0


def _brussels(moment: datetime | str) -> str:
    """Staff read Brussels time (the journal keeps ISO 8601 in UTC; --json gives that)."""
    from kiosk.l10n import format_technical

    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return format_technical(moment, zone=True, seconds=True)


def schedule_show_command(args: argparse.Namespace) -> int:
    from kiosk.library.access.schedule import Schedule

    schedule = Schedule(_config(args).library.schedule)
    now = datetime.now(UTC)
    current = schedule.slot_at(now)
    first = now.astimezone(schedule.zone).date()
    days = [first + timedelta(days=n) for n in range(max(args.days, 1))]
    if args.json:
        sys.stdout.write(json.dumps({
            "now": {"mode": current.mode, "until": current.end.isoformat()},
            "days": [{"date": d.isoformat(), "slots": [
                {"start": s.start.isoformat(), "end": s.end.isoformat(), "mode": s.mode}
                for s in schedule.day_slots(d)]} for d in days],
        }) + "\n")
        return 0
    sys.stdout.write(f"now: {current.mode} until {current.end:%a %Y-%m-%d %H:%M}\n")
    for d in days:
        hours = ", ".join(f"{s.start:%H:%M}-{s.end:%H:%M} {s.mode}"
                          for s in schedule.day_slots(d) if s.mode != "closed") or "closed"
        sys.stdout.write(f"{d:%a %Y-%m-%d}  {hours}\n")
    return 0


CARD_FORMATS = frozenset({"CODABAR", "CODE128"})  # library cards' barcodes
END = ""  # the wedge's input ended


def serve_command(args: argparse.Namespace) -> int:
    from kiosk.library.access.announce import EspeakAnnouncer
    from kiosk.library.access.building import BuildingController
    from kiosk.library.access.door import DoorService
    from kiosk.library.access.eid_door import EidAtDoor, EidDoorReader, EidNotAccepted
    from kiosk.library.access.schedule import Schedule

    config = _config(args)
    camera_uri = args.camera or config.devices.camera
    camera = None
    if camera_uri:
        try:
            camera = default_registry().open("camera", camera_uri)
        except (DeviceError, DeviceUriError) as exc:
            raise SystemExit(f"kiosk: door camera: {exc}") from None
    eid_uri = args.eid or config.devices.eid_reader
    eid_reader = None
    if eid_uri:
        try:
            eid_reader = default_registry().open("eid_reader", eid_uri)
        except (DeviceError, DeviceUriError) as exc:
            raise SystemExit(f"kiosk: door eID reader: {exc}") from None
    controller, client, journal = _open(config)
    schedule = Schedule(config.library.schedule)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    speaker = EspeakAnnouncer(config.ui.speech_command)
    building = BuildingController(config.library.access, schedule, controller, journal,
                                  speaker, retention_days=config.privacy.retention_days)
    door = DoorService(config.library.access, controller, client, journal,
                       config.library.eid_link_key, wait=stop.wait,
                       on_unlock=building.note_unlock)
    cards: queue.Queue[str | EidAtDoor | EidNotAccepted] = queue.Queue()
    eid = None
    if eid_reader is not None:
        eid = EidDoorReader(eid_reader, config.library.eid_link_key, cards)
        eid.start()
    threads = [threading.Thread(target=building.run, args=(stop,), name="open-plus-schedule",
                                daemon=True),
               threading.Thread(target=_read_wedge, args=(cards,), name="door-wedge",
                                daemon=True)]
    if camera is not None:
        threads.append(threading.Thread(target=_read_camera, args=(camera, cards, stop),
                                        name="door-camera", daemon=True))
    for thread in threads:
        thread.start()
    sys.stdout.write("door service ready\n")
    sys.stdout.flush()
    notifier = SystemdNotifier.from_env()  # systemd/kiosk-door.service: Type=notify
    notifier.ready("door service ready")
    try:
        while not stop.is_set():
            notifier.ping()  # the main loop wakes at least every half second
            try:
                card = cards.get(timeout=0.5)
            except queue.Empty:
                continue
            if card == END:
                if camera is None and eid is None:  # the wedge was the only reader
                    break
                continue
            if isinstance(card, EidAtDoor):
                outcome = door.attempt(card.token, building.mode(), via="eid",
                                       birth_date=card.birth_date)
            elif isinstance(card, EidNotAccepted):
                outcome = door.refuse_unread_eid(building.mode(), card.reason)
            else:
                outcome = door.attempt(card, building.mode())
            sys.stdout.write(json.dumps(outcome.as_json()) + "\n")
            sys.stdout.flush()
            if not outcome.decision.granted:  # the reason in words, never an amount
                speaker.announce({lang: outcome.decision.text(lang)
                                  for lang in config.kiosk.languages})
    finally:
        notifier.stopping()
        notifier.close()
        stop.set()
        for thread in threads[:1] + threads[2:]:  # the wedge thread may sit in a read
            thread.join(timeout=10)
        if camera is not None:
            camera.close()
        if eid is not None:
            eid.close()
        client.close()
        controller.close()
        journal.close()
    return 0


def _read_wedge(cards: queue.Queue[Any]) -> None:
    """A keyboard-wedge scanner's lines (standard input), one card each."""
    for line in sys.stdin:
        if line.strip():
            cards.put(line.strip())
    cards.put(END)


def _read_camera(camera: Any, cards: queue.Queue[Any], stop: threading.Event) -> None:
    """Library cards held up to the door's camera (Codabar, Code 128); only the decoded
    number leaves the camera driver, never a frame."""
    while not stop.is_set():
        try:
            code = camera.read_code(1.0, CARD_FORMATS)
        except DeviceError as exc:
            log.warning("door camera: %s", exc)
            stop.wait(2.0)
            continue
        if code is not None:
            cards.put(code.text)
