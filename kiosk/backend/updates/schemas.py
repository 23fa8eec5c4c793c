"""The updates API's bodies (pydantic: FastAPI validates and documents them)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Version = Annotated[str, Field(pattern=r"^\d{1,6}(\.\d{1,6}){1,3}$", max_length=32)]
KioskState = Literal[
    "downloading",
    "verifying",
    "installing",
    "waiting_for_idle",
    "switched",
    "healthy",
    "rolled_back",
    "failed",
    "idle",
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Wave(Strict):
    """Exactly one of: named kiosks (the canary), a site, or all kiosks."""

    # The contract says what _exactly_one checks, so no client is surprised by a 422.
    model_config = ConfigDict(json_schema_extra={"oneOf": [
        {"required": ["kiosks"], "properties": {
            "kiosks": {"type": "array"}, "site": {"type": "null"}, "all": {"const": False}}},
        {"required": ["site"], "properties": {
            "site": {"type": "string"}, "kiosks": {"type": "null"}, "all": {"const": False}}},
        {"required": ["all"], "properties": {
            "all": {"const": True}, "kiosks": {"type": "null"}, "site": {"type": "null"}}},
    ]})

    kiosks: list[Annotated[str, Field(min_length=1, max_length=64)]] | None = None
    site: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")] | None = None
    all: bool = False

    @model_validator(mode="after")
    def _exactly_one(self) -> Wave:
        chosen = [self.kiosks is not None, self.site is not None, self.all]
        if sum(chosen) != 1:
            raise ValueError("a wave is exactly one of: kiosks, site, all")
        return self


class RolloutRequest(Strict):
    version: Version
    waves: Annotated[list[Wave], Field(min_length=1, max_length=20)]


class Rollout(BaseModel):
    id: int
    version: str
    waves: list[Wave]
    wave: int
    status: str
    halted_reason: str | None
    created_at: datetime
    updated_at: datetime


class Bundle(BaseModel):
    version: str
    filename: str
    size: int
    sha256: str
    uploaded_at: datetime


class Target(BaseModel):
    """What a kiosk should run: ``version`` None means stay as you are."""

    version: str | None
    size: int | None = None
    sha256: str | None = None
    url: str | None = None
    rollout_id: int | None = None
    unblock: list[str] = []


class StateReport(Strict):
    version: Version
    state: KioskState
    reason: Annotated[str, Field(max_length=2000)] | None = None
    current: Version | None = None


class KioskUpdate(BaseModel):
    kiosk_id: str
    site: str
    version: str | None
    state: str
    reason: str | None
    current: str | None
    rollout_id: int | None
    updated_at: datetime


class WaveProgress(BaseModel):
    index: int
    kiosks: list[str]
    counts: dict[str, int]  # update state (or "not started") -> kiosks in it


class Unblocked(BaseModel):
    version: str
    kiosks: list[str]
