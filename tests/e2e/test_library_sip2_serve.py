"""`kiosk library serve` as a real process; the kiosk's SIP2 client borrows through it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from drivers.sip2 import Sip2Client, Sip2Settings
from kiosk.backend.library.seed import item_barcode


def test_serve_command_borrow_and_stop(tmp_path: Path):
    config = tmp_path / "kiosk.toml"
    config.write_text(
        '[library]\nlogin_user = "term1"\nlogin_password = "s3cret-pw"\ninstitution_id = "BXL"\n'
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk",
            "library",
            "serve",
            "--config",
            str(config),
            "--port",
            "0",
            "--charset",
            "utf-8",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as server:
        try:
            line = server.stdout.readline()  # bounded: the process prints it or exits
            assert "listening on 127.0.0.1:" in line
            port = int(line.rsplit(":", 1)[1])
            client = Sip2Client(
                Sip2Settings(
                    "127.0.0.1",
                    port,
                    "BXL",
                    login_user="term1",
                    login_password="s3cret-pw",
                    read_timeout_s=10,
                )
            )
            try:
                assert client.connect().online_status == "Y"
                assert client.charset == "utf-8"
                loan = client.checkout("21000000000303", item_barcode(7))
                assert loan.ok == "1" and loan.title_identifier == "Les Misérables"
            finally:
                client.close()
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                _, errors = server.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                _, errors = server.communicate(timeout=10)
    assert server.returncode == 0, errors
    assert "s3cret-pw" not in errors
