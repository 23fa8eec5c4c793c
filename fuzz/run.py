"""Coverage-guided fuzzing of fuzz/targets.py with atheris (``make fuzz`` only).

    python -m fuzz.run                    # every target, FUZZ_SECONDS (default 30) each
    python -m fuzz.run zvt_apdu -- -runs=100000   # one target, libFuzzer flags after --

Each target runs in its own child process (libFuzzer owns the process and exits on the
first crash), seeded with the target's valid inputs in a temporary corpus. Prints one
JSON line per target and exits non-zero if any target found an input that raised
something other than its own error type; the input is kept in fuzz/crashes/.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

CRASHES = Path(__file__).parent / "crashes"


def fuzz_one(name: str, libfuzzer_args: list[str]) -> None:
    """In the child: hand the target to atheris (does not return)."""
    import atheris

    with atheris.instrument_imports():
        from fuzz.targets import all_targets
    target = all_targets()[name]

    def one_input(data: bytes) -> None:
        if len(data) > target.max_len:
            return
        with contextlib.suppress(target.allowed):
            target.call(data)

    atheris.Setup([sys.argv[0], *libfuzzer_args], one_input)
    atheris.Fuzz()


def run_all(names: list[str], seconds: int, extra: list[str]) -> int:
    from fuzz.targets import all_targets

    targets = all_targets()
    CRASHES.mkdir(exist_ok=True)
    failed = 0
    for name in names or sorted(targets):
        with tempfile.TemporaryDirectory(prefix=f"fuzz-{name}-") as corpus:
            for index, seed in enumerate(targets[name].seeds):
                Path(corpus, f"seed{index}").write_bytes(seed)
            args = [
                f"-max_total_time={seconds}",
                f"-max_len={targets[name].max_len}",
                "-timeout=10",
                "-rss_limit_mb=1024",
                f"-artifact_prefix={CRASHES}/{name}-",
                "-print_final_stats=1",
                *extra,
                corpus,
            ]
            child = subprocess.run(
                [sys.executable, "-m", "fuzz.run", "--child", name, "--", *args],
                capture_output=True,
                text=True,
                timeout=seconds + 120,
                check=False,
            )
        runs = next(
            (
                line.rsplit(":", 1)[1].strip()
                for line in child.stderr.splitlines()
                if line.startswith("stat::number_of_executed_units")
            ),
            "?",
        )
        ok = child.returncode == 0
        failed += not ok
        sys.stdout.write(
            json.dumps({"target": name, "ok": ok, "runs": runs, "exit": child.returncode}) + "\n"
        )
        if not ok:
            sys.stderr.write(child.stderr[-4000:])
    if not any(CRASHES.iterdir()):
        CRASHES.rmdir()  # nothing found: leave no empty folder in the tree
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    extra: list[str] = []
    if "--" in argv:
        at = argv.index("--")
        argv, extra = argv[:at], argv[at + 1 :]
    if argv[:1] == ["--child"]:
        fuzz_one(argv[1], extra)
        return 0
    try:
        import atheris  # noqa: F401
    except ImportError:
        sys.stderr.write("atheris is not installed: pip install -e '.[fuzz]'\n")
        return 2
    return run_all(argv, int(os.environ.get("FUZZ_SECONDS", "30")), extra)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
