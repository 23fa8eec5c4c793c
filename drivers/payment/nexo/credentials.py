"""Where the nexo API key comes from: ``KIOSK_NEXO_API_KEY`` or a key file readable by
the kiosk's user only (``[payments] nexo_api_key_file``). Never from the device URI,
never into a log line or an error message."""

from __future__ import annotations

import stat
from collections.abc import Mapping
from pathlib import Path

from drivers.errors import DeviceError

ENV_KEY = "KIOSK_NEXO_API_KEY"


def read_api_key(environ: Mapping[str, str], key_file: Path | None) -> str:
    """The API key, or "" when none is configured. A key file that others can read, or
    that is empty, is refused: the message names the file, never its content."""
    key = environ.get(ENV_KEY, "").strip()
    if key:
        return key
    if key_file is None:
        return ""
    try:
        info = key_file.stat()
        if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise DeviceError(f"nexo API key file {key_file}: readable by others "
                              f"(mode {stat.S_IMODE(info.st_mode):o}); chmod 600 it")
        key = key_file.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise DeviceError(f"nexo API key file {key_file}: {exc.strerror}") from None
    if not key:
        raise DeviceError(f"nexo API key file {key_file} is empty")
    return key
