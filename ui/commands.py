"""``kiosk run`` (``kiosk demo`` is the demo harness's: demo/commands.py)."""

from __future__ import annotations

import argparse
import os
import sys

from drivers.registry import default_registry
from kiosk.config.errors import ConfigError
from kiosk.config.loader import load_config, resolve_config_path


def register(subparsers: argparse._SubParsersAction) -> None:
    run = subparsers.add_parser("run", help="run the kiosk UI")
    run.add_argument(
        "--config", help="config file (default: $KIOSK_CONFIG or /etc/kiosk/kiosk.toml)")
    window_options(run)
    run.set_defaults(handler=run_command)


def window_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--windowed", action="store_true", help="a normal window")
    group.add_argument("--fullscreen", action="store_true", help="full screen")


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def use_software_rendering() -> None:
    # Kiosk PCs and CI have no GPU worth relying on; the software backend is enough.
    os.environ.setdefault("QT_QUICK_BACKEND", "software")


def run_command(args: argparse.Namespace) -> int:
    from PySide6.QtGui import QGuiApplication

    from ui.qt_runtime import skip_source_scan

    skip_source_scan()  # before the kiosk's own modules are imported: see ui/qt_runtime.py
    from kiosk.composition import build_journey_core
    from ui.app import start_app

    registry = default_registry()
    path = resolve_config_path(args.config, os.environ)
    try:
        config = load_config(path, registry, os.environ)
    except ConfigError as exc:
        sys.stderr.write(f"kiosk: cannot start, the configuration is wrong:\n{exc}\n")
        return 2
    use_software_rendering()
    app = QGuiApplication(sys.argv[:1])
    core = build_journey_core(config)

    def load_services():  # runs on a worker after the first frame
        from kiosk.services import build_services, device_registry

        return build_services(config, device_registry(config), core.catalog)

    fullscreen = config.ui.fullscreen if not (args.windowed or args.fullscreen) else args.fullscreen
    ui = start_app(app, core, config.ui.width, config.ui.height, fullscreen, load_services)
    try:
        return app.exec()
    finally:
        ui.close()
