"""``kiosk update status|apply|rollback|boot-check|unblock`` (on a kiosk) and
``kiosk release build|keygen|sign|verify`` (on the build machine).

Loaded for every command (the UI's included): everything heavy is imported in handlers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tomllib
from pathlib import Path
from typing import Any


def register(subparsers: argparse._SubParsersAction) -> None:
    _register_update(subparsers)
    _register_release(subparsers)


def _register_update(subparsers: argparse._SubParsersAction) -> None:
    update = subparsers.add_parser("update", help="software updates on this kiosk")
    update.add_argument(
        "--config", help="config file (default: $KIOSK_CONFIG or /etc/kiosk/kiosk.toml)"
    )
    update.add_argument(
        "--root", type=Path, help="treat every configured path as relative to DIR (tests, images)"
    )
    actions = update.add_subparsers(dest="update_action", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="current, previous, pending, state, last failure")
    status.add_argument("--json", action="store_true", help="one JSON object")
    status.set_defaults(handler=status_command)
    apply = actions.add_parser(
        "apply", help="verify a bundle, wait for idle, switch, health-gate (rolls back by itself)"
    )
    apply.add_argument("bundle", type=Path)
    apply.add_argument("--expect-version", help="refuse unless the bundle is this version")
    apply.set_defaults(handler=apply_command)
    rollback = actions.add_parser("rollback", help="go back to the previous release now")
    rollback.add_argument(
        "--reason", default="rolled back by a technician", help="recorded and reported"
    )
    rollback.set_defaults(handler=rollback_command)
    boot = actions.add_parser(
        "boot-check", help="count a start; roll back a crash loop (a unit's ExecStartPre=)"
    )
    boot.set_defaults(handler=boot_check_command)
    unblock = actions.add_parser("unblock", help="allow a rolled-back version again")
    unblock.add_argument("version")
    unblock.set_defaults(handler=unblock_command)


def _register_release(subparsers: argparse._SubParsersAction) -> None:
    release = subparsers.add_parser("release", help="build and sign release bundles")
    actions = release.add_subparsers(dest="release_action", metavar="ACTION", required=True)
    keygen = actions.add_parser("keygen", help="new Ed25519 signing key; prints the public key")
    keygen.add_argument("--key", type=Path, required=True, help="private key file to create")
    keygen.set_defaults(handler=keygen_command)
    build = actions.add_parser("build", help="wheelhouse + manifest + tar (+ signature)")
    build.add_argument(
        "--project", type=Path, default=Path("."), help="the project to build (default .)"
    )
    build.add_argument(
        "--out", type=Path, default=Path("dist"), help="where the bundle goes (default dist)"
    )
    build.add_argument("--version", help="default: [project] version in pyproject.toml")
    build.add_argument("--key", type=Path, help="sign with this private key")
    build.add_argument(
        "--wheelhouse", type=Path, help="use these wheels instead of running pip wheel"
    )
    build.add_argument(
        "--pip-arg", action="append", default=[], help="extra argument for pip wheel (repeatable)"
    )
    build.set_defaults(handler=build_command)
    sign = actions.add_parser("sign", help="(re-)sign a built bundle")
    sign.add_argument("bundle", type=Path)
    sign.add_argument(
        "--key", type=Path, required=True, help="Ed25519 private key (kiosk release keygen)"
    )
    sign.set_defaults(handler=sign_command)
    verify = actions.add_parser("verify", help="check a bundle's signature and every file")
    verify.add_argument("bundle", type=Path)
    verify.add_argument("--public-key", required=True, help="hex, as in [updates] public_key")
    verify.set_defaults(handler=verify_command)


def _fail(message: str) -> int:
    sys.stderr.write(f"kiosk: {message}\n")
    return 1


# --- kiosk update ---------------------------------------------------------------------


def _config(args: argparse.Namespace) -> Any:
    from drivers.registry import default_registry
    from kiosk.config.errors import ConfigError
    from kiosk.config.loader import load_config, resolve_config_path

    try:
        return load_config(
            resolve_config_path(args.config, os.environ), default_registry(), os.environ
        )
    except ConfigError as exc:
        raise SystemExit(f"kiosk: {exc}") from None


def build_updater(config: Any, root: Path | None) -> tuple[Any, Any]:
    """The :class:`Updater` for this kiosk's config and a close() for what it opened."""
    from kiosk.updates.activity import Activity
    from kiosk.updates.install import Layout, VenvInstaller, rooted
    from kiosk.updates.updater import Updater, UpdaterOptions

    layout = Layout.from_config(config.updates, root)
    store_path = rooted(config.store.path, root)
    store, journal = None, None
    if store_path.exists():
        from kiosk.payments.journal import PaymentJournal
        from kiosk.store.database import Store

        store = Store(store_path)
        journal = PaymentJournal(store)
    updater = Updater(
        layout,
        UpdaterOptions.from_config(config.updates),
        activity=Activity(layout.state_dir, journal),
        installer=VenvInstaller(),
        store_path=store_path,
    )
    return updater, (store.close if store is not None else (lambda: None))


