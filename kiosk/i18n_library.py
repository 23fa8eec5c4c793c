"""The library self-checkout's texts (screens and slips) in FR, NL and EN: part of the
one catalog, :data:`kiosk.i18n.MESSAGES`, kept apart to keep that module readable."""

from __future__ import annotations

from collections.abc import Mapping

# key → (fr, nl, en)
LIBRARY_MESSAGES: Mapping[str, tuple[str, str, str]] = {
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
    # --- library self-checkout screens (ui/qml/library) ---
    "library.ui.title": ("Bibliothèque", "Bibliotheek", "Library"),
    "library.ui.scan_card": (
        "Scannez votre carte de bibliothèque ou insérez votre carte d'identité",
        "Scan uw bibliotheekkaart of steek uw identiteitskaart in",
        "Scan your library card or insert your identity card"),
    "library.ui.offline": (
        "Système de la bibliothèque indisponible : emprunts (max. {n} documents) et retours "
        "enregistrés sur cette borne ; pas de prolongation ni de paiement d'amendes",
        "Bibliotheeksysteem onbereikbaar: uitlenen (max. {n} items) en terugbrengen worden op "
        "deze zuil geregistreerd; geen verlengingen en geen boetes betalen",
        "Library system unavailable: loans (at most {n} items) and returns are recorded at "
        "this terminal; no renewals and no fine payments"),
    "library.ui.working": ("Un instant…", "Een ogenblik…", "One moment…"),
    "library.ui.camera_broken": (
        "Caméra indisponible : utilisez le lecteur de codes-barres",
        "Camera onbeschikbaar: gebruik de barcodelezer",
        "Camera unavailable: please use the barcode scanner"),
    "library.ui.borrow": ("Emprunter", "Ontlenen", "Borrow"),
    "library.ui.return": ("Rendre", "Terugbrengen", "Return"),
    "library.ui.renew": ("Prolonger", "Verlengen", "Renew"),
    "library.ui.renew_all": ("Tout prolonger", "Alles verlengen", "Renew all"),
    "library.ui.pay": ("Payer les amendes", "Boetes betalen", "Pay fines"),
    "library.ui.pay_confirm": (
        "Vérifiez le montant, puis payez par carte au terminal",
        "Controleer het bedrag en betaal dan met uw kaart aan de terminal",
        "Check the amount, then pay by card at the terminal"),
    "library.ui.paid": ("Amendes payées. Merci !", "Boetes betaald. Dank u!",
                        "Fines paid. Thank you!"),
    "library.ui.pay_reversed": (
        "La bibliothèque n'a pas enregistré le paiement : votre carte n'est pas débitée",
        "De bibliotheek registreerde de betaling niet: uw kaart wordt niet gedebiteerd",
        "The library did not record the payment: your card is not charged"),
    "library.ui.finish": ("Terminer et imprimer le reçu", "Beëindigen en bewijs afdrukken",
                          "Finish and print the slip"),
    "library.ui.back_to_account": ("Mon compte", "Mijn account", "My account"),
    "library.ui.loans": ("Vos emprunts", "Uw uitleningen", "Your loans"),
    "library.ui.holds": ("Réservations à retirer", "Reservaties klaar om af te halen",
                         "Holds ready for pick-up"),
    "library.ui.fines": ("Amendes", "Boetes", "Fines"),
    "library.ui.overdue": ("en retard", "te laat", "overdue"),
    "library.ui.account_offline": (
        "Votre compte ne peut pas être affiché pour l'instant",
        "Uw account kan nu niet getoond worden",
        "Your account cannot be shown right now"),
    "library.ui.scan_items": (
        "Présentez les codes-barres des documents un par un sous la caméra",
        "Houd de barcodes van de items een voor een onder de camera",
        "Hold the items' barcodes under the camera one after another"),
    "library.ui.borrowed_one": ("Emprunté", "Ontleend", "Borrowed"),
    "library.ui.returned_one": ("Rendu", "Teruggebracht", "Returned"),
    "library.ui.renewed_one": ("Prolongé", "Verlengd", "Renewed"),
    "library.ui.recorded_here": ("enregistré sur cette borne", "op deze zuil geregistreerd",
                                 "recorded at this terminal"),
    "library.ui.refused": ("Refusé", "Geweigerd", "Refused"),
    "library.ui.error": ("Une erreur est survenue : adressez-vous au comptoir",
                         "Er ging iets mis: ga naar de balie",
                         "Something went wrong: please ask at the desk"),
    "library.ui.switching": ("Mise à jour en cours : réessayez dans quelques minutes",
                             "Update bezig: probeer het over enkele minuten opnieuw",
                             "Updating: please try again in a few minutes"),
    "library.ui.slip_printing": ("Impression de votre reçu…", "Uw bewijs wordt afgedrukt…",
                                 "Printing your slip…"),
    "library.ui.slip_printed": ("Prenez votre reçu. Au revoir !", "Neem uw bewijs. Tot ziens!",
                                "Take your slip. Goodbye!"),
    "library.ui.slip_not_printed": (
        "Le reçu n'a pas pu être imprimé : notez vos dates de retour ci-dessous",
        "Het bewijs kon niet afgedrukt worden: noteer uw terugbrengdata hieronder",
        "The slip could not be printed: please note your due dates below"),
    "library.ui.slip_nothing": ("Au revoir !", "Tot ziens!", "Goodbye!"),
}
