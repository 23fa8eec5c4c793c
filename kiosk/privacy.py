"""Personal data in logs and diagnostics: masked or pseudonymised, never in clear.

``mask_national_number`` keeps the birth date part a technician can reason with and
hides the sequence and check digits; ``pseudonym`` is a keyed hash (HMAC-SHA-256 with a
per-install salt) so the same citizen gives the same token on one kiosk, and tokens of
two kiosks cannot be linked. The salt lives in the kiosk's state directory, is created
once with mode 0600 and never leaves the machine.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

SALT_FILE = "privacy-salt"
SALT_BYTES = 32
PSEUDONYM_CHARS = 12


def mask_national_number(value: str) -> str:
    """``85073012459`` → ``850730-***-**``: the date part stays, the person does not.

    Anything that is not 11 digits (after dropping the usual separators) is masked whole.
    """
    digits = "".join(c for c in str(value) if c.isdigit())
    if len(digits) != 11:
        return "***"
    return f"{digits[:6]}-***-**"


def mask_card_number(value: str) -> str:
    """A card number (eID or bank card) → its last 3 characters only: ``*********123``."""
    text = "".join(str(value).split())
    if len(text) <= 3:
        return "*" * len(text)
    return "*" * (len(text) - 3) + text[-3:]


def pseudonym(value: str, salt: bytes) -> str:
    """A stable, unlinkable token for ``value`` on this install (keyed hash, 12 hex)."""
    if not salt:
        raise ValueError("pseudonym: the salt is empty; use load_or_create_salt()")
    digest = hmac.new(salt, str(value).encode("utf-8"), hashlib.sha256).hexdigest()
    return f"p-{digest[:PSEUDONYM_CHARS]}"


def load_or_create_salt(state_dir: Path) -> bytes:
    """The install's salt from ``state_dir/privacy-salt``, created once (mode 0600).

    Two processes creating it at once agree: the file is created exclusively and the
    loser reads the winner's salt.
    """
    path = Path(state_dir) / SALT_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        salt = secrets.token_bytes(SALT_BYTES)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            data = path.read_bytes()
        else:
            with os.fdopen(fd, "wb") as out:
                out.write(salt)
                out.flush()
                os.fsync(out.fileno())
            return salt
    if len(data) < 16:
        raise ValueError(
            f"{path}: privacy salt too short ({len(data)} bytes); remove it to create a new one"
        )
    return data


def salt_for_store(store_path: Path) -> bytes:
    """The salt kept beside the kiosk's store (its state directory)."""
    return load_or_create_salt(Path(store_path).parent)


@dataclass(frozen=True)
class Needle:
    """A known personal value to look for: ``kind`` (national number, surname, …) and
    ``owner`` (whose it is, e.g. a demo citizen's key) describe it without revealing it."""

    kind: str
    owner: str
    value: str


@dataclass(frozen=True)
class Finding:
    needle: Needle
    excerpt: str  # the text around the value, with every known value masked


