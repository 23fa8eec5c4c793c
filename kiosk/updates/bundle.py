"""Release bundles: build, sign and verify.

A bundle is one uncompressed tar (wheels are compressed already)::

    manifest.json   version, created, python tag, package + entry point, the store
                    schema revisions the release runs on, every file's SHA-256 and size
    manifest.sig    Ed25519 signature (64 raw bytes) over manifest.json's exact bytes
    wheels/*.whl    the application wheel and every wheel it needs (offline install)

The signature covers the manifest and the manifest pins every file, so one signature
check plus one hash per file proves the whole bundle. Verification refuses with a
reason naming what failed: signature, a file's size (truncated) or hash, the version.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.updates.errors import UpdateError
from kiosk.updates.versions import is_newer, parse_version

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
FORMAT = 1
_WHEEL_NAME = re.compile(r"^wheels/[A-Za-z0-9][A-Za-z0-9._+-]*\.whl$")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class BundleFile:
    path: str  # inside the bundle, e.g. wheels/brussels_kiosk-0.2.0-py3-none-any.whl
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    version: str
    created: str
    python_tag: str
    package: str  # the distribution pip installs, e.g. brussels-kiosk
    entry_point: str  # the console script the units start, e.g. kiosk
    files: tuple[BundleFile, ...]
    # Alembic revisions of the kiosk store this release runs on, oldest first; its
    # migrations bring any of them to the last one (its head). Empty: no store.
    store_revisions: tuple[str, ...] = ()
    format: int = FORMAT
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def store_schema_min(self) -> str | None:
        return self.store_revisions[0] if self.store_revisions else None

    @property
    def store_schema_max(self) -> str | None:
        return self.store_revisions[-1] if self.store_revisions else None

    def to_bytes(self) -> bytes:
        data = asdict(self)
        data["store_schema"] = {"min": self.store_schema_min, "max": self.store_schema_max}
        return json.dumps(data, sort_keys=True, indent=1).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> Manifest:
        try:
            data = json.loads(raw)
            files = tuple(
                BundleFile(str(f["path"]), str(f["sha256"]), int(f["size"])) for f in data["files"]
            )
            manifest = cls(
                version=str(data["version"]),
                created=str(data["created"]),
                python_tag=str(data["python_tag"]),
                package=str(data["package"]),
                entry_point=str(data["entry_point"]),
                files=files,
                store_revisions=tuple(str(r) for r in data.get("store_revisions", ())),
                format=int(data["format"]),
                extra=dict(data.get("extra", {})),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise UpdateError(f"manifest is malformed: {type(exc).__name__} {exc}") from None
        if manifest.format != FORMAT:
            raise UpdateError(f"manifest format {manifest.format} is not {FORMAT}")
        if not _DISTRIBUTION_NAME.fullmatch(manifest.package):
            # It names the bundle's file and its download's Content-Disposition header:
            # a quote or a line break there broke every kiosk's download of the version.
            raise UpdateError(f"manifest package {manifest.package[:80]!r} is not a "
                              "distribution name (letters, digits, '.', '_', '-'; at most "
                              "100)")
        return manifest

    def app_wheel(self) -> BundleFile:
        """The wheel of ``package`` itself; its file name carries the version."""
        prefix = "wheels/" + re.sub(r"[-_.]+", "_", self.package).lower() + "-"
        for entry in self.files:
            if entry.path.lower().startswith(prefix):
                return entry
        raise UpdateError(f"bundle has no wheel of its package {self.package!r}")


# --- keys -------------------------------------------------------------------------------


def keygen(private_path: Path) -> str:
    """Write a new Ed25519 private key (PEM, mode 0600); returns the public key in hex."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    private_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    return public_key_hex(private_path)


