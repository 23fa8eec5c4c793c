"""``kiosk library serve``: the embedded demo library system over SIP2 on 127.0.0.1.

Registered into ``kiosk library`` through the ``kiosk.library_commands`` entry points
(pyproject.toml), so the core's command module never imports the backend.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading


def register(actions: argparse._SubParsersAction) -> None:
    serve = actions.add_parser("serve", help="run the embedded demo library system (SIP2)")
    serve.add_argument("--port", type=int, help="default: [library] embedded_port; 0 = any")
    serve.add_argument("--charset", default="cp850", help="the charset it announces")
    serve.add_argument(
        "--config", help="config file (default: $KIOSK_CONFIG or /etc/kiosk/kiosk.toml)"
    )
    serve.add_argument("--json", action="store_true", help="one JSON object")
    serve.set_defaults(handler=serve_command)


def serve_command(args: argparse.Namespace) -> int:
    from kiosk.backend.library.seed import demo_library
    from kiosk.backend.library.sip2_server import LibrarySip2Service

    section = args.load_config(args).library  # set by `kiosk library`
    service = LibrarySip2Service(
        demo_library(section.eid_link_key),
        port=section.embedded_port if args.port is None else args.port,
        institution_id=section.institution_id,
        login_user=section.login_user,
        login_password=section.login_password,
        charset=args.charset,
    )
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    port = service.start()
    sys.stdout.write(f"library SIP2 server listening on 127.0.0.1:{port}\n")
    sys.stdout.flush()
    try:
        while not stop.wait(1.0):
            pass
    finally:
        service.stop()
    return 0
