"""Configuration: every error names the source, the key, the line and the reason."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config, resolve_config_path
from kiosk.config.locate import locate_key

EXAMPLE = Path(__file__).parents[2] / "kiosk" / "config" / "kiosk.example.toml"

GOOD = """\
[kiosk]
id = "bxl-laeken-01"
site = "laeken"

[journey]
inactivity_timeout_s = 90

[devices]
printer = "escpos+tcp://127.0.0.1:9100"
eid_reader = "sim://eid"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def only_problem(exc_info: pytest.ExceptionInfo[ConfigError]):
    assert len(exc_info.value.problems) == 1, exc_info.value.problems
    return exc_info.value.problems[0]


def test_a_good_file_loads_with_defaults_for_the_rest(tmp_path, registry):
    config = load_config(write(tmp_path, GOOD), registry, env={})
    assert config.kiosk.id == "bxl-laeken-01"
    assert config.journey.inactivity_timeout_s == 90
    assert config.journey.done_timeout_s == 15
    assert config.devices.printer == "escpos+tcp://127.0.0.1:9100"
    assert config.devices.camera is None
    assert config.kiosk.languages == ("fr", "nl", "en")


def test_the_shipped_example_is_valid(registry):
    config = load_config(EXAMPLE, registry, env={})
    assert config.payments.cash_idle_timeout_s == 120
    assert config.devices.printer == "escpos+usb://04b8:0e28?profile=TM-T88V"


def test_demo_mode_needs_no_file(registry):
    assert load_config(None, registry, env={}).kiosk.mode == "citizen"


def test_unknown_key_names_file_line_and_key(tmp_path, registry):
    path = write(tmp_path, GOOD.replace("inactivity_timeout_s", "inactivity_timout_s"))
    with pytest.raises(ConfigError) as exc:
        load_config(path, registry, env={})
    problem = only_problem(exc)
    assert (problem.source, problem.line, problem.key) == (str(path), 6,
                                                           "journey.inactivity_timout_s")
    assert problem.reason == "unknown key"
    assert str(problem) == f"{path}:6: journey.inactivity_timout_s: unknown key"


def test_unknown_section_points_at_its_header(tmp_path, registry):
    path = write(tmp_path, GOOD + "\n[printr]\nwidth = 80\n")
    with pytest.raises(ConfigError) as exc:
        load_config(path, registry, env={})
    problem = only_problem(exc)
    assert (problem.line, problem.key, problem.reason) == (12, "printr", "unknown section")


def test_bad_type_says_what_was_given(tmp_path, registry):
    path = write(tmp_path, GOOD.replace("= 90", '= "90"'))
    with pytest.raises(ConfigError) as exc:
        load_config(path, registry, env={})
    problem = only_problem(exc)
    assert (problem.line, problem.key) == (6, "journey.inactivity_timeout_s")
    assert problem.reason == "expected int, got str: '90'"


def test_out_of_range_value(tmp_path, registry):
    path = write(tmp_path, GOOD.replace("= 90", "= 1"))
    with pytest.raises(ConfigError) as exc:
        load_config(path, registry, env={})
    assert only_problem(exc).reason == "expected int >= 5: 1"


@pytest.mark.parametrize(("uri", "reason"), [
    ("escpos+tcp://", "a host is required"),
    ("escpos+tcp://printer:99999", "port"),
    ("escpos+usb://epson", "USB vendor:product"),
    ("zvt+tcp://10.0.0.1:20007", "not a printer driver"),
    ("sim://printer?fault=on_fire", "unknown fault 'on_fire'"),
    ("printer-in-the-corner", "not a device URI"),
])
def test_bad_device_uri_names_key_line_and_reason(tmp_path, registry, uri, reason):
    path = write(tmp_path, GOOD.replace("escpos+tcp://127.0.0.1:9100", uri))
    with pytest.raises(ConfigError) as exc:
        load_config(path, registry, env={})
    problem = only_problem(exc)
    assert (problem.line, problem.key) == (9, "devices.printer")
    assert reason in problem.reason


def test_several_problems_are_reported_together(tmp_path, registry):
    path = write(tmp_path, GOOD.replace("= 90", '= "x"').replace('"laeken"', '"Laeken!"'))
    with pytest.raises(ConfigError) as exc:
        load_config(path, registry, env={})
    assert {p.key for p in exc.value.problems} == {"kiosk.site",
                                                   "journey.inactivity_timeout_s"}
    assert {p.line for p in exc.value.problems} == {3, 6}