def _private_key(private_path: Path) -> Any:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(private_path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise UpdateError(f"signing key {private_path}: {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise UpdateError(f"signing key {private_path} is not an Ed25519 key")
    return key


def public_key_hex(private_path: Path) -> str:
    from cryptography.hazmat.primitives import serialization

    public = _private_key(private_path).public_key()
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


# --- build ------------------------------------------------------------------------------


def build_wheelhouse(
    project_dir: Path,
    wheel_dir: Path,
    *,
    python: str = sys.executable,
    pip_args: Sequence[str] = (),
) -> None:
    """``pip wheel`` the project and every dependency into ``wheel_dir``."""
    wheel_dir.mkdir(parents=True, exist_ok=True)
    command = [
        python,
        "-m",
        "pip",
        "wheel",
        "--wheel-dir",
        str(wheel_dir),
        *pip_args,
        str(project_dir),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        raise UpdateError(f"pip wheel failed ({result.returncode}): {result.stderr[-2000:]}")


def store_revisions(migrations_dir: Path) -> tuple[str, ...]:
    """The Alembic revisions of the store's migrations, oldest first (linear history)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(migrations_dir))
    return tuple(reversed([rev.revision for rev in script.walk_revisions()]))


def python_tag() -> str:
    return f"cp{sys.version_info.major}{sys.version_info.minor}"


def make_manifest(
    version: str,
    wheel_dir: Path,
    *,
    package: str,
    entry_point: str,
    revisions: Sequence[str] = (),
    created: datetime | None = None,
) -> Manifest:
    parse_version(version)
    files = []
    for wheel in sorted(wheel_dir.glob("*.whl")):
        files.append(BundleFile(f"wheels/{wheel.name}", sha256_file(wheel), wheel.stat().st_size))
    manifest = Manifest(
        version=version,
        created=(created or datetime.now(UTC)).isoformat(),
        python_tag=python_tag(),
        package=package,
        entry_point=entry_point,
        files=tuple(files),
        store_revisions=tuple(revisions),
    )
    _check_app_wheel_version(manifest)
    return manifest


def pack(manifest: Manifest, wheel_dir: Path, out: Path, private_path: Path | None) -> Path:
    """Write the bundle tar (manifest first, so a reader sees it before the files)."""
    raw = manifest.to_bytes()
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
        _add_bytes(tar, MANIFEST, raw)
        if private_path is not None:
            _add_bytes(tar, SIGNATURE, _private_key(private_path).sign(raw))
        for entry in manifest.files:
            tar.add(
                wheel_dir / entry.path.removeprefix("wheels/"),
                arcname=entry.path,
                recursive=False,
                filter=_normalise,
            )
    os.replace(partial, out)
    return out


def build_bundle(
    version: str,
    wheel_dir: Path,
    out_dir: Path,
    *,
    package: str,
    entry_point: str,
    revisions: Sequence[str] = (),
    private_path: Path | None = None,
) -> Path:
    """Manifest + tar (+ signature when a key is given): ``out_dir/PACKAGE-VERSION.kbundle``."""
    manifest = make_manifest(
        version, wheel_dir, package=package, entry_point=entry_point, revisions=revisions
    )
    return pack(manifest, wheel_dir, out_dir / bundle_name(package, version), private_path)


# A distribution name as PEP 508 spells it, bounded.
_DISTRIBUTION_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9])?")


def bundle_name(package: str, version: str) -> str:
    return f"{package}-{version}.kbundle"


def sign_bundle(bundle: Path, private_path: Path) -> None:
    """(Re-)sign a built bundle in place: the manifest's bytes are kept exactly."""
    key = _private_key(private_path)
    partial = bundle.with_name(bundle.name + ".partial")
    with (
        tarfile.open(bundle, "r:") as source,
        tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as target,
    ):
        raw = _member_bytes(source, MANIFEST, 1 << 24)
        _add_bytes(target, MANIFEST, raw)
        _add_bytes(target, SIGNATURE, key.sign(raw))
        for member in source.getmembers():
            if member.name in (MANIFEST, SIGNATURE):
                continue
            handle = source.extractfile(member)
            if handle is None:
                raise UpdateError(f"bundle member {member.name} is not a regular file")
            target.addfile(member, handle)
    os.replace(partial, bundle)


# --- verify -----------------------------------------------------------------------------


def verify_bundle(
    bundle: Path,
    public_key: str,
    dest: Path,
    *,
    current_version: str | None = None,
    expected_version: str | None = None,
    blocked: Collection[str] = (),
) -> Manifest:
    """Check everything and extract the wheels into ``dest/wheels``; returns the manifest.

    Raises :class:`UpdateError` naming what failed. ``expected_version`` is the version
    the bundle was offered as (rollout target, file name); ``blocked`` the versions this
    kiosk rolled back and central IT has not unblocked.
    """
    if not public_key:
        raise UpdateError("no public key configured ([updates] public_key): updates refused")
    try:
        with tarfile.open(bundle, "r:") as tar:
            return _verify_open(
                tar, bundle, public_key, dest, current_version, expected_version, blocked
            )
    except FileNotFoundError:
        raise UpdateError(f"bundle {bundle} not found") from None
    except (tarfile.TarError, EOFError) as exc:
        raise UpdateError(f"bundle {bundle.name} is truncated or not a bundle: {exc}") from None


def _verify_open(
    tar: tarfile.TarFile,
    bundle: Path,
    public_key: str,
    dest: Path,
    current_version: str | None,
    expected_version: str | None,
    blocked: Collection[str],
) -> Manifest:
    raw = _member_bytes(tar, MANIFEST, 1 << 24)
    signature = _member_bytes(tar, SIGNATURE, 1024)
    _check_signature(raw, signature, public_key)
    manifest = Manifest.from_bytes(raw)
    _check_version(manifest, current_version, expected_version, blocked)
    expected = {entry.path: entry for entry in manifest.files}
    seen: set[str] = set()
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "wheels").mkdir(exist_ok=True)
    for member in tar.getmembers():
        if member.name in (MANIFEST, SIGNATURE):
            continue
        entry = expected.get(member.name)
        if entry is None or not member.isfile() or not _WHEEL_NAME.match(member.name):
            raise UpdateError(f"bundle holds {member.name!r}, which the manifest does not list")
        _extract_checked(tar, member, entry, dest / member.name)
        seen.add(member.name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise UpdateError(f"file {missing[0]} is missing from the bundle (truncated?)")
    (dest / MANIFEST).write_bytes(raw)
    return manifest


def _check_signature(raw: bytes, signature: bytes, public_key: str) -> None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key))
    except ValueError:
        raise UpdateError("configured public key is not a 32-byte Ed25519 key in hex") from None
    try:
        key.verify(signature, raw)
    except InvalidSignature:
        raise UpdateError(
            "signature does not check against the configured public key "
            "(signed with another key, or manifest altered)"
        ) from None


def _check_version(
    manifest: Manifest, current: str | None, expected: str | None, blocked: Collection[str]
) -> None:
    parse_version(manifest.version)
    if expected is not None and expected != manifest.version:
        raise UpdateError(
            f"version: offered as {expected} but the manifest says {manifest.version}"
        )
    _check_app_wheel_version(manifest)
    if manifest.version in blocked:
        raise UpdateError(
            f"version {manifest.version} is blocked on this kiosk (it was rolled "
            "back); central IT must unblock it"
        )
    if not is_newer(manifest.version, current):
        raise UpdateError(f"version {manifest.version} is not newer than the running {current}")


def _check_app_wheel_version(manifest: Manifest) -> None:
    wheel = manifest.app_wheel().path.removeprefix("wheels/")
    wheel_version = wheel.split("-")[1] if wheel.count("-") >= 2 else ""
    if wheel_version != manifest.version:
        raise UpdateError(
            f"version: the manifest says {manifest.version} but the "
            f"application wheel is {wheel_version or wheel}"
        )


def _extract_checked(
    tar: tarfile.TarFile, member: tarfile.TarInfo, entry: BundleFile, target: Path
) -> None:
    if member.size != entry.size:
        raise UpdateError(
            f"size of {entry.path}: {member.size} bytes in the bundle, {entry.size} in the manifest"
        )
    handle = tar.extractfile(member)
    assert handle is not None  # member.isfile() was checked
    digest, got = hashlib.sha256(), 0
    with target.open("wb") as out:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            out.write(chunk)
            got += len(chunk)
    if got != entry.size:
        raise UpdateError(f"size of {entry.path}: only {got} of {entry.size} bytes (truncated)")
    if digest.hexdigest() != entry.sha256:
        raise UpdateError(f"hash of {entry.path} does not match the manifest (corrupted)")


def read_manifest(bundle: Path) -> Manifest:
    """The manifest, unverified (for display only: never act on it)."""
    try:
        with tarfile.open(bundle, "r:") as tar:
            return Manifest.from_bytes(_member_bytes(tar, MANIFEST, 1 << 24))
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise UpdateError(f"bundle {bundle.name}: {exc}") from None


def _member_bytes(tar: tarfile.TarFile, name: str, limit: int) -> bytes:
    try:
        member = tar.getmember(name)
    except KeyError:
        what = "unsigned: no manifest.sig" if name == SIGNATURE else f"no {name}"
        raise UpdateError(f"bundle is {what}") from None
    if not member.isfile() or member.size > limit:
        raise UpdateError(f"bundle member {name} is not a plausible file")
    handle = tar.extractfile(member)
    assert handle is not None
    data = handle.read()
    if len(data) != member.size:
        raise UpdateError(f"{name} is truncated")
    return data


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


def _normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
    # Reproducible members: no owner names or ids of the build machine.
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o644
    return info


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, hex (the backend pins downloads with it)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
