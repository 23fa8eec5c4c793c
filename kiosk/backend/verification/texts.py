"""The verification page's words in French, Dutch and English."""

from __future__ import annotations

LANGUAGES = ("fr", "nl", "en")

TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Vérifier un document de la Ville de Bruxelles",
        "kind": "Document", "reference": "Référence", "issued": "Délivré le",
        "valid_until": "Valable jusqu'au", "sealed": "Scellé électroniquement",
        "yes": "oui", "no": "non",
        "genuine": "Document authentique, délivré par la Ville de Bruxelles.",
        "revoked": "Ce document a été révoqué : il n'est plus valable.",
        "expired": "Document authentique, mais sa validité a expiré.",
        "unknown": "Aucun document de la Ville ne porte cet identifiant.",
        "upload": "Vérifier le sceau d'un fichier PDF",
        "upload_button": "Vérifier",
        "file_ok": "Le sceau de ce fichier est intact et il s'agit d'un document délivré "
                   "par la Ville.",
        "file_bad": "Ce fichier n'est pas un document authentique de la Ville",
        "file_not_issued": "Le sceau est intact, mais la Ville n'a pas délivré ce fichier.",
        "privacy": "Cette page ne montre jamais les données personnelles du document.",
    },
    "nl": {
        "title": "Een document van de Stad Brussel controleren",
        "kind": "Document", "reference": "Referentie", "issued": "Afgeleverd op",
        "valid_until": "Geldig tot", "sealed": "Elektronisch verzegeld",
        "yes": "ja", "no": "nee",
        "genuine": "Echt document, afgeleverd door de Stad Brussel.",
        "revoked": "Dit document is ingetrokken: het is niet meer geldig.",
        "expired": "Echt document, maar de geldigheid is verlopen.",
        "unknown": "Geen enkel document van de Stad draagt deze identificatie.",
        "upload": "De zegel van een PDF-bestand controleren",
        "upload_button": "Controleren",
        "file_ok": "De zegel van dit bestand is intact en het is een document afgeleverd door "
                   "de Stad.",
        "file_bad": "Dit bestand is geen echt document van de Stad",
        "file_not_issued": "De zegel is intact, maar de Stad heeft dit bestand niet "
                           "afgeleverd.",
        "privacy": "Deze pagina toont nooit de persoonsgegevens van het document.",
    },
    "en": {
        "title": "Check a City of Brussels document",
        "kind": "Document", "reference": "Reference", "issued": "Issued on",
        "valid_until": "Valid until", "sealed": "Sealed electronically",
        "yes": "yes", "no": "no",
        "genuine": "Genuine document, issued by the City of Brussels.",
        "revoked": "This document has been revoked: it is no longer valid.",
        "expired": "Genuine document, but its validity has expired.",
        "unknown": "No document of the City has this identifier.",
        "upload": "Check the seal of a PDF file",
        "upload_button": "Check",
        "file_ok": "The seal of this file is intact and it is a document issued by the City.",
        "file_bad": "This file is not a genuine document of the City",
        "file_not_issued": "The seal is intact, but the City did not issue this file.",
        "privacy": "This page never shows the document's personal data.",
    },
}


def language(requested: str | None, accept_language: str | None) -> str:
    """``?lang=`` if it is one of ours, else the first of ours in Accept-Language, else fr."""
    if requested in LANGUAGES:
        return requested
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return "fr"
