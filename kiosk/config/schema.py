"""The configuration's shape: every section, key, type and default.

Models are strict (no "60" for 60) and forbid unknown keys, so a typo stops start-up
instead of being silently ignored.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from drivers.errors import DeviceUriError
from drivers.registry import DeviceKind, DeviceRegistry

Language = Literal["fr", "nl", "en"]


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class KioskSection(Section):
    id: str = Field(default="demo-kiosk-01", pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
    site: str = Field(default="bxl-centre", pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")
    site_name: str = "Brussels City Hall"
    mode: Literal["citizen", "library"] = "citizen"
    languages: tuple[Language, ...] = ("fr", "nl", "en")
    default_language: Language = "fr"

    @field_validator("languages", mode="before")
    @classmethod
    def _languages_from_list(cls, value: object) -> object:
        # TOML has arrays, not tuples; strict mode would refuse the list otherwise.
        return tuple(value) if isinstance(value, list) else value


class JourneySection(Section):
    inactivity_timeout_s: int = Field(default=60, ge=5, le=600)
    done_timeout_s: int = Field(default=15, ge=3, le=120)


class StoreSection(Section):
    path: str = "/var/lib/kiosk/kiosk.db"


class BackendSection(Section):
    url: str = Field(default="http://127.0.0.1:8700", pattern=r"^https?://")


class DevicesSection(Section):
    """Device URIs; a device left out is absent from this kiosk."""

    eid_reader: str | None = None
    printer: str | None = None
    card_terminal: str | None = None
    cash: str | None = None
    camera: str | None = None

    @field_validator("eid_reader", "printer", "card_terminal", "cash", "camera")
    @classmethod
    def _known_uri(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        registry: DeviceRegistry | None = (info.context or {}).get("registry")
        if registry is None:
            raise ValueError("no device registry given to validate device URIs")
        kind: DeviceKind = info.field_name  # type: ignore[assignment]
        try:
            registry.validate(kind, value)
        except DeviceUriError as exc:
            raise ValueError(str(exc)) from None
        return value


class UiSection(Section):
    width: int = Field(default=1080, ge=320, le=7680)
    height: int = Field(default=1920, ge=320, le=7680)
    fullscreen: bool = True


class Config(Section):
    kiosk: KioskSection = KioskSection()
    journey: JourneySection = JourneySection()
    store: StoreSection = StoreSection()
    backend: BackendSection = BackendSection()
    devices: DevicesSection = DevicesSection()
    ui: UiSection = UiSection()


SECTIONS: dict[str, type[Section]] = {
    name: field.annotation  # type: ignore[misc]
    for name, field in Config.model_fields.items()
}
