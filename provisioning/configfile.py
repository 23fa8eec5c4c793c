"""Writing /etc/kiosk/kiosk.toml: merge new values into what is there, validate with the
kiosk's own loader, then replace the file atomically."""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from drivers.registry import DeviceRegistry
from kiosk.config.loader import DEFAULT_CONFIG_PATH, config_from_mapping
from kiosk.config.schema import Config

HEADER = "# Brussels kiosk configuration, written by `kiosk provision`; see kiosk.example.toml\n"


def under_root(root: Path | None, path: str | Path) -> Path:
    """``path`` (absolute on the kiosk) inside ``root`` when installing into a directory."""
    path = Path(path)
    return root / path.relative_to("/") if root is not None and path.is_absolute() else path


def config_path(root: Path | None) -> Path:
    return under_root(root, DEFAULT_CONFIG_PATH)


def read_existing(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def merge(data: dict[str, Any], changes: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    merged = {name: dict(table) for name, table in data.items()}
    for section, values in changes.items():
        merged.setdefault(section, {}).update(values)
    return merged


def write_config(
    path: Path, changes: Mapping[str, Mapping[str, Any]], registry: DeviceRegistry
) -> Config:
    """Merge ``changes`` into the file at ``path``, validate, write; returns the config.

    Raises :class:`kiosk.config.errors.ConfigError` (nothing written) when invalid.
    """
    data = merge(read_existing(path), changes)
    config = config_from_mapping(data, registry)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(HEADER + render(data), encoding="utf-8")
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)
    return config


def render(data: Mapping[str, Mapping[str, Any]]) -> str:
    """TOML for a mapping of tables of scalars and lists (the config's whole shape)."""
    lines: list[str] = []
    for section, table in data.items():
        lines.append(f"\n[{section}]")
        lines += [f"{key} = {_value(value)}" for key, value in table.items()]
    return "\n".join(lines).lstrip("\n") + "\n"


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} {value!r} to the config")
