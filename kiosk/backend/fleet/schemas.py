"""The fleet's HTTP bodies (pydantic): the heartbeat a kiosk sends, what it gets back,
and what central IT reads and sets. Bounded everywhere; no personal data anywhere."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from kiosk.backend.bounds import MAX_BODY_BYTES, PlausibleDatetime, json_float, json_int
from kiosk.backend.fleet.rules import RULES
from kiosk.backend.schemas import DeviceId
from kiosk.backend.updates.schemas import KioskState as UpdateStateName

Short = Annotated[str, Field(max_length=300)]
Version = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9.+_-]{0,63}$")]
ConfigVersion = Annotated[str, Field(pattern=r"^[0-9a-f]{8,64}$")]
# Bounds a real kiosk stays far inside: a number past them is a bug or a forgery, and
# the heartbeat is refused with 422 naming the field rather than alerted on.
Count = Annotated[int, Field(ge=0, le=10_000_000)]
Seconds = Annotated[float, Field(ge=0, le=10 * 365 * 86400)]  # ten years
Status = Literal["online", "degraded", "offline"]
Paper = Literal["ok", "near_end", "out", "unknown"]
# What remote configuration may touch: never where the store, the backend or the
# devices are, and never the kiosk's identity (see REMOTE_FORBIDDEN_KEYS).
# library: its `schedule` only (Open+ hours); the kiosk refuses any other library key.
RemoteSection = Literal["kiosk", "journey", "payments", "printer", "ui", "library"]
ConfigKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
Scope = Literal["site", "kiosk"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class ReaderState(Strict):
    present: bool
    error: Short = ""


class PrinterState(Strict):
    online: bool
    paper: Paper = "unknown"
    cover_open: bool = False
    error: Short = ""


class TerminalState(Strict):
    online: bool
    error: Short = ""


class CashState(Strict):
    online: bool
    error: Short = ""
    jammed: bool = False
    # Denomination in cents (as text: JSON keys) → how many can be paid out.
    levels: Annotated[
        dict[Annotated[str, Field(pattern=r"^[0-9]{1,6}$")], Count], Field(max_length=32)
    ] = {}
    change_cents: Annotated[int, Field(ge=0, le=10**8)] = 0  # a million euros
    cashbox_fill_pct: Annotated[float | None, Field(ge=0, le=100)] = None


class DocumentPrinterState(Strict):
    """The A4 printer (IPP): its printer-state and what its printer-state-reasons mean."""

    online: bool
    state: Literal["idle", "processing", "stopped", "offline"] = "idle"
    paper: Literal["ok", "low", "out"] = "ok"
    toner: Literal["ok", "low", "empty"] = "ok"
    jam: bool = False
    door_open: bool = False
    reasons: Annotated[list[Annotated[str, Field(max_length=64)]], Field(max_length=16)] = []
    error: Short = ""


class DoorState(Strict):
    """A library gate or a kiosk's service door with a contact."""

    open: bool
    forced: bool = False  # opened without a badge or key
    open_s: Seconds = 0.0  # how long it has been open


class Devices(Strict):
    """A device left out is not fitted to this kiosk; an unknown one is refused (422)."""

    eid_reader: ReaderState | None = None
    printer: PrinterState | None = None
    card_terminal: TerminalState | None = None
    cash: CashState | None = None
    document_printer: DocumentPrinterState | None = None
    door: DoorState | None = None


class DeadLetterSummary(Strict):
    event_id: Annotated[str, Field(max_length=36)]
    type: Annotated[str, Field(max_length=64)]
    seq: Annotated[int | None, Field(ge=0, le=2**53)] = None
    reason: Short = ""
    dead_lettered_at: PlausibleDatetime | None = None


class OutboxState(Strict):
    pending: Count = 0
    oldest_pending_age_s: Seconds | None = None
    dead_letters: Count = 0
    recent_dead_letters: Annotated[list[DeadLetterSummary], Field(max_length=20)] = []

    @model_validator(mode="after")
    def _consistent(self) -> OutboxState:
        # Numbers that disagree with each other are made to agree rather than refused:
        # each is plausible on its own (the schema bounds them), and a heartbeat refused
        # for it would hide the kiosk's state from central IT altogether.
        listed = len(self.recent_dead_letters)
        if self.dead_letters < listed:
            object.__setattr__(self, "dead_letters", listed)
        if self.pending == 0 and self.oldest_pending_age_s:
            object.__setattr__(self, "oldest_pending_age_s", None)
        return self


