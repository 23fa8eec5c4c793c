"""The private pcscd helper's start-up: its first client must survive the moment
between the socket file appearing (bind) and the socket accepting (listen)."""

import socket
import threading

import pytest

from drivers.eid._netns_helper import connect_when_listening


def test_a_socket_bound_but_not_yet_listening_is_waited_for(tmp_path):
    path = str(tmp_path / "pcscd.comm")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(path)  # the file exists; connections are refused until listen()
        connected: list[socket.socket] = []
        started = threading.Event()

        def first_client() -> None:
            started.set()
            connected.append(connect_when_listening(path, 10))

        thread = threading.Thread(target=first_client)
        thread.start()
        started.wait(5)
        server.listen(1)
        server.settimeout(10)
        accepted, _ = server.accept()
        thread.join(10)
        with accepted, connected[0] as client:
            client.sendall(b"x")
            assert accepted.recv(1) == b"x"


def test_a_socket_that_never_listens_times_out_naming_it(tmp_path):
    path = str(tmp_path / "pcscd.comm")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(path)
        with pytest.raises(SystemExit, match=r"pcscd socket .*pcscd\.comm"):
            connect_when_listening(path, 0.1)
