"""Update bundle benchmark: build, sign and verify a bundle the size of a real release
(PySide6-Essentials and friends: ~250 MB of wheels), against the floor of the same
bytes read, hashed with hashlib and written once (what verification must do: one
SHA-256 per byte and the staged copy). Prints one JSON object; target: within 1.5x."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from kiosk.updates.bundle import build_bundle, keygen, verify_bundle
from tests.updates.testapp import PACKAGE, write_wheel

MEGABYTES = int(os.environ.get("BENCH_BUNDLE_MB", "250"))


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-update-") as work:
        root = Path(work)
        wheels = root / "wheels"
        write_wheel(wheels, "2.0.0", "ok")
        # Filler wheels (content is opaque to the bundle code): 50 MB each.
        chunk = os.urandom(1 << 20)
        for i in range(max(1, MEGABYTES // 50)):
            with (wheels / f"filler{i}-1.0-py3-none-any.whl").open("wb") as out:
                for _ in range(min(50, MEGABYTES)):
                    out.write(chunk)
        public = keygen(root / "release.key")
        start = time.perf_counter()
        bundle = build_bundle(
            "2.0.0",
            wheels,
            root / "dist",
            package=PACKAGE,
            entry_point="kupd-testapp",
            private_path=root / "release.key",
        )
        build_s = time.perf_counter() - start
        start = time.perf_counter()
        verify_bundle(bundle, public, root / "staged", current_version="1.0.0")
        verify_s = time.perf_counter() - start
        start = time.perf_counter()
        digest = hashlib.sha256()
        with bundle.open("rb") as handle, (root / "floor-copy").open("wb") as copy:
            while block := handle.read(1 << 20):
                digest.update(block)
                copy.write(block)
        floor_s = time.perf_counter() - start
        size_mb = bundle.stat().st_size / 1e6
    report = {
        "benchmark": "update_verify",
        "bundle_mb": round(size_mb, 1),
        "build_seconds": round(build_s, 3),
        "verify_seconds": round(verify_s, 3),
        "verify_mb_per_s": round(size_mb / verify_s, 1),
        "floor_seconds": round(floor_s, 3),
        "ratio_to_floor": round(verify_s / floor_s, 2),
        "target_ratio": 1.5,
        "meets_target": verify_s / floor_s <= 1.5,
    }
    print(json.dumps(report))
    return 0 if report["meets_target"] else 1  # make bench lists a missed target


if __name__ == "__main__":
    raise SystemExit(main())
