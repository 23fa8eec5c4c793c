"""Runs inside a private network namespace (started by ``PrivatePcscd``); stdlib only.

Why: the installed vpcd (libifdvpcd 0.8) cannot survive a card leaving in reverse
mode — the next presence poll does FD_SET(-1) and pcscd aborts — so cards must connect
to vpcd (server mode), and vpcd then listens on 0.0.0.0. In a namespace of our own the
only interface is loopback, so nothing is reachable from the network.

This process: brings ``lo`` up, starts ``systemd-socket-activate … pcscd`` with the
control socket in DIR (a filesystem socket, reachable from outside the namespace),
waits until vpcd listens, prints ``ready``, then hands out TCP sockets connected to
the vpcd ports (SCM_RIGHTS over DIR/cards.sock). It stops pcscd and exits when its
stdin closes. Usage: _netns_helper.py DIR CONF PORT SOCKET_ACTIVATE PCSCD
"""

import contextlib
import fcntl
import os
import select
import signal
import socket
import struct
import subprocess
import sys
import time

SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1


def loopback_up():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sH14x", b"lo", 0)
        flags = struct.unpack("16sH14x", fcntl.ioctl(sock, SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(sock, SIOCSIFFLAGS, struct.pack("16sH14x", b"lo", flags | IFF_UP))


def listening(port):
    wanted = f":{port:04X} "
    with open("/proc/net/tcp") as table:
        return any(wanted in line and line.split()[3] == "0A" for line in table)


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.02)


def connect_when_listening(comm, timeout):
    """The first connection to pcscd's socket (it makes systemd-socket-activate start
    pcscd).

    The socket file appears at bind(), a moment before listen(): a connection in
    between is refused, so a refusal only means "not yet" until the timeout.
    """
    connected = []

    def attempt():
        client = socket.socket(socket.AF_UNIX)
        try:
            client.connect(comm)
        except (ConnectionRefusedError, FileNotFoundError):
            client.close()
            return False
        connected.append(client)
        return True

    wait_for(attempt, timeout, f"the pcscd socket {comm}")
    return connected[0]


def serve_card_socket(client):
    client.settimeout(5)
    try:
        port = int(client.recv(16).decode().strip())
        tcp = socket.create_connection(("127.0.0.1", port), timeout=5)
        tcp.settimeout(None)
        socket.send_fds(client, [b"ok"], [tcp.fileno()])
        tcp.close()
    except (OSError, ValueError) as exc:
        with contextlib.suppress(OSError):
            client.sendall(f"error {exc}".encode()[:200])
    finally:
        client.close()


def main():
    directory, conf, port, socket_activate, pcscd = sys.argv[1:6]
    port = int(port)
    loopback_up()
    comm = os.path.join(directory, "pcscd.comm")
    with open(os.path.join(directory, "pcscd.log"), "wb") as log:
        daemon = subprocess.Popen(
            [socket_activate, "-l", comm, pcscd, "-f", "-c", conf],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        with connect_when_listening(comm, 10):  # held until vpcd listens
            wait_for(lambda: listening(port) and listening(port + 1), 10, "vpcd")
        cards = socket.socket(socket.AF_UNIX)
        cards.bind(os.path.join(directory, "cards.sock"))
        cards.listen(8)
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        while daemon.poll() is None:
            readable, _, _ = select.select([sys.stdin, cards], [], [], 1.0)
            if sys.stdin in readable and not os.read(sys.stdin.fileno(), 1):
                break  # parent closed our stdin: stop
            if cards in readable:
                client, _ = cards.accept()
                serve_card_socket(client)
    finally:
        if daemon.poll() is None:
            daemon.terminate()
            try:
                daemon.wait(5)
            except subprocess.TimeoutExpired:
                daemon.kill()
                daemon.wait(5)


if __name__ == "__main__":
    main()
