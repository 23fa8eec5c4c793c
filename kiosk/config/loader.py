"""Reading the TOML file and ``KIOSK_<SECTION>_<KEY>`` overrides into a :class:`Config`."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from drivers.registry import DeviceRegistry
from kiosk.config.errors import ConfigError, ConfigProblem
from kiosk.config.locate import locate_key
from kiosk.config.schema import SECTIONS, Config

DEFAULT_CONFIG_PATH = Path("/etc/kiosk/kiosk.toml")
CONFIG_PATH_VARIABLE = "KIOSK_CONFIG"
ENV_PREFIX = "KIOSK_"

_TOML_LINE = re.compile(r"at line (\d+)")


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
    try:
        return Config.model_validate(data, context={"registry": registry})
    except ValidationError as exc:
        raise ConfigError(_problems(exc, source, text, origins)) from None


def config_from_mapping(data: dict[str, Any], registry: DeviceRegistry) -> Config:
    """Build a config from a mapping shaped like the TOML file (for demo and tests)."""
    try:
        return Config.model_validate(data, context={"registry": registry})
    except ValidationError as exc:
        raise ConfigError(_problems(exc, "(built-in)", "", {})) from None


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


def _problems(
    exc: ValidationError, source: str, text: str, origins: dict[str, str]
) -> list[ConfigProblem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = [str(part) for part in error["loc"]]
        key = ".".join(loc)
        origin = origins.get(".".join(loc[:2]))
        if error["type"] == "extra_forbidden":
            reason = "unknown key" if len(loc) > 1 else "unknown section"
        else:
            reason = _reason(error)
        if origin is not None:
            problems.append(ConfigProblem(origin, key, reason))
        else:
            problems.append(ConfigProblem(source, key, reason, locate_key(text, loc)))
    return problems


def _reason(error: Any) -> str:
    message = str(error["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    given = error.get("input")
    if error["type"] in {"missing"} or isinstance(given, dict):
        return message
    return f"{message} (got {given!r})"
