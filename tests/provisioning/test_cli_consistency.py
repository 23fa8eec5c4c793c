"""The technician's commands behave alike: every option explains itself in --help, and
every command that needs the kiosk's config either finds it or says where it looked."""

from __future__ import annotations

import argparse
import os

import pytest

from kiosk.cli import build_parser
from tests.provisioning.helpers import kiosk


def _options_without_help(parser: argparse.ArgumentParser, path: str) -> list[str]:
    missing: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                missing += _options_without_help(sub, f"{path} {name}")
        elif (
            action.option_strings
            and not isinstance(action, argparse._HelpAction)
            and not (action.help or "").strip()
        ):
            missing.append(f"{path} {'/'.join(action.option_strings)}")
    return missing


def test_every_option_of_every_command_has_a_help_text():
    assert _options_without_help(build_parser(), "kiosk") == []


@pytest.mark.e2e
@pytest.mark.parametrize("command", [["selftest"], ["diagnostics"]])
def test_a_command_that_needs_the_config_says_where_it_looked(tmp_path, command):
    missing = tmp_path / "nowhere" / "kiosk.toml"
    env = {**os.environ, "KIOSK_CONFIG": str(missing)}
    result = kiosk("provision", *command, env=env)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"no config file at {missing}" in result.stderr
    assert "--config FILE or set KIOSK_CONFIG" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("*.tar.gz"))  # no bundle labelled with demo defaults


@pytest.mark.e2e
def test_install_without_a_config_says_it_uses_the_defaults(tmp_path):
    env = {**os.environ, "KIOSK_CONFIG": str(tmp_path / "kiosk.toml")}
    result = kiosk("provision", "install", "--root", str(tmp_path / "root"), env=env)
    assert result.returncode == 0, result.stderr
    assert "using the built-in defaults" in result.stderr


@pytest.mark.e2e
def test_a_broken_config_is_named_with_its_line(tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text("[kiosk]\nsit = 'bxl-centre'\n")
    result = kiosk("provision", "diagnostics", "--config", str(config))
    assert result.returncode == 2
    assert str(config) in result.stderr and "sit" in result.stderr
