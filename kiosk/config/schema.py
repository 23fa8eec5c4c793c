"""The configuration's shape: every section, key, type and default.

msgspec Structs: strict types (no "60" for 60), unknown keys refused, and an import
cheap enough for the kiosk's start-up budget. Device URIs are checked against the
device registry by the loader, which has the registry.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from kiosk.config.opening_hours import PERIOD_PATTERN

Language = Literal["fr", "nl", "en"]
ScreenPixels = Annotated[int, msgspec.Meta(ge=320, le=7680)]
ServiceId = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
TextKey = Literal["attract.title", "attract.offer", "attract.touch"]
TextValue = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]


class Section(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    pass


class KioskSection(Section):
    id: Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")] = (
        "demo-kiosk-01")
    site: Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")] = "bxl-centre"
    site_name: Annotated[str, msgspec.Meta(min_length=1)] = "Brussels City Hall"
    mode: Literal["citizen", "library"] = "citizen"
    languages: Annotated[tuple[Language, ...], msgspec.Meta(min_length=1)] = ("fr", "nl", "en")
    default_language: Language = "fr"
    # Printed as a QR code on request confirmations; {reference} is filled in.
    follow_url_template: Annotated[str, msgspec.Meta(pattern=r"^https://.*\{reference\}")] = (
        "https://services.brussels.example/follow/{reference}")
    # Catalog service ids this kiosk offers (remote config may set it); empty: all of
    # them. Ids are checked against the catalog when a remote value arrives.
    enabled_services: tuple[ServiceId, ...] = ()
    # Attract-screen text overrides per key and language (central IT's own wording);
    # a key or language left out keeps the built-in text.
    texts: dict[TextKey, dict[Language, TextValue]] = msgspec.field(default_factory=dict)


class JourneySection(Section):
    inactivity_timeout_s: Annotated[int, msgspec.Meta(ge=5, le=600)] = 60
    done_timeout_s: Annotated[int, msgspec.Meta(ge=3, le=120)] = 15
    # Seconds before the inactivity reset at which the countdown warning appears.
    warning_s: Annotated[int, msgspec.Meta(ge=5, le=120)] = 15


class StoreSection(Section):
    path: Annotated[str, msgspec.Meta(min_length=1)] = "/var/lib/kiosk/kiosk.db"
    # The device key personal data is encrypted with (32 bytes, mode 0600, created on
    # first open; kiosk/store/crypto.py). Empty: store.key beside the database.
    key_path: str = ""
    # A payload field its service does not declare (kiosk/domain/personal_data.py)
    # raises instead of being dropped with a warning: for tests and development.
    strict_minimisation: bool = False


class BackendSection(Section):
    url: Annotated[str, msgspec.Meta(pattern=r"^https?://")] = "http://127.0.0.1:8700"
    # This kiosk's device credential (kb1.<id>.<secret>), issued at enrolment.
    credential_path: Annotated[str, msgspec.Meta(min_length=1)] = (
        "/etc/kiosk/device-credential")
    timeout_s: Annotated[float, msgspec.Meta(ge=0.5, le=120)] = 10.0
    # TLS (kiosk/config/transport.py: http:// only to 127.0.0.1, ::1 or localhost).
    # PEM CA bundle the backend's certificate must chain to; empty: the system's store.
    ca_file: str = ""
    # This kiosk's client certificate and its key (PEM), for mutual TLS: both or neither.
    client_cert: Annotated[str, msgspec.Meta(min_length=1)] | None = None
    client_key: Annotated[str, msgspec.Meta(min_length=1)] | None = None


class PaymentsSection(Section):
    # How long the card terminal may take for one payment (PIN entry included).
    authorise_timeout_s: Annotated[float, msgspec.Meta(ge=30, le=600)] = 200.0
    # A cash payment with nothing inserted for this long gives back what was inserted.
    cash_idle_timeout_s: Annotated[float, msgspec.Meta(ge=15, le=600)] = 120.0
    # The longest a payout (change, refund) may take.
    cash_payout_timeout_s: Annotated[float, msgspec.Meta(ge=10, le=600)] = 90.0
    # The nexo card terminal's API key, in a file readable by the kiosk's user only
    # (KIOSK_NEXO_API_KEY wins over it). Never in the device URI.
    nexo_api_key_file: str | None = None


class SyncSection(Section):
    batch_size: Annotated[int, msgspec.Meta(ge=1, le=500)] = 200
    # Idle pause between outbox polls when everything is delivered.
    interval_s: Annotated[float, msgspec.Meta(ge=0.05, le=600)] = 2.0
    # Backoff after a failure: base doubling per failure, capped, with full jitter.
    backoff_base_s: Annotated[float, msgspec.Meta(ge=0.01, le=60)] = 1.0
    backoff_max_s: Annotated[float, msgspec.Meta(ge=0.1, le=3600)] = 60.0
    reference_interval_s: Annotated[float, msgspec.Meta(ge=1, le=86400)] = 300.0
    # How often `kiosk sync run` reports this kiosk's state to the fleet view.
    heartbeat_interval_s: Annotated[float, msgspec.Meta(ge=1, le=3600)] = 30.0


class DevicesSection(Section):
    """Device URIs; a device left out is absent from this kiosk."""

    eid_reader: str | None = None
    printer: str | None = None
    card_terminal: str | None = None
    cash: str | None = None
    camera: str | None = None
    # The A4 printer for sealed certificates: ipp://host:631/ipp/print or ipps://…
    document_printer: str | None = None


class PrinterSection(Section):
    # How often the printer's live status (paper, cover) is read between jobs.
    status_interval_s: Annotated[float, msgspec.Meta(ge=1, le=600)] = 10.0


class UiSection(Section):
    width: ScreenPixels = 1080
    height: ScreenPixels = 1920
    fullscreen: bool = True
    # The touch screen's pixel density: touch targets are checked against 2 cm with it
    # (a 21.5" 1080x1920 portrait screen is ~102.5 dpi).
    screen_dpi: Annotated[float, msgspec.Meta(ge=40, le=600)] = 102.5
    # Technician mode's PIN as `kiosk config hash-pin` prints it; empty: no PIN mode.
    technician_pin_hash: Annotated[str, msgspec.Meta(
        pattern=r"^(scrypt\$[0-9]+\$[0-9]+\$[0-9]+\$[0-9a-f]+\$[0-9a-f]+)?$")] = ""
    # Technicians' own eID cards, as `kiosk config hash-card` prints them (a salted
    # scrypt of the CARD number, never the number itself); a listed card opens
    # technician mode, any other card is a citizen's. Exit to the desktop needs the PIN.
    technician_card_hashes: tuple[
        Annotated[str, msgspec.Meta(
            pattern=r"^scrypt\$[0-9]+\$[0-9]+\$[0-9]+\$[0-9a-f]+\$[0-9a-f]+$")], ...
    ] = ()
    # Spoken guidance (espeak-ng) offered behind a button; hidden when it is missing.
    speech_command: Annotated[str, msgspec.Meta(min_length=1)] = "espeak-ng"
    # The headphone jack's switch (drivers/audio/jack.py): the non-visual mode speaks a
    # citizen's personal data only while headphones are plugged in.
    headphone_jack: Annotated[str, msgspec.Meta(
        pattern=r"^(evdev://auto|evdev:///dev/input/[A-Za-z0-9_.-]+|fixed://(un)?plugged)$",
    )] = "evdev://auto"
    # The headphone jack's own sound device when it has one (a USB audio keypad's jack:
    # espeak-ng -d, e.g. "plughw:CARD=Keypad"); "": the default device, whose codec
    # moves the sound from the loudspeaker to the headphones itself (auto-mute).
    headphones_audio_device: Annotated[str, msgspec.Meta(
        pattern=r"^[A-Za-z0-9_.,:=-]*$", max_length=120)] = ""
    # The attract screen's audio loop telling how to start the non-visual mode, every
    # this many seconds (0: never, e.g. a site that must stay quiet).
    voice_announce_s: Annotated[int, msgspec.Meta(ge=0, le=3600)] = 45


class UpdatesSection(Section):
    """Software updates (kiosk/updates): signed bundles, side-by-side releases, health gate."""

    # Ed25519 public key (hex, 64 characters) that release bundles must be signed with;
    # empty: this kiosk accepts no update at all.
    public_key: Annotated[str, msgspec.Meta(pattern=r"^([0-9a-f]{64})?$")] = ""
    releases_dir: Annotated[str, msgspec.Meta(min_length=1)] = "/opt/kiosk/releases"
    # The `current` symlink the units start from (next to the releases).
    current_link: Annotated[str, msgspec.Meta(min_length=1)] = "/opt/kiosk/current"
    state_dir: Annotated[str, msgspec.Meta(min_length=1)] = "/var/lib/kiosk/updates"
    # The switch waits for this much idle time (no session, no payment) ...
    idle_s: Annotated[float, msgspec.Meta(ge=0, le=3600)] = 120.0
    # ... for at most this long, then takes the next idle moment,
    max_idle_wait_s: Annotated[float, msgspec.Meta(ge=0, le=86400)] = 3600.0
    # and gives up (the update stays pending) after this long.
    give_up_after_s: Annotated[float, msgspec.Meta(ge=1, le=7 * 86400)] = 86400.0
    # After the switch: attract screen + selftest + heartbeat within this time.
    health_timeout_s: Annotated[float, msgspec.Meta(ge=1, le=3600)] = 300.0
    # This many starts of a release without it becoming healthy: a crash loop.
    max_boots: Annotated[int, msgspec.Meta(ge=1, le=100)] = 3
    # Commands ({current} is the current release's directory after the switch).
    restart_command: tuple[str, ...] = (
        "systemctl", "restart", "kiosk-ui.service", "kiosk-sync.service")
    selftest_command: tuple[str, ...] = (
        "{current}/venv/bin/kiosk", "provision", "selftest", "--json")
    # How often `kiosk sync run` asks the backend which version this kiosk should run.
    check_interval_s: Annotated[float, msgspec.Meta(ge=10, le=86400)] = 600.0


Coil = Annotated[int, msgspec.Meta(ge=0, le=0xFFFF)]
HoursLine = Annotated[str, msgspec.Meta(pattern=PERIOD_PATTERN)]
IsoDate = Annotated[str, msgspec.Meta(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]


class LibraryAccessSection(Section):
    """Open+ ([library.access]): the door reader, the relay/IO controller and its wiring."""

    # The relay/IO controller (modbus+tcp://host:502?unit=1); none: no Open+ here.
    controller: str | None = None
    # Zero-based Modbus addresses as wired: coils (outputs) and the door contact input.
    door_coil: Coil = 0
    lights_coil: Coil = 1
    pcs_coil: Coil = 2
    alarm_coil: Coil = 3
    door_contact_input: Coil = 0
    # The contact input reads 1 when the door is closed (normally-closed wiring); false
    # for a contact that reads 1 when open.
    contact_closed_is_on: bool = True
    # How long a granted entry unlocks the door.
    door_open_s: Annotated[float, msgspec.Meta(ge=1, le=60)] = 5.0
    # Door open longer than this after a pulse: "door held open" alert.
    held_open_alert_s: Annotated[float, msgspec.Meta(ge=5, le=3600)] = 30.0
    # Unaccompanied patrons younger than this are refused in self-service hours (when
    # the age is known: an eID at the door); 0: no age rule.
    min_age_self_service: Annotated[int, msgspec.Meta(ge=0, le=21)] = 0
    # Offline (library system down): the allow-list of hashed patron tokens is trusted
    # while younger than this.
    allow_list_max_age_h: Annotated[float, msgspec.Meta(ge=0, le=24 * 30)] = 24.0
    # The entry journal and allow-list (SQLite), beside the kiosk store.
    journal_path: Annotated[str, msgspec.Meta(min_length=1)] = "/var/lib/kiosk/library-access.db"
    # At closing, lights go off this long after the PCs (patrons find the way out).
    lights_grace_s: Annotated[float, msgspec.Meta(ge=0, le=3600)] = 300.0
    # Minutes before closing at which the announcement is spoken and the banner shown.
    announce_before_min: tuple[Annotated[int, msgspec.Meta(ge=1, le=120)], ...] = (15, 5)


class LibraryScheduleSection(Section):
    """Staffed / self-service / closed hours of this library ([library.schedule]).

    Each weekday lists ``"HH:MM-HH:MM staffed"`` or ``"HH:MM-HH:MM self-service"``
    lines; any other time is closed. ``exceptions`` replaces a date's lines (a holiday:
    an empty list). Remote config may set this table.
    """

    timezone: Annotated[str, msgspec.Meta(min_length=1)] = "Europe/Brussels"
    monday: tuple[HoursLine, ...] = ()
    tuesday: tuple[HoursLine, ...] = ()
    wednesday: tuple[HoursLine, ...] = ()
    thursday: tuple[HoursLine, ...] = ()
    friday: tuple[HoursLine, ...] = ()
    saturday: tuple[HoursLine, ...] = ()
    sunday: tuple[HoursLine, ...] = ()
    exceptions: dict[IsoDate, tuple[HoursLine, ...]] = msgspec.field(default_factory=dict)


class LibrarySection(Section):
    """Library mode: the library system's SIP2 server and the offline limits."""

    # host:port of the library system's SIP2 server (the embedded one in the demo).
    sip2_address: Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9.\-\[\]:]+:[0-9]{1,5}$")] = (
        "127.0.0.1:6001")
    tls: bool = False
    login_user: str = "kiosk"
    login_password: str = "kiosk"  # never logged
    institution_id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)] = "BXL"
    location: Annotated[str, msgspec.Meta(max_length=64)] = "bxl-centre"
    connect_timeout_s: Annotated[float, msgspec.Meta(ge=0.1, le=60)] = 5.0
    read_timeout_s: Annotated[float, msgspec.Meta(ge=0.1, le=120)] = 10.0
    # "auto": what the library system announces in its ACS status, cp850 until then.
    charset: Annotated[str, msgspec.Meta(min_length=1, max_length=32)] = "auto"
    # Shared with the library system: the eID -> patron token key (kiosk/library/eid.py).
    eid_link_key: Annotated[str, msgspec.Meta(min_length=8)] = "demo-library-eid-link-key"
    # Offline (library system down): only patrons identified online this recently,
    max_offline_patron_age_days: Annotated[int, msgspec.Meta(ge=0, le=365)] = 30
    # at most this many offline loans per patron until the replay,
    max_offline_items_per_patron: Annotated[int, msgspec.Meta(ge=0, le=50)] = 3
    # at most this many offline transactions waiting for the replay in all,
    max_offline_transactions: Annotated[int, msgspec.Meta(ge=0, le=100000)] = 2000
    # and this provisional loan period printed on the slip.
    offline_loan_days: Annotated[int, msgspec.Meta(ge=1, le=90)] = 21
    # How often the kiosk retries the library system and replays when offline.
    replay_interval_s: Annotated[float, msgspec.Meta(ge=1, le=3600)] = 30.0
    # The embedded library system (`kiosk library serve`) listens on 127.0.0.1 here.
    embedded_port: Annotated[int, msgspec.Meta(ge=1, le=65535)] = 6001
    access: LibraryAccessSection = LibraryAccessSection()
    schedule: LibraryScheduleSection = LibraryScheduleSection()


