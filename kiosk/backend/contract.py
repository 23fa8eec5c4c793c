"""The OpenAPI document as the app really answers: what FastAPI cannot infer from the
routes is added here, once, for every operation (so no route can forget it).

- 413 on every operation with a request body (:mod:`kiosk.backend.json_guard`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from kiosk.backend.bounds import MAX_BODY_BYTES

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def describe_limits(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with the body limit stated on every operation taking a body."""
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            if "requestBody" not in operation:
                continue
            operation["responses"].setdefault("413", {
                "description": f"The request body is larger than {MAX_BODY_BYTES} bytes "
                               "(refused before it is read).",
                "content": {"application/json": {"schema": PROBLEM_REF}}})
    return document


def use_hardened_openapi(app: FastAPI) -> None:
    """Make ``app.openapi()`` (and ``/openapi.json``) return the completed document."""
    generate: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = describe_limits(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