class SelftestState(Strict):
    ok: bool
    failures: Annotated[list[Short], Field(max_length=20)] = []
    at: PlausibleDatetime | None = None


class RemoteConfigState(Strict):
    """Where the kiosk stands with remote configuration (versions are content hashes)."""

    applied: ConfigVersion | None = None
    pending: ConfigVersion | None = None
    refused: ConfigVersion | None = None
    refused_reason: Short | None = None


class UpdateFailure(Strict):
    version: Version | None = None
    reason: Annotated[str, Field(max_length=2000)] | None = None
    at: Annotated[float, Field(ge=0, le=1e11)] = 0.0


class UpdateSection(Strict):
    """The kiosk's software update state (kiosk/updates/state.py heartbeat_section)."""

    current: Version | None = None  # the release running
    state: UpdateStateName = "idle"
    version: Version | None = None  # the version the state is about
    reason: Annotated[str, Field(max_length=2000)] | None = None
    previous: Version | None = None
    last_failure: UpdateFailure | None = None
    blocked: Annotated[list[Version], Field(max_length=50)] = []


OpenPlusMode = Literal["staffed", "self-service", "closed"]


class OpenPlusSwitch(Strict):
    at: PlausibleDatetime
    mode: OpenPlusMode
    action: Annotated[str, Field(max_length=64)]
    ok: bool


class OpenPlusAlert(Strict):
    kind: Literal["door_forced", "door_held_open", "controller_unreachable"]
    since: PlausibleDatetime
    detail: Short = ""


class AllowListState(Strict):
    size: Count = 0
    age_s: Seconds | None = None  # since the library system last answered at the door


class OpenPlusSection(Strict):
    """A library door's Open+ state (kiosk/library/access/journal.py heartbeat_section)."""

    mode: OpenPlusMode | None = None  # the schedule's mode now
    last_switch: OpenPlusSwitch | None = None
    switches: Annotated[list[OpenPlusSwitch], Field(max_length=20)] = []  # newest first
    alerts: Annotated[list[OpenPlusAlert], Field(max_length=10)] = []
    allow_list: AllowListState = AllowListState()


class Heartbeat(Strict):
    """What a kiosk reports every ``interval_s``: a kiosk reports for itself only."""

    kiosk_id: DeviceId
    sent_at: PlausibleDatetime
    interval_s: Annotated[float, Field(ge=1, le=3600)]
    software_version: Version
    config_version: ConfigVersion
    uptime_s: Seconds
    # 2**53: exact as a JSON number everywhere (9 PB).
    disk_free_bytes: Annotated[int, Field(ge=0, le=2**53)]
    last_error: Short | None = None
    outbox: OutboxState = OutboxState()
    devices: Devices = Devices()
    selftest: SelftestState | None = None
    # A factory, not an instance: pydantic deep-copies an instance default on every
    # validation (7 % of a heartbeat's CPU at 1,000 a second).
    remote_config: RemoteConfigState = Field(default_factory=RemoteConfigState)
    update: UpdateSection | None = None  # None: an older kiosk, or one taking no updates
    open_plus: OpenPlusSection | None = None  # None: no Open+ door at this kiosk


class RemoteConfig(BaseModel):
    """Values to apply over the kiosk's own config, shaped like kiosk.toml."""

    version: str
    values: dict[str, dict[str, Any]]


class HeartbeatAnswer(BaseModel):
    received_at: datetime
    status: Status
    open_alerts: list[str]
    # Alerts this heartbeat resolved (the kiosk's log and the technician see them end).
    resolved_alerts: list[str] = []
    # Present when central IT wants this kiosk on other values than it reported.
    remote_config: RemoteConfig | None = None
    # Remote actions for the kiosk to run (repeated until it reports each finished).
    actions: list[ActionOrder] = []


class Alert(BaseModel):
    id: int
    kiosk_id: str
    site: str
    rule: str
    severity: str
    detail: str
    opened_at: datetime
    last_seen_at: datetime
    resolved_at: datetime | None


