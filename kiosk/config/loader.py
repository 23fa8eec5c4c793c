"""Reading the TOML file and ``KIOSK_<SECTION>_<KEY>`` overrides into a :class:`Config`."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec

from drivers.errors import DeviceUriError
from drivers.registry import DeviceKind, DeviceRegistry
from kiosk.config.errors import ConfigError, ConfigProblem
from kiosk.config.locate import locate_key
from kiosk.config.opening_hours import WEEKDAYS, parse_day
from kiosk.config.schema import SECTIONS, BackendSection, Config, LibrarySection, Section
from kiosk.config.transport import backend_problems

DEFAULT_CONFIG_PATH = Path("/etc/kiosk/kiosk.toml")
CONFIG_PATH_VARIABLE = "KIOSK_CONFIG"
ENV_PREFIX = "KIOSK_"

_TOML_LINE = re.compile(r"at line (\d+)")
# msgspec: "Expected `int`, got `str` - at `$.journey.inactivity_timeout_s`"
_MSGSPEC_PATH = re.compile(r"^(?P<message>.*?)(?: - at `\$\.?(?P<path>[^`]*)`)?$", re.DOTALL)
_UNKNOWN_FIELD = re.compile(r"^Object contains unknown field `(?P<field>[^`]+)`$")


def resolve_config_path(cli_path: str | None, env: Mapping[str, str]) -> Path:
    """``--config`` wins over ``KIOSK_CONFIG``, which wins over the default path."""
    if cli_path:
        return Path(cli_path)
    if env.get(CONFIG_PATH_VARIABLE):
        return Path(env[CONFIG_PATH_VARIABLE])
    return DEFAULT_CONFIG_PATH


def load_config(
    path: Path | None,
    registry: DeviceRegistry,
    env: Mapping[str, str] | None = None,
) -> Config:
    """Load and validate; raises :class:`ConfigError` listing every problem found.

    ``path=None`` starts from the defaults (demo mode needs no file).
    """
    env = os.environ if env is None else env
    text = ""
    data: dict[str, Any] = {}
    source = str(path) if path is not None else "(defaults)"
    if path is not None:
        text, data = _read_toml(path)
    origins = _apply_env_overrides(data, env)
    return _validate(data, registry, source, text, origins)


def config_from_mapping(data: dict[str, Any], registry: DeviceRegistry) -> Config:
    """Build a config from a mapping shaped like the TOML file (for demo and tests)."""
    return _validate(data, registry, "(built-in)", "", {})


def _validate(
    data: dict[str, Any], registry: DeviceRegistry, source: str, text: str,
    origins: dict[str, str],
) -> Config:
    """Check each section on its own, so one run reports a problem in every section."""
    problems: list[ConfigProblem] = []
    sections: dict[str, Section] = {}

    def problem(key: str, reason: str) -> None:
        origin = origins.get(key)
        if origin is not None:
            problems.append(ConfigProblem(origin, key, reason))
        else:
            problems.append(ConfigProblem(source, key, reason, locate_key(text, key.split("."))))

    for name, value in data.items():
        section_type = SECTIONS.get(name)
        if section_type is None:
            problem(name, "unknown section")
            continue
        try:
            sections[name] = msgspec.convert(value, section_type, strict=True)
        except msgspec.ValidationError as exc:
            key, reason = _explain(name, str(exc), value)
            problem(key, reason)
    devices = sections.get("devices")
    if devices is not None:
        for kind in msgspec.structs.fields(devices):
            uri = getattr(devices, kind.name)
            if uri is None:
                continue
            device_kind: DeviceKind = kind.name  # type: ignore[assignment]
            try:
                registry.validate(device_kind, uri)
            except DeviceUriError as exc:
                problem(f"devices.{kind.name}", str(exc))
    library = sections.get("library")
    if isinstance(library, LibrarySection):
        for key, reason in library_problems(library, registry):
            problem(key, reason)
    backend = sections.get("backend")
    if isinstance(backend, BackendSection):
        for key, reason in backend_problems(backend):
            problem(key, reason)
    if problems:
        raise ConfigError(problems)
    return Config(**sections)


def library_problems(
    library: LibrarySection, registry: DeviceRegistry
) -> list[tuple[str, str]]:
    """What the schema cannot see: the controller's URI, overlapping hours, the zone."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    problems: list[tuple[str, str]] = []
    access, schedule = library.access, library.schedule
    if access.controller is not None:
        try:
            registry.validate("relay", access.controller)
        except DeviceUriError as exc:
            problems.append(("library.access.controller", str(exc)))
    coils = {"door_coil": access.door_coil, "lights_coil": access.lights_coil,
             "pcs_coil": access.pcs_coil, "alarm_coil": access.alarm_coil}
    seen: dict[int, str] = {}
    for name, address in coils.items():
        if address in seen:
            problems.append((f"library.access.{name}",
                             f"coil {address} is already the {seen[address]}"))
        seen.setdefault(address, name)
    try:
        ZoneInfo(schedule.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(("library.schedule.timezone", f"unknown time zone {schedule.timezone!r}"))
    days = {day: getattr(schedule, day) for day in WEEKDAYS}
    days.update({f"exceptions.{d}": lines for d, lines in schedule.exceptions.items()})
    for day, lines in days.items():
        try:
            parse_day(lines)
        except ValueError as exc:
            problems.append((f"library.schedule.{day}", str(exc)))
    from datetime import date

    for day in schedule.exceptions:
        try:
            date.fromisoformat(day)
        except ValueError:
            problems.append((f"library.schedule.exceptions.{day}", "not a calendar date"))
    return problems


def _explain(section: str, message: str, value: Any) -> tuple[str, str]:
    """Turn msgspec's message into (dotted key, reason with what was given)."""
    match = _MSGSPEC_PATH.match(message)
    assert match is not None  # the pattern matches any text
    reason, path = match.group("message"), match.group("path") or ""
    parts = [p for p in re.split(r"\.|\[\d+\]", path) if p]
    unknown = _UNKNOWN_FIELD.match(reason)
    if unknown:
        return ".".join([section, *parts, unknown.group("field")]), "unknown key"
    key = ".".join([section, *parts]) if parts else section
    given = value.get(parts[0], None) if parts and isinstance(value, dict) else value
    reason = reason.replace("`", "")
    reason = reason[:1].lower() + reason[1:]
    if parts and not isinstance(given, dict):
        reason = f"{reason}: {given!r}"
    return key, reason


def _read_toml(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([ConfigProblem(str(path), "", "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            [ConfigProblem(str(path), "", f"not UTF-8 text (byte {exc.start})")]
        ) from None
    except OSError as exc:
        raise ConfigError([ConfigProblem(str(path), "", exc.strerror or str(exc))]) from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        raise ConfigError(
            [ConfigProblem(str(path), "", f"not valid TOML: {exc}", line)]
        ) from None


def _apply_env_overrides(data: dict[str, Any], env: Mapping[str, str]) -> dict[str, str]:
    """Merge ``KIOSK_<SECTION>_<KEY>`` variables into ``data``; returns key → variable."""
    origins: dict[str, str] = {}
    problems: list[ConfigProblem] = []
    for name in sorted(env):
        if not name.startswith(ENV_PREFIX) or name == CONFIG_PATH_VARIABLE:
            continue
        rest = name[len(ENV_PREFIX):].lower()
        section = next((s for s in SECTIONS if rest.startswith(s + "_")), None)
        if section is None:
            problems.append(ConfigProblem(
                f"env {name}", "", f"no such section; sections are {', '.join(SECTIONS)}"))
            continue
        key = rest[len(section) + 1:]
        table = data.setdefault(section, {})
        if not isinstance(table, dict):
            problems.append(ConfigProblem(f"env {name}", section, "is not a table in the file"))
            continue
        table[key] = _parse_env_value(env[name])
        origins[f"{section}.{key}"] = f"env {name}"
    if problems:
        raise ConfigError(problems)
    return origins


def _parse_env_value(raw: str) -> Any:
    """Read the value as a TOML literal (60, true, ["fr", "nl"]); plain text otherwise."""
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw
