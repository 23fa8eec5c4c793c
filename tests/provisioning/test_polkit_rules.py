"""The polkit rule the kiosk user restarts its units and reboots through: evaluated by a
real JavaScript engine (node) with polkit's calling convention, for what the kiosk's own
commands ask (allowed) and what they must never get (left to the other rules); its action
ids are the ones systemd and logind declare on this machine."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.config.schema import UpdatesSection
from sync.actions import ActionCommands

RULES = Path(__file__).resolve().parents[2] / "systemd" / "kiosk-polkit.rules"
POLICIES = Path("/usr/share/polkit-1/actions")
YES, NOT_HANDLED = "yes", None

# polkit's API as the rules file sees it (addRule, Result, action.lookup, subject.user).
HARNESS = r"""
const fs = require("fs");
const rules = [];
const polkit = {Result: {YES: "yes", NO: "no", AUTH_ADMIN: "auth_admin",
                         NOT_HANDLED: null},
                addRule: (f) => rules.push(f), log: () => {}};
new Function("polkit", fs.readFileSync(process.argv[1], "utf8"))(polkit);
const out = JSON.parse(process.argv[2]).map(([user, id, details]) => {
  const action = {id: id, lookup: (k) => details[k]};
  for (const rule of rules) {
    const result = rule(action, {user: user});
    if (result !== null && result !== undefined) return result;
  }
  return null;
});
console.log(JSON.stringify(out));
"""


def evaluate(cases: list[tuple[str, str, dict[str, str]]]) -> list[str | None]:
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "node not found: `make test` installs nodejs (Makefile APT_PACKAGES)"
    result = subprocess.run([node, "-e", HARNESS, str(RULES), json.dumps(cases)],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _units(command) -> list[str]:
    return [word for word in command if word.endswith(".service")]


def test_the_kiosk_user_may_restart_its_units_and_reboot_and_nothing_else():
    manage = "org.freedesktop.systemd1.manage-units"
    # What the kiosk's own code runs: the remote actions and the update switch.
    restarts = _units(ActionCommands().restart_ui) + _units(UpdatesSection().restart_command)
    assert set(restarts) == {"kiosk-ui.service", "kiosk-sync.service"}
    allowed = [("kiosk", manage, {"unit": u, "verb": "restart"}) for u in restarts] + [
        ("kiosk", "org.freedesktop.login1.reboot", {}),
        ("kiosk", "org.freedesktop.login1.reboot-multiple-sessions", {}),
    ]
    refused = [
        *[("kiosk", manage, {"unit": "kiosk-ui.service", "verb": verb})
          for verb in ("stop", "start", "kill", "reload", "set-property", "reset-failed")],
        ("kiosk", manage, {"unit": "kiosk-backend.service", "verb": "restart"}),
        ("kiosk", manage, {"unit": "sshd.service", "verb": "restart"}),
        ("kiosk", "org.freedesktop.login1.reboot-ignore-inhibit", {}),
        ("kiosk", "org.freedesktop.login1.power-off", {}),
        ("kiosk", "org.freedesktop.systemd1.manage-unit-files", {}),
        ("visitor", manage, {"unit": "kiosk-ui.service", "verb": "restart"}),
        ("visitor", "org.freedesktop.login1.reboot", {}),
    ]
    assert evaluate(allowed) == [YES] * len(allowed)
    assert evaluate(refused) == [NOT_HANDLED] * len(refused)


def test_the_rule_names_actions_systemd_and_logind_declare():
    if not POLICIES.is_dir():
        pytest.fail(f"{POLICIES} missing: the systemd package (Makefile) declares them")
    declared = set()
    for policy in POLICIES.glob("*.policy"):
        declared |= set(re.findall(r'<action id="([^"]+)"', policy.read_text()))
    named = set(re.findall(r'"(org\.freedesktop\.[a-z0-9.-]+)"', RULES.read_text()))
    assert named and named <= declared, sorted(named - declared)
