"""Where alert mail and webhooks go, and when nothing is sent: the routing's
configuration (environment or settings) and the quiet hours / maintenance windows
central IT sets per kiosk or site. Pure data and pure functions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from typing import Annotated, Any, Literal
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

from kiosk.backend.bounds import PlausibleDatetime

CITY_TZ = ZoneInfo("Europe/Brussels")
ENV_SMTP = "KIOSK_BACKEND_ALERT_SMTP"
ENV_TO = "KIOSK_BACKEND_ALERT_TO"
ENV_FROM = "KIOSK_BACKEND_ALERT_FROM"
ENV_WEBHOOK = "KIOSK_BACKEND_ALERT_WEBHOOK"


class RoutingConfigError(ValueError):
    """A routing setting that cannot work, naming the variable and why."""


@dataclass(frozen=True)
class SmtpTarget:
    """``smtp://[user:password@]host[:port][?starttls=1&cafile=PATH]`` (port 25 by
    default; ``smtps://`` is TLS from the start, port 465)."""

    host: str
    port: int
    to: tuple[str, ...]
    sender: str = "kiosk-fleet@localhost"
    starttls: bool = False
    tls: bool = False
    username: str | None = None
    password: str | None = None
    cafile: str | None = None  # a private CA (tests, an internal relay)
    timeout_s: float = 15.0

    @classmethod
    def from_url(cls, url: str, to: str, sender: str | None = None) -> SmtpTarget:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise RoutingConfigError(
                f"{ENV_SMTP}: {parts.scheme or url!r} is not smtp://host:port or smtps://host:port"
            )
        recipients = tuple(a.strip() for a in to.split(",") if a.strip())
        if not recipients or any("@" not in a for a in recipients):
            raise RoutingConfigError(f"{ENV_TO}: expected a@x,b@y, got {to!r}")
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        unknown = set(query) - {"starttls", "cafile", "timeout"}
        if unknown:
            raise RoutingConfigError(f"{ENV_SMTP}: unknown option {sorted(unknown)[0]!r}")
        try:
            port = parts.port or (465 if parts.scheme == "smtps" else 25)
        except ValueError:
            raise RoutingConfigError(f"{ENV_SMTP}: the port is not a number") from None
        return cls(
            host=parts.hostname,
            port=port,
            to=recipients,
            sender=sender or cls.sender,
            starttls=query.get("starttls", "0") in ("1", "true", "yes"),
            tls=parts.scheme == "smtps",
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            cafile=query.get("cafile"),
            timeout_s=float(query.get("timeout", 15.0)),
        )

    def describe(self) -> str:
        """Where mail goes, without the password (for logs and the settings page)."""
        user = f"{self.username}@" if self.username else ""
        scheme = "smtps" if self.tls else "smtp"
        return f"{scheme}://{user}{self.host}:{self.port} → {', '.join(self.to)}"


@dataclass(frozen=True)
class Routing:
    """Where alerts go and how they are grouped; ``None`` channels are not used."""

    smtp: SmtpTarget | None = None
    webhook_url: str | None = None
    # Changes of one kiosk within this window make one message.
    group_window_s: float = 30.0
    # This many kiosks of one site in one window make one message for the site
    # (its network dropped: not one mail per kiosk).
    site_storm_kiosks: int = 3
    retry_first_s: float = 2.0
    retry_max_s: float = 300.0
    max_attempts: int = 30  # then the message is given up, with a log line
    max_queued: int = 10_000

    @property
    def enabled(self) -> bool:
        return self.smtp is not None or self.webhook_url is not None


def routing_from_env(env: Mapping[str, str]) -> Routing:
    """The routing the environment asks for (nothing set: no channel)."""
    smtp = None
    if env.get(ENV_SMTP):
        smtp = SmtpTarget.from_url(env[ENV_SMTP], env.get(ENV_TO, ""), env.get(ENV_FROM))
    elif env.get(ENV_TO):
        raise RoutingConfigError(f"{ENV_TO} is set but {ENV_SMTP} is not")
    webhook = env.get(ENV_WEBHOOK) or None
    if webhook and urlsplit(webhook).scheme not in ("http", "https"):
        raise RoutingConfigError(f"{ENV_WEBHOOK}: {webhook!r} is not an http(s) URL")
    return Routing(smtp=smtp, webhook_url=webhook)


# -- quiet hours and maintenance windows ------------------------------------------------

Scope = Literal["site", "kiosk"]
Target = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
ClockTime = Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class QuietHours(_Strict):
    """Every day from ``start`` to ``end`` (city time; may cross midnight)."""

    scope: Scope
    target: Target
    start: ClockTime
    end: ClockTime


class MaintenanceWindow(_Strict):
    scope: Scope
    target: Target
    start: PlausibleDatetime
    end: PlausibleDatetime
    reason: Annotated[str, Field(max_length=200)] = ""

    def problem(self) -> str | None:
        """Why the window cannot be kept (None: it can). Checked by the route, which
        answers 409: a rule across two fields is not in the contract's schema."""
        if self.end <= self.start:
            return "end must be after start"
        return None


class Silences(_Strict):
    """What central IT set: while one applies to a kiosk, nothing is sent about it."""

    quiet_hours: Annotated[list[QuietHours], Field(max_length=200)] = []
    maintenance: Annotated[list[MaintenanceWindow], Field(max_length=500)] = []


def _applies(entry: QuietHours | MaintenanceWindow, kiosk_id: str, site: str) -> bool:
    return entry.target == (kiosk_id if entry.scope == "kiosk" else site)


def _within(quiet: QuietHours, at: datetime) -> bool:
    local = at.astimezone(CITY_TZ).time()
    start, end = time.fromisoformat(quiet.start), time.fromisoformat(quiet.end)
    if start <= end:
        return start <= local < end
    return local >= start or local < end  # across midnight


def silenced_by(silences: Silences, kiosk_id: str, site: str, at: datetime) -> str | None:
    """Why nothing is sent about ``kiosk_id`` at ``at`` (None: it is sent)."""
    for quiet in silences.quiet_hours:
        if _applies(quiet, kiosk_id, site) and _within(quiet, at):
            return f"quiet hours {quiet.start}–{quiet.end} ({quiet.scope} {quiet.target})"
    for window in silences.maintenance:
        if _applies(window, kiosk_id, site) and window.start <= at < window.end:
            return f"maintenance ({window.scope} {window.target})"
    return None


def silences_of(document: dict[str, Any] | None) -> Silences:
    return Silences.model_validate(document or {})
