"""Texts of the eID PIN step (FR, NL, EN): merged into the one catalog by kiosk.i18n."""

from __future__ import annotations

from collections.abc import Mapping

CARD_PIN_MESSAGES: Mapping[str, tuple[str, str, str]] = {
    "pin.title": ("Tapez le code PIN de votre carte d'identité",
                  "Typ de pincode van uw identiteitskaart",
                  "Type the PIN of your identity card"),
    "pin.hint": ("Votre code reste secret : il n'est ni affiché ni enregistré.",
                 "Uw code blijft geheim: hij wordt niet getoond of bewaard.",
                 "Your code stays secret: it is neither shown nor kept."),
    # {n}: the number of tries the card still accepts.
    "pin.tries": ("Essais restants : {n}", "Resterende pogingen: {n}", "Tries left: {n}"),
    "pin.wrong": ("Code PIN incorrect.", "Verkeerde pincode.", "Wrong PIN."),
    "pin.last_try": (
        "Attention : dernier essai. Une nouvelle erreur bloque votre carte et vous devrez "
        "vous rendre au guichet pour la débloquer.",
        "Opgelet: laatste poging. Nog een fout blokkeert uw kaart en dan moet u naar het "
        "loket om ze te deblokkeren.",
        "Careful: last try. One more mistake blocks your card and you will have to go to "
        "the counter to unblock it."),
    "pin.blocked": (
        "Votre carte est bloquée : trop de codes PIN erronés. Rendez-vous au guichet avec "
        "votre code PUK pour la débloquer.",
        "Uw kaart is geblokkeerd: te veel verkeerde pincodes. Ga met uw PUK-code naar het "
        "loket om ze te deblokkeren.",
        "Your card is blocked: too many wrong PINs. Go to the counter with your PUK code "
        "to unblock it."),
    "pin.checking": ("Vérification de votre carte…", "Uw kaart wordt gecontroleerd…",
                     "Checking your card…"),
    "pin.digit_spoken": ("Chiffre saisi", "Cijfer ingegeven", "Digit entered"),
    "pin.cancel": ("Annuler et reprendre ma carte", "Annuleren en mijn kaart terugnemen",
                   "Cancel and take my card back"),
    "pin.proven": ("Identité confirmée", "Identiteit bevestigd", "Identity confirmed"),
    # The identify screen after a PIN step that did not prove presence.
    "identify.pin_blocked": (
        "Votre carte est bloquée : rendez-vous au guichet avec votre code PUK.",
        "Uw kaart is geblokkeerd: ga met uw PUK-code naar het loket.",
        "Your card is blocked: go to the counter with your PUK code."),
    "identify.pin_cancelled": ("Code PIN non saisi : reprenez votre carte ou réessayez.",
                               "Geen pincode ingegeven: neem uw kaart terug of probeer opnieuw.",
                               "No PIN typed: take your card back or try again."),
    "identify.card_refused": (
        "Cette carte ne peut pas être acceptée. Adressez-vous au guichet.",
        "Deze kaart kan niet aanvaard worden. Ga naar het loket.",
        "This card cannot be accepted. Please go to the counter."),
    "identify.platform_unavailable": (
        "Vérification impossible pour le moment : réessayez dans un instant.",
        "Controle nu niet mogelijk: probeer zo dadelijk opnieuw.",
        "Cannot check your card right now: try again in a moment."),
}
