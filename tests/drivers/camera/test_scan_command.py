"""``kiosk device camera scan`` against the simulated camera: JSON lines out."""

from __future__ import annotations

import json
import subprocess
import sys

from kiosk.cli import main

PLAY = "sim://camera?play=QR:BXL-2026-1,empty,CODE128:LIB-0001,EAN13:9782070612758"


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_scan_prints_each_code_as_a_json_line_in_a_real_process():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "device",
            "camera",
            "scan",
            "--uri",
            PLAY,
            "--count",
            "3",
            "--timeout",
            "30",
        ],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert result.returncode == 0, result.stderr
    assert lines(result.stdout) == [
        {"text": "BXL-2026-1", "symbology": "QR"},
        {"text": "LIB-0001", "symbology": "CODE128"},
        {"text": "9782070612758", "symbology": "EAN13"},
    ]


def test_scan_keeps_to_the_formats_asked(capsys):
    code = main(
        [
            "device",
            "camera",
            "scan",
            "--uri",
            PLAY,
            "--format",
            "EAN13",
            "--format",
            "CODE128",
            "--count",
            "0",
            "--timeout",
            "1.5",
        ]
    )
    assert code == 0
    assert lines(capsys.readouterr().out) == [
        {"text": "LIB-0001", "symbology": "CODE128"},
        {"text": "9782070612758", "symbology": "EAN13"},
    ]


def test_scan_with_nothing_in_view_exits_1_with_no_output(capsys):
    assert main(["device", "camera", "scan", "--uri", "sim://camera", "--timeout", "0.3"]) == 1
    assert capsys.readouterr().out == ""


def test_scan_reports_a_missing_or_failing_camera_on_stderr(capsys):
    assert main(["device", "camera", "scan", "--uri", "v4l2:///dev/video97"]) == 2
    assert "no such camera device" in capsys.readouterr().err
    assert (
        main(
            ["device", "camera", "scan", "--uri", "sim://camera?fault=unplugged", "--timeout", "1"]
        )
        == 2
    )
    assert "unplugged" in capsys.readouterr().err