class PersonalDataScanner:
    """Finds known personal values in text (log lines, diagnostics, heartbeats).

    Values match as whole words and case-sensitively, so ``Peeters`` matches but a
    longer word that contains it does not. Excerpts mask every known value, so a report
    of findings leaks nothing itself.
    """

    def __init__(self, needles: list[Needle], excerpt_chars: int = 60) -> None:
        self._by_value = {n.value: n for n in needles if n.value}
        values = sorted(self._by_value, key=len, reverse=True)  # longest first
        alternatives = "|".join(re.escape(v) for v in values) or r"(?!x)x"
        self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
        self._excerpt_chars = excerpt_chars

    def mask(self, text: str) -> str:
        return self._pattern.sub(lambda m: f"<{self._by_value[m.group(0)].kind}>", text)

    def scan(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for match in self._pattern.finditer(text):
            start = max(0, match.start() - self._excerpt_chars)
            excerpt = self.mask(text[start : match.end() + self._excerpt_chars])
            found.append(Finding(self._by_value[match.group(0)], excerpt))
        return found


_ELEVEN_DIGITS = re.compile(r"(?<!\d)\d{11}(?!\d)")


def is_national_number(digits: str) -> bool:
    """11 digits whose mod-97 check matches (born before 2000, or from 2000 on)."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    base, check = int(digits[:9]), int(digits[9:])
    return check in (97 - base % 97, 97 - int("2" + digits[:9]) % 97)


def mask_national_numbers_in(text: str) -> str:
    """Every national number in ``text`` (e.g. a URL path) masked."""
    return _ELEVEN_DIGITS.sub(
        lambda m: (
            mask_national_number(m.group(0)) if is_national_number(m.group(0)) else m.group(0)
        ),
        text,
    )


class NationalNumberFilter(logging.Filter):
    """Masks national numbers in records of loggers we do not own (urllib3 logs each
    request's URL at DEBUG, and the contract puts the number in some paths)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_national_numbers_in(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


# Third-party loggers that log request URLs.
URL_LOGGERS = ("urllib3.connectionpool", "uvicorn.access", "httpx")


def install_log_masking(loggers: tuple[str, ...] = URL_LOGGERS) -> None:
    """Attach :class:`NationalNumberFilter` to ``loggers`` once (idempotent); every kiosk
    process does it at start (kiosk/cli.py)."""
    for name in loggers:
        target = logging.getLogger(name)
        if not any(isinstance(f, NationalNumberFilter) for f in target.filters):
            target.addFilter(NationalNumberFilter())


# -- whole-run log capture (tests): every kiosk process's log lines in one directory ----
# The test suite sets LOG_CAPTURE_VARIABLE for its run; each process started through
# kiosk/cli.py then writes the formatted lines its handlers emit (after the masking
# filters: what would land in journald) to its own file there, and the suite scans them
# with PersonalDataScanner at the end. The name does not start with KIOSK_: those are
# config overrides (kiosk/config/loader.py) and an unknown section stops start-up.
LOG_CAPTURE_VARIABLE = "BXL_KIOSK_LOG_CAPTURE_DIR"
LOG_CAPTURE_SUFFIX = ".log"


class LogCaptureHandler(logging.FileHandler):
    """Writes the process's log lines to ``directory/<name>-<pid>.log`` (created on the
    first line, so a silent process leaves no file)."""

    def __init__(self, directory: Path, name: str) -> None:
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name) or "kiosk"
        path = directory / f"{safe}-{os.getpid()}{LOG_CAPTURE_SUFFIX}"
        super().__init__(path, encoding="utf-8", delay=True)


def capture_logs_from_env(
    name: str, formatter: logging.Formatter, env: Mapping[str, str] | None = None
) -> LogCaptureHandler | None:
    """Add a :class:`LogCaptureHandler` to the root logger when ``LOG_CAPTURE_VARIABLE``
    names a directory; once per process (kiosk commands run in-process in tests too)."""
    directory = (os.environ if env is None else env).get(LOG_CAPTURE_VARIABLE, "")
    root = logging.getLogger()
    if not directory or any(isinstance(h, LogCaptureHandler) for h in root.handlers):
        return None
    try:
        Path(directory).mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a capture is a test aid: never a reason not to run
        logging.getLogger(__name__).warning("log capture off: %s: %s", directory, exc)
        return None
    handler = LogCaptureHandler(Path(directory), name)
    handler.setFormatter(formatter)
    root.addHandler(handler)
    return handler


def scan_log_files(directory: Path, scanner: PersonalDataScanner) -> list[str]:
    """Every finding in the capture files of ``directory``, as ``file:line: what``
    (one per file, kind and owner; the excerpt is masked)."""
    reports: list[str] = []
    seen: set[tuple[str, str, str]] = set()
    for path in sorted(directory.glob(f"*{LOG_CAPTURE_SUFFIX}")):
        with path.open(encoding="utf-8", errors="replace") as lines:
            for number, line in enumerate(lines, 1):
                for finding in scanner.scan(line):
                    key = (path.name, finding.needle.kind, finding.needle.owner)
                    if key not in seen:
                        seen.add(key)
                        reports.append(
                            f"{path.name}:{number}: {finding.needle.kind} of "
                            f"{finding.needle.owner!r}: …{finding.excerpt.strip()}…"
                        )
    return reports
