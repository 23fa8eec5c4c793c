"""One translation catalog for the screens and the receipts, in FR, NL and EN."""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.domain.catalog import LANGUAGES

# key → (fr, nl, en)
MESSAGES: Mapping[str, tuple[str, str, str]] = {
    "city": ("Ville de Bruxelles", "Stad Brussel", "City of Brussels"),
    "attract.title": ("Bienvenue", "Welkom", "Welcome"),
    "attract.touch": ("Touchez l'écran pour commencer", "Raak het scherm aan om te beginnen",
                      "Touch the screen to start"),
    "attract.offer": ("Certificats · Rendez-vous · Tickets · Suivi de dossier",
                      "Attesten · Afspraken · Tickets · Dossier opvolgen",
                      "Certificates · Appointments · Tickets · Case follow-up"),
    "language.title": ("Choisissez votre langue", "Kies uw taal", "Choose your language"),
    "identify.title": ("Insérez votre carte d'identité", "Steek uw identiteitskaart in",
                       "Insert your identity card"),
    "identify.hint": ("Puce vers le haut, dans le lecteur à droite",
                      "Chip naar boven, in de lezer rechts",
                      "Chip facing up, into the reader on the right"),
    "identify.reading": ("Lecture de votre carte…", "Uw kaart wordt gelezen…",
                         "Reading your card…"),
    "identify.unreadable": ("Votre carte n'a pas pu être lue. Retirez-la et réessayez.",
                            "Uw kaart kon niet gelezen worden. Neem ze uit en probeer opnieuw.",
                            "Your card could not be read. Take it out and try again."),
    "identify.not_genuine": ("Cette carte n'a pas pu être vérifiée. Adressez-vous au guichet.",
                             "Deze kaart kon niet geverifieerd worden. Ga naar het loket.",
                             "This card could not be verified. Please ask at the counter."),
    "services.hello": ("Bonjour", "Hallo", "Hello"),
    "identify.skip": ("Continuer sans carte", "Doorgaan zonder kaart", "Continue without a card"),
    "services.title": ("Que souhaitez-vous faire ?", "Wat wilt u doen?",
                       "What would you like to do?"),
    "services.free": ("Gratuit", "Gratis", "Free"),
    "reason.needs_eid": ("Nécessite votre carte d'identité", "Vereist uw identiteitskaart",
                         "Needs your identity card"),
    "reason.not_available_yet": ("Pas encore disponible sur cette borne",
                                 "Nog niet beschikbaar op deze zuil",
                                 "Not yet available at this kiosk"),
    "reason.no_paper": ("Plus de papier pour le reçu : paiement impossible pour l'instant",
                        "Geen papier voor het betalingsbewijs: betalen kan nu niet",
                        "Out of receipt paper: payment is not possible right now"),
    "reason.printer_unavailable": ("Imprimante hors service : paiement impossible pour l'instant",
                                   "Printer buiten dienst: betalen kan nu niet",
                                   "Printer out of order: payment is not possible right now"),
    "reason.payment_unavailable": ("Paiement indisponible sur cette borne pour l'instant",
                                   "Betalen kan nu niet aan deze zuil",
                                   "Payment is not available at this kiosk right now"),
    "details.confirm.title": ("Vos données", "Uw gegevens", "Your details"),
    "details.confirm.hint": ("Lues sur votre carte. Comment recevoir votre document ?",
                             "Gelezen van uw kaart. Hoe wilt u uw document ontvangen?",
                             "Read from your card. How would you like your document?"),
    "delivery.portal": ("Sur le portail de la Ville", "Via het portaal van de Stad",
                        "On the City's portal"),
    "delivery.portal.hint": ("Confirmation imprimée maintenant, document en ligne",
                             "Bevestiging nu afgedrukt, document online",
                             "Confirmation printed now, document online"),
    "delivery.post": ("Par la poste", "Per post", "By post"),
    "delivery.post.hint": ("À l'adresse de votre carte", "Naar het adres op uw kaart",
                           "To the address on your card"),
    "done.request_title": ("Demande enregistrée", "Aanvraag geregistreerd", "Request recorded"),
    "done.take_confirmation": ("Prenez votre confirmation ci-dessous.",
                               "Neem uw bevestiging hieronder.",
                               "Please take your confirmation below."),
    "done.confirmation_failed": (
        "La confirmation n'a pas pu être imprimée. Notez votre référence.",
        "De bevestiging kon niet worden afgedrukt. Noteer uw referentie.",
        "The confirmation could not be printed. Please note your reference."),
    "pay.title": ("À payer", "Te betalen", "To pay"),
    "pay.card": ("Payer par carte", "Betalen met kaart", "Pay by card"),
    "pay.card.hint": ("Bancontact, Maestro, Visa, Mastercard",
                      "Bancontact, Maestro, Visa, Mastercard",
                      "Bancontact, Maestro, Visa, Mastercard"),
    "pay.cash": ("Payer en espèces", "Contant betalen", "Pay cash"),
    "pay.cash.hint": ("Billets et pièces, la monnaie est rendue",
                      "Biljetten en munten, wisselgeld wordt teruggegeven",
                      "Notes and coins, change is given"),
    "pay.inserted": ("Inséré", "Ingebracht", "Inserted"),
    "pay.stop": ("Arrêter le paiement", "Betaling stoppen", "Stop the payment"),
    "pay.declined": ("Paiement refusé. Rien n'a été débité.",
                     "Betaling geweigerd. Er werd niets afgeschreven.",
                     "Payment declined. Nothing was charged."),
    "pay.aborted": ("Paiement interrompu. Rien n'a été débité.",
                    "Betaling onderbroken. Er werd niets afgeschreven.",
                    "Payment stopped. Nothing was charged."),
    "pay.cancelled": ("Paiement annulé. Reprenez votre argent.",
                      "Betaling geannuleerd. Neem uw geld terug.",
                      "Payment cancelled. Please take your money back."),
    "pay.failed": ("Votre demande n'a pas pu être enregistrée ; votre argent est rendu.",
                   "Uw aanvraag kon niet worden geregistreerd; uw geld wordt teruggegeven.",
                   "Your request could not be recorded; your money is given back."),
    "pay.unknown": ("Le paiement n'a pas pu être confirmé. S'il a été débité, il sera annulé.",
                    "De betaling kon niet worden bevestigd. Indien afgeschreven, "
                    "wordt ze geannuleerd.",
                    "The payment could not be confirmed. If you were charged, "
                    "it will be reversed."),
    "pay.unavailable": ("Ce moyen de paiement ne fonctionne pas pour l'instant.",
                        "Deze betaalwijze werkt nu niet.",
                        "This way to pay is not working right now."),
    "prompt.insert_card": ("Insérez ou présentez votre carte bancaire",
                           "Steek of houd uw bankkaart tegen de terminal",
                           "Insert or tap your bank card"),
    "prompt.enter_pin": ("Tapez votre code secret", "Tik uw geheime code in",
                         "Enter your PIN"),
    "prompt.wrong_pin": ("Code incorrect, réessayez", "Verkeerde code, probeer opnieuw",
                         "Wrong PIN, try again"),
    "prompt.remove_card": ("Retirez votre carte", "Neem uw kaart terug",
                           "Take your card"),
    "prompt.processing": ("Traitement en cours…", "Bezig met verwerken…", "Processing…"),
    "prompt.please_wait": ("Veuillez patienter…", "Even geduld…", "Please wait…"),
    "prompt.card_not_readable": ("Carte illisible, réessayez",
                                 "Kaart onleesbaar, probeer opnieuw",
                                 "Card not readable, try again"),
    "prompt.approved": ("Paiement accepté", "Betaling aanvaard", "Payment approved"),
    "prompt.declined": ("Paiement refusé", "Betaling geweigerd", "Payment declined"),
    "done.paid_card": ("Payé par carte.", "Betaald met kaart.", "Paid by card."),
    "done.paid_cash": ("Payé en espèces.", "Contant betaald.", "Paid in cash."),
    "reason.backend_offline": ("Indisponible hors ligne : la borne n'atteint pas la Ville",
                               "Niet beschikbaar offline: de zuil bereikt de Stad niet",
                               "Unavailable offline: the kiosk cannot reach the City"),
    "reason.starting": ("La borne démarre, un instant…", "De zuil start op, even geduld…",
                        "The kiosk is starting, one moment…"),
    "details.desk.title": ("Pour quel guichet ?", "Voor welk loket?", "For which counter?"),
    "fulfil.printing": ("Impression de votre ticket…", "Uw ticket wordt afgedrukt…",
                        "Printing your ticket…"),
    "done.your_number": ("Votre numéro", "Uw nummer", "Your number"),
    "done.take_ticket": ("Prenez votre ticket ci-dessous.", "Neem uw ticket hieronder.",
                         "Please take your ticket below."),
    "done.print_failed": ("Le ticket n'a pas pu être imprimé. Retenez votre numéro.",
                          "Het ticket kon niet worden afgedrukt. Onthoud uw nummer.",
                          "The ticket could not be printed. Please remember your number."),
    "done.wait": ("Vous serez appelé à l'écran.", "U wordt afgeroepen op het scherm.",
                  "You will be called on the screen."),
    "done.failed": ("Votre demande n'a pas pu être enregistrée. Rien n'a été facturé.",
                    "Uw aanvraag kon niet worden geregistreerd. Er werd niets aangerekend.",
                    "Your request could not be recorded. Nothing was charged."),
    "common.back": ("Retour", "Terug", "Back"),
    "common.cancel": ("Annuler", "Annuleren", "Cancel"),
    "common.finish": ("Terminer", "Afsluiten", "Finish"),
    "common.still_there": ("Êtes-vous toujours là ?", "Bent u er nog?", "Are you still there?"),
    "ticket.heading": ("Ticket de file d'attente", "Wachtrijticket", "Queue ticket"),
    "ticket.desk": ("Guichet", "Loket", "Counter"),
    "ticket.service": ("Service", "Dienst", "Service"),
    "ticket.issued": ("Émis le", "Uitgegeven op", "Issued"),
    "ticket.wait": ("Veuillez attendre l'appel de votre numéro.",
                    "Wacht tot uw nummer wordt afgeroepen.",
                    "Please wait until your number is called."),
    "receipt.reference": ("Référence", "Referentie", "Reference"),
    "receipt.service": ("Service", "Dienst", "Service"),
    "receipt.date": ("Date", "Datum", "Date"),
    "receipt.amount": ("Montant", "Bedrag", "Amount"),
    "confirmation.heading": ("Confirmation de votre demande", "Bevestiging van uw aanvraag",
                             "Confirmation of your request"),
    "confirmation.next.portal": (
        "Votre document sera prêt sous 2 jours ouvrables sur le portail de la Ville.",
        "Uw document staat binnen 2 werkdagen klaar op het portaal van de Stad.",
        "Your document will be ready within 2 working days on the City's portal."),
    "confirmation.next.post": (
        "Votre document vous sera envoyé par la poste.",
        "Uw document wordt u per post toegestuurd.",
        "Your document will be sent to you by post."),
    "confirmation.offline": (
        "Enregistrée à la borne : transmise à la Ville dès le retour du réseau.",
        "Opgeslagen in de zuil: doorgestuurd naar de Stad zodra het netwerk terug is.",
        "Saved at the kiosk: sent to the City as soon as the network is back."),
    "confirmation.follow": ("Suivez votre dossier en ligne :", "Volg uw dossier online:",
                            "Follow your case online:"),
    "payment.heading": ("Reçu de paiement", "Betalingsbewijs", "Payment receipt"),
    "payment.card": ("Carte", "Kaart", "Card"),
    "payment.terminal": ("Terminal", "Terminal", "Terminal"),
    "payment.auth_code": ("Code d'autorisation", "Autorisatiecode", "Authorisation code"),
    "payment.trace": ("N° de trace", "Tracenummer", "Trace number"),
    "payment.cash_inserted": ("Espèces reçues", "Contant ontvangen", "Cash inserted"),
    "payment.change": ("Monnaie rendue", "Wisselgeld", "Change given"),
    "payment.owed": ("Reste dû par la Ville", "Door de Stad nog te betalen",
                     "Still owed by the City"),
    "payment.voucher": ("Présentez ce reçu au guichet pour recevoir le montant dû.",
                        "Toon dit bewijs aan het loket om het verschuldigde bedrag te krijgen.",
                        "Show this receipt at the counter to receive the amount owed."),
    "payment.refund": ("Remboursement d'un paiement annulé",
                       "Terugbetaling van een geannuleerde betaling",
                       "Refund of a cancelled payment"),
    "library.heading": ("Bibliothèque : votre reçu", "Bibliotheek: uw bewijs",
                        "Library: your slip"),
    "library.patron": ("Carte", "Kaart", "Card"),
    "library.borrowed": ("Empruntés", "Ontleend", "Borrowed"),
    "library.returned": ("Rendus", "Teruggebracht", "Returned"),
    "library.due": ("à rendre le", "terug op", "due"),
    "library.fines_paid": ("Amendes payées", "Betaalde boetes", "Fines paid"),
    "library.renewed": ("Prolongés", "Verlengd", "Renewed"),
    "library.offline_note": (
        "Système de la bibliothèque indisponible : prêts et retours enregistrés sur cette "
        "borne, dates de retour provisoires",
        "Bibliotheeksysteem onbereikbaar: uitleningen en teruggaven op deze zuil "
        "geregistreerd, voorlopige terugbrengdata",
        "Library system unavailable: loans and returns recorded at this terminal, "
        "provisional due dates"),
    "library.refused.unreadable_card": ("Carte illisible : réessayez",
                                        "Kaart onleesbaar: probeer opnieuw",
                                        "Card unreadable: please try again"),
    "library.refused.unknown_card": ("Carte de bibliothèque inconnue",
                                     "Onbekende bibliotheekkaart", "Unknown library card"),
    "library.refused.eid_not_linked": (
        "Votre carte d'identité n'est liée à aucun abonnement : utilisez votre carte de "
        "bibliothèque ou adressez-vous au comptoir",
        "Uw identiteitskaart is aan geen lidmaatschap gekoppeld: gebruik uw "
        "bibliotheekkaart of ga naar de balie",
        "Your identity card is not linked to a membership: use your library card or ask "
        "at the desk"),
    "library.offline.unknown_patron": (
        "Le système de la bibliothèque ne répond pas et votre carte n'a pas été vue "
        "récemment : adressez-vous au comptoir",
        "Het bibliotheeksysteem antwoordt niet en uw kaart werd niet recent gezien: ga "
        "naar de balie",
        "The library system is not answering and your card was not seen recently: "
        "please ask at the desk"),
    "library.offline.blocked": ("Votre compte est bloqué : adressez-vous au comptoir",
                                "Uw account is geblokkeerd: ga naar de balie",
                                "Your account is blocked: please ask at the desk"),
    "library.offline.item_limit": (
        "Limite d'emprunts hors ligne atteinte : les autres documents au comptoir",
        "Limiet voor offline uitlenen bereikt: andere items aan de balie",
        "Offline loan limit reached: please borrow other items at the desk"),
    "library.offline.full": ("Borne saturée hors ligne : adressez-vous au comptoir",
                             "Zuil offline vol: ga naar de balie",
                             "Terminal full while offline: please ask at the desk"),
    "library.offline.already_borrowed": ("Ce document est déjà emprunté",
                                         "Dit item is al ontleend",
                                         "This item is already borrowed"),
    "library.offline.no_renewal": (
        "Prolongation impossible pour l'instant : réessayez plus tard",
        "Verlengen kan nu niet: probeer later opnieuw",
        "Renewal is not possible right now: please try later"),
    "library.offline.no_payment": (
        "Paiement des amendes impossible pour l'instant : réessayez plus tard",
        "Boetes betalen kan nu niet: probeer later opnieuw",
        "Fines cannot be paid right now: please try later"),
    "library.fines.none": ("Aucune amende à payer", "Geen boetes te betalen",
                           "No fines to pay"),
    "test.heading": ("Page de test", "Testpagina", "Test page"),
    "test.kiosk": ("Borne", "Zuil", "Kiosk"),
    "test.version": ("Version", "Versie", "Version"),
    "test.characters": ("Caractères", "Tekens", "Characters"),
}


def format_money(cents: int, language: str) -> str:
    """€ 3,00 in French and Dutch, €3.00 in English."""
    euros = f"{cents / 100:.2f}"
    return f"€{euros}" if language == "en" else f"€ {euros.replace('.', ',')}"


class Translator:
    """Texts in one language. Unknown keys raise: a missing text is a bug to see."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; use one of {LANGUAGES}")
        self.language = language
        self._index = LANGUAGES.index(language)

    def __call__(self, key: str) -> str:
        try:
            return MESSAGES[key][self._index]
        except KeyError:
            raise KeyError(f"no text {key!r} in the translation catalog") from None

    def all(self) -> dict[str, str]:
        """Every text in this language, for the UI to bind to."""
        return {key: texts[self._index] for key, texts in MESSAGES.items()}
