"""The `make audit` gate over pip-audit's report: fails on a fixable vulnerability, and
never passes when the vulnerability service could not be asked. pip-audit itself needs
the network, so it is stood in for by a script that writes a canned report."""

from __future__ import annotations

import json
import sys
import textwrap

from tests.security.dependency_audit import (
    EXIT_CLEAN,
    EXIT_NOT_AUDITED,
    EXIT_VULNERABLE,
    judge,
    locked_requirements,
    run_audit,
)

CLEAN = {
    "dependencies": [
        {"name": "jinja2", "version": "3.1.6", "vulns": []},
        {"name": "requests", "version": "2.34.2", "vulns": []},
    ],
    "fixes": [],
}


def with_vuln(fix_versions):
    report = json.loads(json.dumps(CLEAN))
    report["dependencies"][0]["vulns"] = [
        {"id": "PYSEC-2099-1", "aliases": ["CVE-2099-1"], "fix_versions": fix_versions}
    ]
    return report


def test_a_clean_report_passes():
    verdict = judge(CLEAN)
    assert verdict.code == EXIT_CLEAN and "2 packages audited" in verdict.lines[-1]


def test_a_vulnerability_with_a_fix_fails():
    verdict = judge(with_vuln(["3.1.7"]))
    assert verdict.code == EXIT_VULNERABLE
    assert "VULNERABLE: jinja2 3.1.6: PYSEC-2099-1 CVE-2099-1 -> fixed in 3.1.7" in verdict.lines


def test_a_vulnerability_without_a_fix_only_warns():
    verdict = judge(with_vuln([]))
    assert verdict.code == EXIT_CLEAN
    assert verdict.lines[0].startswith("warning: jinja2 3.1.6: PYSEC-2099-1")


def test_packages_the_service_did_not_answer_for_are_not_a_pass():
    report = json.loads(json.dumps(CLEAN))
    report["dependencies"][1] = {
        "name": "requests",
        "skip_reason": "Dependency not found on PyPI and could not be audited: requests (2.34.2)",
    }
    verdict = judge(report)
    assert verdict.code == EXIT_NOT_AUDITED
    assert "no answer for 1 of 2 packages (first: requests" in verdict.lines[0]
    assert judge({"dependencies": []}).code == EXIT_NOT_AUDITED


def fake_pip_audit(tmp_path, body):
    script = tmp_path / "fake_pip_audit.py"
    script.write_text(textwrap.dedent(body))
    return [sys.executable, str(script)]


def test_run_audit_reads_the_report_pip_audit_writes(tmp_path):
    requirements = tmp_path / "lock.txt"
    requirements.write_text("jinja2==3.1.6\n")
    fake = fake_pip_audit(
        tmp_path,
        f"""
        import sys
        out = sys.argv[sys.argv.index("--output") + 1]
        assert "--no-deps" in sys.argv and "--disable-pip" in sys.argv
        open(out, "w").write({json.dumps(json.dumps(with_vuln(["3.1.7"])))})
        sys.exit(1)
    """,
    )
    assert run_audit(fake, requirements, "pypi").code == EXIT_VULNERABLE


def test_an_unreachable_service_is_said_and_exits_distinctly(tmp_path):
    fake = fake_pip_audit(
        tmp_path,
        """
        import sys
        sys.stderr.write("requests.exceptions.ConnectionError: pypi.org unreachable\\n")
        sys.exit(1)
    """,
    )
    verdict = run_audit(fake, tmp_path / "lock.txt", "osv")
    assert verdict.code == EXIT_NOT_AUDITED
    assert "is the vulnerability service (osv) reachable?" in verdict.lines[0]
    assert "pypi.org unreachable" in verdict.lines[0]
    missing = run_audit([str(tmp_path / "no-such-pip-audit")], tmp_path / "lock.txt", "pypi")
    assert missing.code == EXIT_NOT_AUDITED and "did not run" in missing.lines[0]


def test_the_locked_set_is_pinned_and_leaves_our_own_package_out():
    lines = locked_requirements(sys.executable).splitlines()
    assert lines and all("==" in line for line in lines), lines[:5]
    names = {line.split("==")[0].lower() for line in lines}
    assert "sqlalchemy" in names and "brussels-kiosk" not in names
