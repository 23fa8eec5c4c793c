"""Texts of the non-visual mode (FR, NL, EN): merged into the one catalog by kiosk.i18n.

Spoken, never shown: written for the ear (no symbols, numbers said in words by
espeak-ng), short, and each starting with what matters."""

from __future__ import annotations

from collections.abc import Mapping

VOICE_MESSAGES: Mapping[str, tuple[str, str, str]] = {
    # The attract screen's audio loop, in each language with its own voice.
    "voice.announce": (
        "Pour le guidage vocal, maintenez la touche Entrée du clavier numérique enfoncée, "
        "ou appuyez longuement sur le repère en relief en haut à droite de l'écran.",
        "Voor gesproken begeleiding: houd de Enter-toets van het cijferklavier ingedrukt, "
        "of druk lang op het voelbare teken rechtsboven op het scherm.",
        "For spoken guidance, hold down the Enter key of the number keypad, "
        "or press and hold the raised mark at the top right of the screen."),
    "voice.started": (
        "Guidage vocal activé. Flèches haut et bas pour passer d'un choix à l'autre, "
        "Entrée pour valider, la touche effacer pour revenir. Plus et moins règlent le "
        "volume, étoile et barre oblique la vitesse, zéro répète. Branchez un casque pour "
        "entendre vos données personnelles.",
        "Gesproken begeleiding aan. Pijltjes omhoog en omlaag om van keuze te wisselen, "
        "Enter om te bevestigen, de wistoets om terug te gaan. Plus en min regelen het "
        "volume, sterretje en schuine streep de snelheid, nul herhaalt. Sluit een "
        "hoofdtelefoon aan om uw persoonlijke gegevens te horen.",
        "Spoken guidance on. Arrows up and down move between choices, Enter confirms, "
        "the delete key goes back. Plus and minus set the volume, star and slash the "
        "speed, zero repeats. Plug in headphones to hear your personal data."),
    "voice.headphones_in": (
        "Casque branché. Vos données personnelles seront lues dans le casque.",
        "Hoofdtelefoon aangesloten. Uw persoonlijke gegevens worden erin voorgelezen.",
        "Headphones plugged in. Your personal data will be read in the headphones."),
    "voice.headphones_out": (
        "Casque débranché. Vos données personnelles ne seront plus lues.",
        "Hoofdtelefoon losgekoppeld. Uw persoonlijke gegevens worden niet meer voorgelezen.",
        "Headphones unplugged. Your personal data will no longer be read."),
    "voice.hidden": (
        "donnée personnelle, branchez un casque pour l'entendre",
        "persoonlijk gegeven, sluit een hoofdtelefoon aan om het te horen",
        "personal data, plug in headphones to hear it"),
    "voice.button": ("bouton", "knop", "button"),
    "voice.unavailable": ("indisponible", "niet beschikbaar", "unavailable"),
    "voice.position": ("{n} sur {total}", "{n} van {total}", "{n} of {total}"),
    "voice.rate": ("Vitesse {n}", "Snelheid {n}", "Speed {n}"),
    "voice.volume": ("Volume {n}", "Volume {n}", "Volume {n}"),
    "voice.pin_count": ("Chiffres saisis : {n}", "Ingegeven cijfers: {n}", "Digits entered: {n}"),
    "voice.still_there": (
        "Êtes-vous toujours là ? Appuyez sur une touche pour continuer.",
        "Bent u er nog? Druk op een toets om verder te gaan.",
        "Are you still there? Press any key to continue."),
}