def status_command(args: argparse.Namespace) -> int:
    from kiosk.updates.install import Layout, current_version, installed_versions
    from kiosk.updates.state import StateFile

    config = _config(args)
    layout = Layout.from_config(config.updates, args.root)
    state = StateFile(layout.state_dir).load()
    current = current_version(layout)
    pending = (
        state.version if state.state not in ("healthy", "rolled_back", "failed", "idle") else None
    )
    report = {
        "current": current,
        "previous": state.previous,
        "installed": installed_versions(layout),
        "pending": pending,
        "state": state.state,
        "version": state.version,
        "reason": state.reason,
        "last_failure": state.last_failure,
        "blocked": state.blocked,
    }
    if args.json:
        sys.stdout.write(json.dumps(report, indent=1) + "\n")
        return 0
    for key in ("current", "previous", "installed", "pending", "state", "version", "reason"):
        sys.stdout.write(f"{key:<13} {report[key]}\n")
    failure = state.last_failure
    sys.stdout.write(
        f"{'last failure':<13} "
        f"{failure['version'] + ': ' + failure['reason'] if failure else None}\n"
    )
    for version, why in sorted(state.blocked.items()):
        sys.stdout.write(f"{'blocked':<13} {version}: {why}\n")
    return 0


def apply_command(args: argparse.Namespace) -> int:
    from kiosk.updates.errors import UpdateError

    updater, close = build_updater(_config(args), args.root)
    try:
        final = updater.apply(args.bundle, expected_version=args.expect_version)
    except UpdateError as exc:
        return _fail(f"update refused: {exc.reason}")
    finally:
        close()
    sys.stdout.write(f"{final.version}: {final.state} ({final.reason})\n")
    return 0 if final.state == "healthy" else 1


def rollback_command(args: argparse.Namespace) -> int:
    from kiosk.updates.errors import UpdateError

    updater, close = build_updater(_config(args), args.root)
    try:
        final = updater.rollback(args.reason)
    except UpdateError as exc:
        return _fail(exc.reason)
    finally:
        close()
    sys.stdout.write(f"rolled back {final.version}: {final.reason}\n")
    return 0


def boot_check_command(args: argparse.Namespace) -> int:
    updater, close = build_updater(_config(args), args.root)
    try:
        sys.stdout.write(updater.boot_check() + "\n")
    finally:
        close()
    return 0  # never stop the unit from starting: a rollback already switched it


def unblock_command(args: argparse.Namespace) -> int:
    from kiosk.updates.install import Layout
    from kiosk.updates.state import StateFile

    layout = Layout.from_config(_config(args).updates, args.root)
    if not StateFile(layout.state_dir).unblock(args.version):
        return _fail(f"{args.version} is not blocked")
    sys.stdout.write(f"{args.version} unblocked\n")
    return 0


