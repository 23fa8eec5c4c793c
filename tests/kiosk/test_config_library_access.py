"""[library.access] and [library.schedule]: validated like the rest of kiosk.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config.errors import ConfigError
from kiosk.config.loader import load_config
from sync.heartbeat_config import RemoteConfigError, apply_values

GOOD = """\
[library]
institution_id = "BXL"

[library.access]
controller = "modbus+tcp://127.0.0.1:5020?unit=2"
door_coil = 4
door_open_s = 3

[library.schedule]
monday = ["08:00-10:00 self-service", "10:00-18:00 staffed"]

[library.schedule.exceptions]
"2026-12-25" = []
"""


def load(tmp_path: Path, text: str, registry):
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path, load_config(path, registry, env={})


def problems(tmp_path: Path, text: str, registry) -> list[str]:
    with pytest.raises(ConfigError) as exc:
        load(tmp_path, text, registry)
    return [str(p).split(":", 1)[1] for p in exc.value.problems]


def test_good_section_is_read(tmp_path, registry):
    _, config = load(tmp_path, GOOD, registry)
    access = config.library.access
    assert (access.controller, access.door_coil, access.door_open_s) == (
        "modbus+tcp://127.0.0.1:5020?unit=2", 4, 3.0)
    assert config.library.schedule.exceptions == {"2026-12-25": ()}
    assert config.library.access.announce_before_min == (15, 5)


def test_unknown_key_names_its_line(tmp_path, registry):
    assert problems(tmp_path, GOOD.replace("door_open_s", "door_opn_s"), registry) == [
        "7: library.access.door_opn_s: unknown key"]


def test_controller_must_be_a_relay_uri(tmp_path, registry):
    text = GOOD.replace("modbus+tcp://127.0.0.1:5020?unit=2", "modbus+tcp://127.0.0.1?unit=999")
    (problem,) = problems(tmp_path, text, registry)
    assert problem.startswith("5: library.access.controller:")
    assert "unit must be a Modbus unit id" in problem


def test_two_outputs_on_one_coil_are_refused(tmp_path, registry):
    (problem,) = problems(tmp_path, GOOD.replace("door_coil = 4", "door_coil = 1"), registry)
    assert "library.access.lights_coil: coil 1 is already the door_coil" in problem


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('"09:00-11:00 staffed"', "overlaps '08:00-10:00'"),
        ('"12:00-11:00 staffed"', "ends before it starts"),
        ('"10:00-18:00 open"', "expected str matching regex"),
    ],
)
def test_bad_hours_are_refused_with_the_day(tmp_path, registry, line, reason):
    text = GOOD.replace('"10:00-18:00 staffed"', line)
    (problem,) = problems(tmp_path, text, registry)
    assert "library.schedule.monday" in problem and reason in problem


def test_unknown_time_zone(tmp_path, registry):
    text = GOOD.replace("[library.schedule]\n", '[library.schedule]\ntimezone = "Europe/Brusels"\n')
    found = problems(tmp_path, text, registry)
    assert any("unknown time zone 'Europe/Brusels'" in p for p in found)


def test_remote_config_may_set_the_schedule_only(tmp_path, registry):
    _, base = load(tmp_path, GOOD, registry)
    hours = {"sunday": ["10:00-16:00 self-service"], "exceptions": {"2027-01-01": []}}
    config = apply_values(base, {"library": {"schedule": hours}}, registry)
    assert config.library.schedule.sunday == ("10:00-16:00 self-service",)
    assert config.library.access.door_coil == 4  # untouched
    with pytest.raises(RemoteConfigError, match=r"library\.access: cannot be set remotely"):
        apply_values(base, {"library": {"access": {"door_coil": 9}}}, registry)
    with pytest.raises(RemoteConfigError, match="overlaps"):
        apply_values(base, {"library": {"schedule": {"monday": [
            "08:00-12:00 staffed", "11:00-13:00 self-service"]}}}, registry)
