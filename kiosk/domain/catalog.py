"""The city's service catalog as the kiosk offers it, with demo data in FR, NL and EN."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class ServiceKind(StrEnum):
    """What a service is; the journey's steps and the handler that fulfils it follow
    from it. A StrEnum: stored and sent as its value ("certificate", …)."""

    CERTIFICATE = "certificate"
    APPOINTMENT = "appointment"
    QUEUE_TICKET = "queue_ticket"
    CASE_FOLLOWUP = "case_followup"
    LETTER_PAYMENT = "letter_payment"

LANGUAGES: tuple[str, ...] = ("fr", "nl", "en")


@dataclass(frozen=True)
class Texts:
    fr: str
    nl: str
    en: str

    def get(self, language: str) -> str:
        return getattr(self, language) if language in LANGUAGES else self.en


@dataclass(frozen=True)
class Service:
    id: str
    kind: ServiceKind
    name: Texts
    description: Texts
    fee_cents: int
    needs_eid: bool
    works_offline: bool
    # A certificate the register answers at once: the backend issues the sealed PDF
    # while the citizen waits, so the kiosk may offer "printed here" (the others go by
    # portal or post). Reference data from an older platform lacks it: not offered.
    issued_at_once: bool = False

    def __post_init__(self) -> None:
        try:  # a kind read from reference data arrives as its string value
            object.__setattr__(self, "kind", ServiceKind(self.kind))
        except ValueError:
            known = ", ".join(kind.value for kind in ServiceKind)
            raise ValueError(
                f"service {self.id!r}: unknown kind {self.kind!r} (known: {known})"
            ) from None


@dataclass(frozen=True)
class Desk:
    """A counter at the site that hands out queue tickets; ``prefix`` starts the number."""

    id: str
    prefix: str
    name: Texts


@dataclass(frozen=True)
class Catalog:
    services: tuple[Service, ...]
    desks: tuple[Desk, ...] = field(default=())

    def __post_init__(self) -> None:
        _unique("service", (s.id for s in self.services))
        _unique("desk", (d.id for d in self.desks))
        _unique("desk prefix", (d.prefix for d in self.desks))

    def service(self, service_id: str) -> Service:
        for service in self.services:
            if service.id == service_id:
                return service
        raise KeyError(f"no service {service_id!r} in the catalog")

    def desk(self, desk_id: str) -> Desk:
        for desk in self.desks:
            if desk.id == desk_id:
                return desk
        raise KeyError(f"no desk {desk_id!r} in the catalog")


def unknown_services(catalog: Catalog, service_ids: Iterable[str]) -> list[str]:
    """The ids in ``service_ids`` that ``catalog`` has no service for (config checks)."""
    known = {s.id for s in catalog.services}
    return [i for i in service_ids if i not in known]


def issued_at_once(catalog: Catalog, service_id: str) -> bool:
    """Whether ``service_id`` is a certificate issued while the citizen waits (False for
    a service the catalog does not know)."""
    try:
        return catalog.service(service_id).issued_at_once
    except KeyError:
        return False


def _unique(what: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"{what} {item!r} appears twice in the catalog")
        seen.add(item)


def demo_catalog() -> Catalog:
    """The services of the City of Brussels' antennas, as shown in demos and tests."""
    return Catalog(
        services=(
            Service("queue-ticket", ServiceKind.QUEUE_TICKET,
                    Texts("Ticket de file d'attente", "Wachtrijticket", "Queue ticket"),
                    Texts("Pour être appelé à un guichet", "Om aan een loket te worden opgeroepen",
                          "To be called to a counter"),
                    fee_cents=0, needs_eid=False, works_offline=True),
            Service("cert-residence", ServiceKind.CERTIFICATE,
                    Texts("Certificat de résidence", "Bewijs van woonst",
                          "Certificate of residence"),
                    Texts("Avec historique d'adresses si demandé",
                          "Met adreshistoriek indien gevraagd",
                          "With address history on request"),
                    fee_cents=300, needs_eid=True, works_offline=True,
                    issued_at_once=True),
            Service("cert-household", ServiceKind.CERTIFICATE,
                    Texts("Composition de ménage", "Samenstelling van het gezin",
                          "Household composition"),
                    Texts("Les personnes inscrites à votre adresse",
                          "De personen ingeschreven op uw adres",
                          "The people registered at your address"),
                    fee_cents=300, needs_eid=True, works_offline=True,
                    issued_at_once=True),
            Service("cert-birth", ServiceKind.CERTIFICATE,
                    Texts("Extrait d'acte de naissance", "Uittreksel uit de geboorteakte",
                          "Birth certificate extract"),
                    Texts("Pour une naissance enregistrée à Bruxelles",
                          "Voor een geboorte geregistreerd in Brussel",
                          "For a birth registered in Brussels"),
                    fee_cents=0, needs_eid=True, works_offline=True,
                    issued_at_once=True),
            Service("cert-nationality", ServiceKind.CERTIFICATE,
                    Texts("Certificat de nationalité belge", "Bewijs van Belgische nationaliteit",
                          "Certificate of Belgian nationality"),
                    Texts("Atteste votre nationalité belge",
                          "Bevestigt uw Belgische nationaliteit",
                          "Confirms your Belgian nationality"),
                    fee_cents=300, needs_eid=True, works_offline=True,
                    issued_at_once=True),
            Service("cert-life", ServiceKind.CERTIFICATE,
                    Texts("Certificat de vie", "Levensbewijs", "Life certificate"),
                    Texts("Souvent demandé par les caisses de pension",
                          "Vaak gevraagd door pensioenkassen",
                          "Often asked for by pension funds"),
                    fee_cents=0, needs_eid=True, works_offline=True,
                    issued_at_once=True),
            Service("appt-id-card", ServiceKind.APPOINTMENT,
                    Texts("Rendez-vous carte d'identité", "Afspraak identiteitskaart",
                          "Appointment: identity card"),
                    Texts("Nouvelle carte, renouvellement ou perte",
                          "Nieuwe kaart, vernieuwing of verlies",
                          "New card, renewal or loss"),
                    fee_cents=0, needs_eid=True, works_offline=False),
            Service("appt-passport", ServiceKind.APPOINTMENT,
                    Texts("Rendez-vous passeport", "Afspraak paspoort", "Appointment: passport"),
                    Texts("Demande ou renouvellement de passeport",
                          "Aanvraag of vernieuwing van een paspoort",
                          "Apply for or renew a passport"),
                    fee_cents=0, needs_eid=True, works_offline=False),
            Service("case-followup", ServiceKind.CASE_FOLLOWUP,
                    Texts("Suivre mon dossier", "Mijn dossier opvolgen", "Follow my case"),
                    Texts("Où en est votre demande ?", "Hoe staat het met uw aanvraag?",
                          "Where is your request?"),
                    fee_cents=0, needs_eid=True, works_offline=False),
            # The amount comes from the letter's QR code, hence no fixed fee.
            Service("letter-payment", ServiceKind.LETTER_PAYMENT,
                    Texts("Payer un courrier de la Ville", "Een brief van de Stad betalen",
                          "Pay a letter from the City"),
                    Texts("Scannez le code QR du courrier", "Scan de QR-code op de brief",
                          "Scan the QR code on the letter"),
                    fee_cents=0, needs_eid=False, works_offline=True),
        ),
        desks=(
            Desk("population", "P", Texts("Population", "Bevolking", "Population")),
            Desk("civil-status", "C", Texts("État civil", "Burgerlijke stand", "Civil status")),
            Desk("foreigners", "F", Texts("Étrangers", "Vreemdelingen", "Foreigners")),
            Desk("social", "S", Texts("Affaires sociales", "Sociale zaken", "Social affairs")),
        ),
    )
