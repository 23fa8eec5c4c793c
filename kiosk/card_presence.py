"""The PIN step of a card session: right after the card is read and before any personal
data is shown, the citizen types the PIN and the card signs a challenge.

Online, the challenge comes from the City's platform, which checks the card and answers a
card-session token (the lookups of this citizen need it); offline the kiosk signs a local
challenge and checks it itself: with trust settings (``[eid]``: roots, cached CRL, stale
policy) the card's validity, chain and revocation too, before the PIN; without, only the
signature against the card's own certificate. The journeys that need the platform stay
unavailable offline, as before.

Runs on the eID reader's owner thread; the citizen is reached through a :class:`PinPrompt`
(the UI's PIN pad), which blocks that thread until the PIN is typed or the session ends.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from kiosk.domain.city import CardSessionRefusedError, PlatformUnavailableError

if TYPE_CHECKING:
    from drivers.eid.auth import PinEntry
    from drivers.eid.presence import TrustSettings

log = logging.getLogger(__name__)

CardSigner = Callable[[bytes], tuple[bytes, bytes, bytes]]
# Online: takes the card's signer, returns the platform's card-session token.
SessionOpener = Callable[[CardSigner], str]


class PinPrompt(Protocol):
    """The citizen's side: the on-screen PIN pad (or a test's scripted citizen)."""

    def ask(self, tries_left: int | None, wrong: bool) -> bytearray | None:
        """Block until the PIN is typed (the caller wipes it) or ``None`` (cancelled,
        timed out)."""
        ...

    def blocked(self) -> None:
        """Say the card is blocked and what to do."""
        ...

    def close(self) -> None:
        """The PIN step is over."""
        ...


class PresenceRefused(Exception):  # noqa: N818 - an outcome shown to the citizen
    """No proof of presence; ``reason``: pin_blocked, pin_cancelled, card_refused."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason


def _result_word(refusal: Exception) -> str:
    """The leading result of a platform refusal ("revoked: …" → "revoked"), if it is one
    word; else "refused"."""
    word = str(refusal).split(":", 1)[0].strip()
    return word if word.replace("_", "").isalpha() else "refused"


class PresenceCheck:
    """Asks the PIN and proves presence through a reader that can (``session()``)."""

    def __init__(self, prompt: PinPrompt,
                 session_opener: Callable[[], SessionOpener | None] = lambda: None,
                 max_rounds: int = 4,
                 offline_trust: Callable[[], TrustSettings | None] = lambda: None) -> None:
        self._prompt = prompt
        self._session_opener = session_opener
        # Offline: what the card is checked against (read per round: sync refreshes the
        # CRL); raises TrustError when it cannot be known (refused as card_refused).
        self._offline_trust = offline_trust
        self._max_rounds = max_rounds  # 3 tries; one more round shows "blocked"

    @staticmethod
    def supported(reader: Any) -> bool:
        """Readers without a card to talk to (the in-process simulator) cannot prove."""
        return callable(getattr(reader, "session", None))

    def prove(self, reader: Any, national_number: str | None = None) -> str | None:
        """On the reader's owner thread: the card-session token (online) or ``None``
        (proven offline). ``national_number``: the citizen whose card was read — the card
        that signs must be that citizen's (not one swapped in between). Raises
        :class:`PresenceRefused`; card errors pass through."""
        # The eID protocol and X.509 stacks load with the first card, not before the
        # kiosk's first frame (ui.app imports this module; bench/startup.py).
        from common.eid.trust import TrustError
        from drivers.eid.auth import PinBlockedError, WrongPinError

        wrong = False
        try:
            for _ in range(self._max_rounds):
                try:
                    return self._round(reader, wrong, national_number)
                except WrongPinError:
                    wrong = True
            raise PresenceRefused("pin_blocked")
        except PinBlockedError:
            self._prompt.blocked()
            raise PresenceRefused("pin_blocked") from None
        except TrustError as exc:
            log.warning("eID card refused at the PIN step: %s", exc.result)
            raise PresenceRefused("card_refused", str(exc)) from None
        except CardSessionRefusedError as exc:
            # Only the platform's result word ("revoked", "untrusted"…): the rest of its
            # reason is the platform's text, and a log line must not depend on it to
            # hold nothing personal.
            log.warning("the City's platform refused the eID card: %s", _result_word(exc))
            raise PresenceRefused("card_refused", str(exc)) from None
        except PlatformUnavailableError:
            raise PresenceRefused("platform_unavailable") from None
        finally:
            self._prompt.close()

    def _round(self, reader: Any, wrong: bool, national_number: str | None) -> str | None:
        from cryptography import x509
        from cryptography.x509.oid import NameOID

        from common.eid.trust import TrustError, verify_challenge_signature
        from drivers.eid.auth import HostPinEntry
        from drivers.eid.presence import CardCertificates, prove_presence

        def same_card(certs: CardCertificates) -> None:
            """Before the PIN: the card in the reader is the one that was read."""
            if national_number is None:
                return
            try:
                subject = x509.load_der_x509_certificate(certs.auth_cert).subject
                holder = subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value
            except (ValueError, IndexError):
                raise TrustError("untrusted",
                                 "authentication certificate names no holder") from None
            if holder != national_number:
                raise TrustError("untrusted", "the card in the reader is not the card that "
                                              "was read (swapped before the PIN)")

        with reader.session() as (session, pinpad):

            def ask_pin(left: int | None) -> PinEntry:
                if pinpad is not None:  # the PIN never passes through the kiosk
                    return pinpad
                pin = self._prompt.ask(left, wrong)
                if pin is None:
                    raise PresenceRefused("pin_cancelled")
                return HostPinEntry(pin)

            def sign(challenge: bytes) -> tuple[bytes, bytes, bytes]:
                proof = prove_presence(session, ask_pin=ask_pin, challenge=challenge,
                                       trust=None, on_certificates=same_card)
                return proof.auth_cert, proof.ca_cert, proof.signature

            opener = self._session_opener()
            if opener is not None:
                return opener(sign)
            challenge = secrets.token_bytes(32)
            trust = self._offline_trust()
            if trust is not None:  # validity, chain, CRL before the PIN; then the signature
                prove_presence(session, ask_pin=ask_pin, challenge=challenge, trust=trust,
                               verifier=getattr(reader, "verifier", lambda: None)(),
                               on_certificates=same_card)
                return None
            auth_cert, _ca, signature = sign(challenge)
            try:
                cert = x509.load_der_x509_certificate(auth_cert)
            except ValueError:
                raise TrustError("untrusted", "authentication certificate is malformed") from None
            verify_challenge_signature(cert, challenge, signature)
            return None