class KioskState(BaseModel):
    kiosk_id: str
    site: str
    status: Status
    last_heartbeat_at: datetime
    interval_s: float
    software_version: str
    config_version: str
    paper: str
    cashbox_fill_pct: float | None
    change_cents: int | None
    outbox_pending: int
    oldest_pending_age_s: float | None
    dead_letters: int
    open_alerts: list[str]
    remote_config: dict[str, Any]
    update: dict[str, Any] = {}  # the last heartbeat's software update section
    heartbeats: int = 0  # received since first seen (history keeps state changes only)


class HeartbeatSummary(BaseModel):
    received_at: datetime
    status: Status
    body: dict[str, Any]


class KioskDetail(BaseModel):
    kiosk: KioskState
    history: list[HeartbeatSummary]
    alerts: list[Alert]
    dead_letters: list[dict[str, Any]]
    remote_config: RemoteConfig | None


class RemoteConfigValues(Strict):
    values: Annotated[
        dict[RemoteSection, Annotated[dict[ConfigKey, Any], Field(max_length=64)]],
        Field(min_length=1),
    ]


class RemoteConfigEntry(BaseModel):
    scope: Scope
    target: str
    values: dict[str, dict[str, Any]]
    updated_at: datetime
    updated_by: str


Severity = Literal["info", "warning", "critical"]
# rule → severity over the defaults: every rule a field of its own, so the contract names
# the rules (an unknown one is refused by the schema, not by a check behind it).
SeverityOverrides = create_model(
    "SeverityOverrides",
    __config__=ConfigDict(extra="forbid"),
    **{rule: (Severity | None, None) for rule in RULES},  # type: ignore[call-overload]
)


class ThresholdValues(Strict):
    """What central IT may tune; a field left out keeps its current value."""

    silent_intervals: json_int(ge=2, le=100) | None = None  # type: ignore[valid-type]
    cashbox_full_pct: json_float(ge=10, le=100) | None = None  # type: ignore[valid-type]
    change_low_cents: json_int(ge=0, le=10**7) | None = None  # type: ignore[valid-type]
    queue_stale_s: json_float(ge=60, le=30 * 86400) | None = None  # type: ignore[valid-type]
    disk_free_min_bytes: json_int(ge=0, le=10**13) | None = None  # type: ignore[valid-type]
    clock_skew_max_s: json_float(ge=1, le=86400) | None = None  # type: ignore[valid-type]
    door_held_open_s: json_float(ge=5, le=86400) | None = None  # type: ignore[valid-type]
    severities: SeverityOverrides | None = None  # type: ignore[valid-type]


class ThresholdsState(BaseModel):
    values: dict[str, Any]
    updated_at: datetime | None = None
    updated_by: str | None = None


ActionKind = Literal["screenshot", "logs", "restart_ui", "reboot", "selftest"]
ActionState = Literal["queued", "delivered", "waiting", "done", "failed", "timed_out"]
# What the action report can carry within the body limit (bounds.MAX_BODY_BYTES, 2 MiB),
# with room for the rest of the report: base64 of a PNG up to about 1.5 MB. It used to
# promise 8 MiB, which the body limit refused (413) and the kiosk retried forever.
MAX_SCREENSHOT_B64 = MAX_BODY_BYTES - 64 * 1024


class ActionRequest(Strict):
    kind: ActionKind
    # The kiosk must answer within this; past it the action shows "timed out".
    timeout_s: Annotated[int, Field(ge=30, le=86400)] = 600


class ActionOrder(BaseModel):
    """An action for the kiosk, in its heartbeat answer (until it reports it finished)."""

    id: int
    kind: ActionKind
    deadline_at: datetime


class ActionReport(Strict):
    """What the kiosk says about an action: waiting (and why), done or failed."""

    state: Literal["waiting", "done", "failed"]
    message: Short = ""
    output: Annotated[str, Field(max_length=65_536)] | None = None  # masked log lines, etc.
    screenshot_png_base64: Annotated[str, Field(max_length=MAX_SCREENSHOT_B64)] | None = None


class Action(BaseModel):
    id: int
    kiosk_id: str
    kind: ActionKind
    requested_by: str
    requested_at: datetime
    deadline_at: datetime
    state: ActionState
    message: str
    updated_at: datetime
    output: str | None
    has_screenshot: bool


HeartbeatAnswer.model_rebuild()  # its ActionOrder is defined below it