def test_toml_syntax_error_gives_the_line(tmp_path, registry):
    path = write(tmp_path, GOOD.replace('site = "laeken"', "site = laeken"))
    with pytest.raises(ConfigError) as exc:
        load_config(path, registry, env={})
    problem = only_problem(exc)
    assert problem.line == 3
    assert "not valid TOML" in problem.reason


def test_missing_and_non_utf8_files(tmp_path, registry):
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.toml", registry, env={})
    path = tmp_path / "latin1.toml"
    path.write_bytes('[kiosk]\nsite_name = "Hôtel"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(path, registry, env={})


def test_env_overrides_win_and_are_typed(tmp_path, registry):
    env = {
        "KIOSK_JOURNEY_INACTIVITY_TIMEOUT_S": "120",
        "KIOSK_DEVICES_PRINTER": "sim://printer?fault=near_end",
        "KIOSK_KIOSK_LANGUAGES": '["nl", "fr"]',
        "KIOSK_UI_FULLSCREEN": "false",
        "KIOSK_CONFIG": "/ignored/here",
    }
    config = load_config(write(tmp_path, GOOD), registry, env=env)
    assert config.journey.inactivity_timeout_s == 120
    assert config.devices.printer == "sim://printer?fault=near_end"
    assert config.kiosk.languages == ("nl", "fr")
    assert config.ui.fullscreen is False


def test_bad_env_override_names_the_variable(tmp_path, registry):
    env = {"KIOSK_DEVICES_CAMERA": "webcam"}
    with pytest.raises(ConfigError) as exc:
        load_config(write(tmp_path, GOOD), registry, env=env)
    problem = only_problem(exc)
    assert problem.source == "env KIOSK_DEVICES_CAMERA"
    assert problem.key == "devices.camera"
    assert str(problem).startswith("env KIOSK_DEVICES_CAMERA: devices.camera: ")


def test_env_override_for_unknown_section_or_key(tmp_path, registry):
    with pytest.raises(ConfigError) as exc:
        load_config(write(tmp_path, GOOD), registry, env={"KIOSK_PRINTR_WIDTH": "80"})
    assert "no such section" in only_problem(exc).reason
    with pytest.raises(ConfigError) as exc:
        load_config(write(tmp_path, GOOD), registry, env={"KIOSK_UI_COLOUR": "blue"})
    problem = only_problem(exc)
    assert (problem.source, problem.key, problem.reason) == (
        "env KIOSK_UI_COLOUR", "ui.colour", "unknown key")


def test_config_path_resolution():
    assert resolve_config_path("/a.toml", {"KIOSK_CONFIG": "/b.toml"}) == Path("/a.toml")
    assert resolve_config_path(None, {"KIOSK_CONFIG": "/b.toml"}) == Path("/b.toml")
    assert resolve_config_path(None, {}) == Path("/etc/kiosk/kiosk.toml")


def test_locate_key_handles_comments_quotes_and_repeated_names():
    text = '# [devices]\n[kiosk]\nid = "x"\n[devices] # the hardware\n"printer" = "y"\nid = 1\n'
    assert locate_key(text, ["devices", "printer"]) == 5
    assert locate_key(text, ["devices", "id"]) == 6
    assert locate_key(text, ["kiosk", "id"]) == 3
    assert locate_key(text, ["devices"]) == 4
    assert locate_key(text, ["ui", "width"]) is None


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True,
                          text=True, timeout=60, env={"PATH": "/usr/bin:/bin"})


def test_cli_config_check(tmp_path):
    good = run_cli("config", "check", str(write(tmp_path, GOOD)))
    assert good.returncode == 0, good.stderr
    assert good.stdout.strip().endswith(": OK")
    bad_path = tmp_path / "bad.toml"
    bad_path.write_text(GOOD.replace("sim://eid", "pcsc://reader1"), encoding="utf-8")
    bad = run_cli("config", "check", str(bad_path))
    assert bad.returncode == 1
    assert f"{bad_path}:10: devices.eid_reader: " in bad.stderr
    assert "Traceback" not in bad.stderr


def test_payment_timeouts_reach_the_payment_sagas(tmp_path, registry):
    from kiosk.composition import build_journey_core
    from kiosk.services import build_services

    text = GOOD.replace("[devices]", '[devices]\ncash = "sim://cash"') + f"""
[store]
path = "{tmp_path / 'kiosk.db'}"

[payments]
cash_idle_timeout_s = 45
"""
    path = write(tmp_path, text)
    config = load_config(path, registry, env={})
    services = build_services(config, registry, build_journey_core(config).catalog)
    try:
        assert services.payments.cash._idle_timeout_s == 45
    finally:
        services.close()
