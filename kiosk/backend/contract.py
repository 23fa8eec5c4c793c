"""The OpenAPI document as the app really answers: what FastAPI cannot infer from the
routes is added here, once, for every operation (so no route can forget it).

- 413 on every operation with a request body (:mod:`kiosk.backend.json_guard`).
- 422 as it really comes: FastAPI's list of validation errors, or one sentence (a
  route's own refusal, a value out of range for the database) — either on any route.
- a map whose keys have a pattern admits no other key (pydantic states the pattern but
  not that the pattern is the only way in).
- 405 with an ``Allow`` header naming every method the path has (Starlette names only
  those of the first route matching the path).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from kiosk.backend.bounds import MAX_BODY_BYTES

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
VALIDATION_REF = {"$ref": "#/components/schemas/HTTPValidationError"}
UNPROCESSABLE = {
    "description": "The request is well-formed JSON but its values are refused: a list "
                   "of errors with their location, or one sentence saying why.",
    "content": {"application/json": {"schema": {"anyOf": [VALIDATION_REF, PROBLEM_REF]}}},
}


def _close_pattern_maps(node: Any) -> None:
    if isinstance(node, dict):
        if "patternProperties" in node and "properties" not in node:
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _close_pattern_maps(value)
    elif isinstance(node, list):
        for value in node:
            _close_pattern_maps(value)


def describe_limits(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` as the app answers (see the module's docstring)."""
    _close_pattern_maps(document.get("components", {}))
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            responses = operation["responses"]
            if "422" in responses:
                responses["422"] = UNPROCESSABLE
            if "requestBody" not in operation:
                continue
            responses.setdefault("413", {
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
    app.add_exception_handler(StarletteHTTPException, _with_allow(app))


def _with_allow(app: FastAPI) -> Callable[[Request, Exception], Any]:
    from fastapi.exception_handlers import http_exception_handler

    async def handle(request: Request, exc: Exception) -> Any:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code != 405:
            return await http_exception_handler(request, exc)
        methods = sorted({method for route in app.router.routes
                          if route.matches(request.scope)[0] is not Match.NONE
                          for method in getattr(route, "methods", None) or ()})
        return JSONResponse({"detail": "Method Not Allowed"}, status_code=405,
                            headers={"Allow": ", ".join(methods)})

    return handle