# --- kiosk release --------------------------------------------------------------------


def keygen_command(args: argparse.Namespace) -> int:
    from kiosk.updates.bundle import keygen

    if args.key.exists():
        return _fail(f"{args.key} exists already: refusing to overwrite a signing key")
    public = keygen(args.key)
    sys.stdout.write(
        f"private key: {args.key} (keep it off the kiosks)\n"
        f"public key (kiosk.toml [updates] public_key): {public}\n"
    )
    return 0


def project_version(project: Path, meta: dict[str, Any]) -> str | None:
    """``[project] version``, or the ``__version__`` string a dynamic version points at
    (``[tool.setuptools.dynamic] version = {attr = "pkg.__version__"}``), read without
    importing the project (the one being built may not be the one running)."""
    import ast

    if "version" in meta["project"]:
        return str(meta["project"]["version"])
    attr = meta.get("tool", {}).get("setuptools", {}).get("dynamic", {}).get("version", {})
    module, _, name = str(attr.get("attr", "")).rpartition(".")
    if not module:
        return None
    base = project.joinpath(*module.split("."))
    source = base / "__init__.py" if base.is_dir() else base.with_suffix(".py")
    try:
        tree = ast.parse(source.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return None
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and node.targets[0].id == name
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            return node.value.value
    return None


def build_command(args: argparse.Namespace) -> int:
    import tempfile

    from kiosk.updates.bundle import build_bundle, build_wheelhouse, store_revisions
    from kiosk.updates.errors import UpdateError

    project = args.project.resolve()
    try:
        meta = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        return _fail(f"{project / 'pyproject.toml'}: {exc}")
    package = meta["project"]["name"]
    version = args.version or project_version(project, meta)
    if version is None:
        return _fail(f"{project / 'pyproject.toml'}: no version (give --version)")
    entry_point = next(iter(meta["project"].get("scripts", {"kiosk": ""})))
    migrations = project / "kiosk" / "store" / "migrations"
    revisions = store_revisions(migrations) if migrations.is_dir() else ()
    try:
        with tempfile.TemporaryDirectory(prefix="kiosk-release-") as work:
            wheels = args.wheelhouse or Path(work) / "wheels"
            if args.wheelhouse is None:
                build_wheelhouse(project, wheels, pip_args=args.pip_arg)
            bundle = build_bundle(
                version,
                wheels,
                args.out,
                package=package,
                entry_point=entry_point,
                revisions=revisions,
                private_path=args.key,
            )
    except UpdateError as exc:
        return _fail(exc.reason)
    signed = "signed" if args.key else "UNSIGNED (kiosk release sign)"
    sys.stdout.write(f"{bundle} ({signed}; store schema {revisions[:1]}..{revisions[-1:]})\n")
    return 0


def sign_command(args: argparse.Namespace) -> int:
    from kiosk.updates.bundle import sign_bundle
    from kiosk.updates.errors import UpdateError

    try:
        sign_bundle(args.bundle, args.key)
    except UpdateError as exc:
        return _fail(exc.reason)
    sys.stdout.write(f"{args.bundle} signed\n")
    return 0


def verify_command(args: argparse.Namespace) -> int:
    import tempfile

    from kiosk.updates.bundle import verify_bundle
    from kiosk.updates.errors import UpdateError

    with tempfile.TemporaryDirectory(prefix="kiosk-verify-") as work:
        try:
            manifest = verify_bundle(args.bundle, args.public_key, Path(work))
        except UpdateError as exc:
            return _fail(f"bundle refused: {exc.reason}")
    sys.stdout.write(
        f"{args.bundle}: {manifest.version} OK, {len(manifest.files)} files, "
        f"store schema {manifest.store_schema_min}..{manifest.store_schema_max}\n"
    )
    return 0
