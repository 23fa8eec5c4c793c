"""An ASGI middleware in front of the whole app: request bodies are bounded, and a JSON
body must be strict JSON before any route sees it.

Why here and not in each route: the red team's 500s came from values Python's ``json``
accepts but nothing downstream can handle — lone surrogates (``"\\ud800"``: valid JSON
escapes, not encodable as UTF-8, so hashing or echoing them failed), ``NaN`` and
``Infinity`` (not JSON at all) and ``1e400`` (infinity). msgspec's decoder refuses all of
them, and bodies that are not UTF-8 (an undocumented 400 before), in one fast pass.

- A ``Content-Length`` over the limit: 413 at once, the body is never read.
- A body streamed past the limit (chunked): 413 as soon as it crosses it.
- JSON (``application/json``, ``application/*+json``, or no content type — FastAPI reads
  those as JSON too) that msgspec refuses: 422 in FastAPI's validation-error shape,
  ``loc`` ``["body"]`` and the decoder's reason. The bad value is never echoed.

Routes that take a large body on purpose (the release bundle upload) are exempted by
``exempt(method, path)`` and bound their own stream.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import msgspec

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_DECODER = msgspec.json.Decoder()


def _never(method: str, path: str) -> bool:
    return False


class BodyTooLargeError(Exception):
    pass


class JsonGuard:
    """Wraps ``app``; ``max_body_bytes`` bounds every body unless ``exempt`` says not."""

    def __init__(self, app: ASGIApp, max_body_bytes: int,
                 exempt: Callable[[str, str], bool] = _never) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.exempt(scope["method"], scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await self._too_large(send)
            return
        try:
            body = await self._read(receive)
        except BodyTooLargeError:
            await self._too_large(send)
            return
        if body and _is_json(headers.get(b"content-type")):
            reason = strict_json_problem(body)
            if reason is not None:
                await _answer(send, 422, {"detail": [
                    {"type": "json_invalid", "loc": ["body"], "msg": reason}]})
                return
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, receive: Receive) -> bytes:
        """The whole body, bounded (what arrived, if the client went away)."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return b"".join(chunks)
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                raise BodyTooLargeError
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _too_large(self, send: Send) -> None:
        await _answer(send, 413, {
            "detail": f"request body larger than {self.max_body_bytes} bytes"},
            close=True)


# The escape \u0000 not itself escaped (an even number of backslashes before it): a NUL
# character in a string. Strict JSON allows it; PostgreSQL's text columns do not (every
# write holding one fails, and took the heartbeats committed with it along), and nothing
# a kiosk sends needs one.
_NUL_ESCAPE = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


def strict_json_problem(body: bytes) -> str | None:
    """None for strict JSON; otherwise why not (no part of the body is quoted)."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"the body is not UTF-8 (byte {exc.start})"
    try:
        _DECODER.decode(body)
    except msgspec.ValidationError as exc:  # numbers msgspec cannot hold: 1e400, …
        return f"the body is not strict JSON: {exc}"
    except msgspec.DecodeError as exc:
        return f"the body is not strict JSON (no NaN, Infinity or lone surrogates): {exc}"
    except RecursionError:  # about 1,000 levels deep: nothing here nests a tenth of that
        return "the body is nested too deeply"
    if _NUL_ESCAPE.search(body):
        return "the body holds a NUL character (\\u0000) in a string"
    return None


def _is_json(content_type: bytes | None) -> bool:
    if content_type is None:
        return True
    kind = content_type.split(b";", 1)[0].strip().lower()
    return kind == b"application/json" or (kind.startswith(b"application/")
                                          and kind.endswith(b"+json"))


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _answer(send: Send, status: int, content: dict[str, Any], close: bool = False) -> None:
    data = json.dumps(content).encode()
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(data)).encode())]
    if close:  # the rest of the body is not read: the connection cannot be reused
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})
