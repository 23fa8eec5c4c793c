"""Texts of the sealed certificate printed at the kiosk (FR, NL, EN): the "print it here"
delivery choice, the printer's reasons, printing, "take your document" and what happens
to the money when it could not be printed. Merged into the one catalog by kiosk.i18n."""

from __future__ import annotations

from collections.abc import Mapping

# French punctuation takes a no-break space (\u00a0) before "?" and ";": never alone on a
# line of its own.
DOCUMENT_MESSAGES: Mapping[str, tuple[str, str, str]] = {
    "delivery.kiosk": ("Imprimé ici, maintenant", "Hier afgedrukt, nu", "Printed here, now"),
    "delivery.kiosk.hint": ("Document scellé sur papier A4, valable tout de suite",
                            "Verzegeld document op A4-papier, meteen geldig",
                            "Sealed document on A4 paper, valid at once"),
    "delivery.checking": ("Vérification de l'imprimante…", "De printer wordt nagekeken…",
                          "Checking the printer…"),
    # {why}: one of the a4.* reasons below.
    "delivery.kiosk.unavailable": (
        "Impression ici impossible pour l'instant ({why}). Choisissez le portail ou la "
        "poste avant de payer.",
        "Hier afdrukken kan nu niet ({why}). Kies het portaal of de post voor u betaalt.",
        "Printing here is not possible right now ({why}). Choose the portal or the post "
        "before you pay."),
    "a4.media-empty": ("plus de papier", "geen papier meer", "out of paper"),
    "a4.media-jam": ("papier coincé", "papier vastgelopen", "paper jam"),
    "a4.door-open": ("capot ouvert", "klep open", "cover open"),
    "a4.toner-empty": ("plus d'encre", "geen toner meer", "out of toner"),
    "a4.offline": ("imprimante hors service", "printer buiten dienst",
                   "printer out of order"),
    "a4.other": ("imprimante indisponible", "printer niet beschikbaar",
                 "printer not available"),
    "pay.delivery.title": ("Comment recevoir votre document\u00a0?",
                           "Hoe wilt u uw document ontvangen?",
                           "How would you like your document?"),
    "pay.choose_delivery": ("Choisissez d'abord comment recevoir votre document.",
                            "Kies eerst hoe u uw document wilt ontvangen.",
                            "First choose how you would like your document."),
    "document.printing": ("Impression de votre document… Ne partez pas.",
                          "Uw document wordt afgedrukt… Ga nog niet weg.",
                          "Printing your document… Please wait."),
    "document.take.one": ("Prenez votre document (1 page) dans le bac A4.",
                          "Neem uw document (1 pagina) uit de A4-lade.",
                          "Take your document (1 page) from the A4 tray."),
    # {pages}: how many A4 pages came out.
    "document.take.many": ("Prenez votre document ({pages} pages) dans le bac A4.",
                           "Neem uw document ({pages} pagina's) uit de A4-lade.",
                           "Take your document ({pages} pages) from the A4 tray."),
    "document.sealed": (
        "Il porte le cachet électronique de la Ville : le code QR permet de le vérifier.",
        "Het draagt de elektronische zegel van de Stad: met de QR-code kan men het nakijken.",
        "It carries the City's electronic seal: its QR code lets anyone check it."),
    "document.owed.title": ("Votre document n'a pas pu être imprimé ici.",
                            "Uw document kon hier niet afgedrukt worden.",
                            "Your document could not be printed here."),
    # {amount}: what was paid, {reference}: the request's reference.
    "document.owed.paid": (
        "Votre paiement de {amount} est enregistré et ne sera pas demandé une seconde fois. "
        "Votre document sera sur le portail de la Ville (référence {reference})\u00a0; un agent "
        "peut aussi le réimprimer au guichet sans frais.",
        "Uw betaling van {amount} is geregistreerd en wordt geen tweede keer gevraagd. Uw "
        "document komt op het portaal van de Stad (referentie {reference}); een medewerker "
        "kan het ook kosteloos opnieuw afdrukken aan het loket.",
        "Your payment of {amount} is recorded and will not be asked again. Your document "
        "will be on the City's portal (reference {reference}); staff can also reprint it "
        "free of charge at the counter."),
    "document.owed.free": (
        "Votre document sera sur le portail de la Ville (référence {reference})\u00a0; un agent "
        "peut aussi l'imprimer au guichet.",
        "Uw document komt op het portaal van de Stad (referentie {reference}); een "
        "medewerker kan het ook afdrukken aan het loket.",
        "Your document will be on the City's portal (reference {reference}); staff can "
        "also print it at the counter."),
}
