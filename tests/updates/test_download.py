"""The sync-side downloader against a real HTTP server on 127.0.0.1 that cuts the
connection mid-body: the download resumes with Range and checks the whole file."""

from __future__ import annotations

import hashlib
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from sync.client import TransientError
from sync.updates import download_resumable

BLOB = bytes(range(256)) * 2000  # 512 000 bytes


@contextmanager
def cutting_server(cuts: int, corrupt: bool = False) -> Iterator[tuple[str, list[str]]]:
    """Serves BLOB; the first ``cuts`` responses stop a third of the way and drop the
    connection. Yields (url, the Range headers received)."""
    seen: list[str] = []
    lock = threading.Lock()
    state = {"cuts": cuts}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            wanted = self.headers.get("Range", "")
            with lock:
                seen.append(wanted)
                cut = state["cuts"] > 0
                state["cuts"] -= 1
            start = int(re.match(r"bytes=(\d+)-", wanted).group(1)) if wanted else 0
            body = BLOB[start:]
            if corrupt:
                body = bytes([body[0] ^ 0xFF]) + body[1:]
            self.send_response(206 if start else 200)
            if start:
                self.send_header("Content-Range", f"bytes {start}-{len(BLOB) - 1}/{len(BLOB)}")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if cut:
                self.wfile.write(body[: len(body) // 3])
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True
                return
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/bundle", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
        assert not thread.is_alive()


def test_download_resumes_after_the_connection_is_cut(tmp_path):
    with cutting_server(cuts=2) as (url, seen), requests.Session() as session:
        path = download_resumable(
            session,
            url,
            tmp_path / "b.kbundle",
            len(BLOB),
            hashlib.sha256(BLOB).hexdigest(),
            timeout=(5, 10),
        )
    assert path.read_bytes() == BLOB
    assert not (tmp_path / "b.kbundle.part").exists()
    assert seen[0] == ""
    assert len(seen) == 3 and all(r.startswith("bytes=") for r in seen[1:])
    first_resume = int(seen[1].removeprefix("bytes=").rstrip("-"))
    assert 0 < first_resume < len(BLOB)  # resumed where the cut left it, not from zero


def test_download_with_the_wrong_hash_is_not_kept(tmp_path):
    with (
        cutting_server(cuts=0, corrupt=True) as (url, _),
        requests.Session() as session,
        pytest.raises(TransientError, match="SHA-256"),
    ):
        download_resumable(
            session,
            url,
            tmp_path / "b.kbundle",
            len(BLOB),
            hashlib.sha256(BLOB).hexdigest(),
            timeout=(5, 10),
            attempts=2,
        )
    assert not (tmp_path / "b.kbundle").exists()


def test_download_gives_up_after_its_attempts_and_keeps_the_part(tmp_path):
    with (
        cutting_server(cuts=10) as (url, _),
        requests.Session() as session,
        pytest.raises(TransientError, match="incomplete after 2 attempts"),
    ):
        download_resumable(
            session,
            url,
            tmp_path / "b.kbundle",
            len(BLOB),
            hashlib.sha256(BLOB).hexdigest(),
            timeout=(5, 10),
            attempts=2,
        )
    assert 0 < (tmp_path / "b.kbundle.part").stat().st_size < len(BLOB)
