"""``make audit``: pip-audit over the locked dependency set, and a clear verdict.

The locked set is what the project's virtualenv holds (``pip freeze``, our own editable
package left out), pinned exactly, so pip-audit resolves nothing (``--no-deps
--disable-pip``). pip-audit itself runs from its own virtualenv (build/audit-venv) so
its dependencies are not mixed into the set being audited.

Exit codes, distinct on purpose:
  0  every package was checked; no known vulnerability with a fix available
     (vulnerabilities without a fix are listed as warnings)
  1  a known vulnerability with a fix available: upgrade
  3  the audit could not be done: pip-audit failed, or the vulnerability service did
     not answer for some packages (pip-audit then reports them "skipped" and would
     otherwise pass silently)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EXIT_CLEAN, EXIT_VULNERABLE, EXIT_NOT_AUDITED = 0, 1, 3


@dataclass(frozen=True)
class Verdict:
    code: int
    lines: tuple[str, ...]


def judge(report: dict[str, Any]) -> Verdict:
    """The verdict on pip-audit's JSON report (see the module docstring)."""
    dependencies = report.get("dependencies")
    if not isinstance(dependencies, list) or not dependencies:
        return Verdict(EXIT_NOT_AUDITED, ("pip-audit reported no dependencies at all",))
    skipped = [d for d in dependencies if d.get("skip_reason")]
    fixable, unfixed = [], []
    for dep in dependencies:
        for vuln in dep.get("vulns", ()):
            line = (
                f"{dep['name']} {dep.get('version', '?')}: {vuln.get('id', '?')}"
                f" {' '.join(vuln.get('aliases', ()))}".rstrip()
            )
            if vuln.get("fix_versions"):
                fixable.append(f"{line} -> fixed in {', '.join(vuln['fix_versions'])}")
            else:
                unfixed.append(f"{line} (no fix released yet)")
    lines = [f"VULNERABLE: {line}" for line in fixable]
    lines += [f"warning: {line}" for line in unfixed]
    if fixable:
        return Verdict(
            EXIT_VULNERABLE,
            (*lines, f"{len(fixable)} known vulnerabilities with a fix available: upgrade"),
        )
    if skipped:
        first = skipped[0]
        return Verdict(
            EXIT_NOT_AUDITED,
            (
                *lines,
                f"NOT AUDITED: the vulnerability service gave no answer for {len(skipped)} of "
                f"{len(dependencies)} packages (first: {first['name']}: {first['skip_reason']})",
                "the dependency set is NOT known to be free of vulnerabilities",
            ),
        )
    return Verdict(
        EXIT_CLEAN,
        (
            *lines,
            f"{len(dependencies)} packages audited: no known vulnerability with a fix available",
        ),
    )


def locked_requirements(python: str) -> str:
    """``name==version`` for every installed distribution but editable ones (ours)."""
    result = subprocess.run(
        [python, "-m", "pip", "freeze", "--exclude-editable", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return "".join(
        line + "\n"
        for line in result.stdout.splitlines()
        if line and not line.startswith(("-e ", "#"))
    )


def run_audit(
    pip_audit: Sequence[str], requirements: Path, service: str, timeout_s: float = 600
) -> Verdict:
    """Run pip-audit on ``requirements``; a run that produced no report is exit 3."""
    with tempfile.TemporaryDirectory(prefix="pip-audit-") as work:
        out = Path(work) / "report.json"
        try:
            result = subprocess.run(
                [
                    *pip_audit,
                    "-r",
                    str(requirements),
                    "--no-deps",
                    "--disable-pip",
                    "--vulnerability-service",
                    service,
                    "--progress-spinner",
                    "off",
                    "--format",
                    "json",
                    "--output",
                    str(out),
                ],
                capture_output=True,
                text=True,
                timeout=timeout_s,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return Verdict(EXIT_NOT_AUDITED, (f"NOT AUDITED: pip-audit did not run: {exc}",))
        try:
            report = json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            tail = (result.stderr.strip().splitlines() or ["(no output)"])[-1]
            return Verdict(
                EXIT_NOT_AUDITED,
                (
                    f"NOT AUDITED: pip-audit exited {result.returncode} without a report; "
                    f"is the vulnerability service ({service}) reachable? {tail[:300]}",
                ),
            )
    return judge(report)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pip-audit", default="pip-audit", help="the pip-audit executable")
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="the interpreter whose installed packages are audited",
    )
    parser.add_argument("--service", default="pypi", choices=("pypi", "osv"))
    parser.add_argument(
        "--lock-out",
        type=Path,
        default=Path("build/audit/requirements.lock"),
        help="where to keep the audited requirement set",
    )
    args = parser.parse_args(argv)
    args.lock_out.parent.mkdir(parents=True, exist_ok=True)
    args.lock_out.write_text(locked_requirements(args.python), encoding="utf-8")
    verdict = run_audit([args.pip_audit], args.lock_out, args.service)
    for line in verdict.lines:
        sys.stdout.write(line + "\n")
    return verdict.code


if __name__ == "__main__":
    sys.exit(main())