class CountingSection(Section):
    """Visitor counting at a library entrance (kiosk/counting): counts only, no image."""

    # The overhead camera: v4l2:///dev/video0 or rtsp://…; none: no counting here.
    source: Annotated[str, msgspec.Meta(pattern=r"^(v4l2:///|rtsp://)")] | None = None
    # The counting line, as a fraction of the frame height, and which way is "in".
    line_y: Annotated[float, msgspec.Meta(ge=0.05, le=0.95)] = 0.5
    in_direction: Literal["down", "up"] = "down"
    # A person's shoulder width seen from the camera, as a fraction of the frame width.
    person_width: Annotated[float, msgspec.Meta(ge=0.02, le=0.5)] = 0.09
    # Counts are committed to the outbox per period of this many minutes.
    period_min: Literal[5, 10, 15, 30, 60] = 15


class PrivacySection(Section):
    # Days personal data stays in the store once synced (then kiosk store purge drops it;
    # dead letters keep only ids, kind and reason after as long).
    retention_days: Annotated[int, msgspec.Meta(ge=1, le=365)] = 7


class EidSection(Section):
    """eID trust at the kiosk while offline (common/eid/trust.py): the roots, the citizen
    CAs' CRLs kept on disk, and what a stale one means. Their age is shown on the
    technician screen."""

    # PEM of the roots a card must chain to offline; none: the Belgian eID roots shipped
    # with the software (the backend checks cards online against its own).
    roots: Annotated[str, msgspec.Meta(min_length=1)] | None = None
    # The cached CRLs of the citizen CAs: a PEM bundle, one CRL per CA (several CAs sign the
    # cards in use; a card whose CA has none here is refused), or one DER CRL; none: no
    # offline revocation check.
    crl: Annotated[str, msgspec.Meta(min_length=1)] | None = None
    # A CRL past its next update: refuse the card, or accept it (technicians see its age).
    stale_crl: Literal["refuse", "accept"] = "refuse"


class Config(Section):
    kiosk: KioskSection = KioskSection()
    journey: JourneySection = JourneySection()
    store: StoreSection = StoreSection()
    backend: BackendSection = BackendSection()
    sync: SyncSection = SyncSection()
    devices: DevicesSection = DevicesSection()
    printer: PrinterSection = PrinterSection()
    payments: PaymentsSection = PaymentsSection()
    ui: UiSection = UiSection()
    library: LibrarySection = LibrarySection()
    updates: UpdatesSection = UpdatesSection()
    privacy: PrivacySection = PrivacySection()
    counting: CountingSection = CountingSection()
    eid: EidSection = EidSection()


SECTIONS: dict[str, type[Section]] = {
    "kiosk": KioskSection,
    "journey": JourneySection,
    "store": StoreSection,
    "backend": BackendSection,
    "sync": SyncSection,
    "devices": DevicesSection,
    "printer": PrinterSection,
    "payments": PaymentsSection,
    "ui": UiSection,
    "library": LibrarySection,
    "updates": UpdatesSection,
    "privacy": PrivacySection,
    "counting": CountingSection,
    "eid": EidSection,
}
