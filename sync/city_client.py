"""The live questions the kiosk UI asks the City's platform: slots, booking, cases and
today's queue (the :class:`kiosk.domain.city.CityPlatform` the core codes against).

Built on :class:`sync.client.BackendClient`, so failures are classified the same way;
every failure that the citizen can do nothing about becomes
:class:`~kiosk.domain.city.PlatformUnavailableError`.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kiosk.config.schema import Config
from kiosk.domain.city import (
    Booking,
    CardSessionRefusedError,
    CaseSummary,
    IssuedTicket,
    PlatformUnavailableError,
    Slot,
    SlotTakenError,
)
from sync.client import (
    CARD_SESSION_HEADER,
    BackendClient,
    BackendTls,
    PermanentError,
    TransientError,
)
from sync.credential import CredentialError, read_credential

# A citizen is waiting at the screen: answer fast or say the City is unreachable.
LIVE_TIMEOUT_S = 5.0


class CityClient(BackendClient):
    """One kiosk's live client; blocking, so call it on a worker."""

    def slots(self, site: str, day: date, service_id: str) -> list[Slot]:
        rows = self._get_list(
            f"/sites/{site}/slots", {"day": day.isoformat(), "service_id": service_id}
        )
        try:
            return [
                Slot(
                    int(r["id"]),
                    str(r["counter"]),
                    str(r["service_id"]),
                    _time(r["starts_at"]),
                    int(r["minutes"]),
                    bool(r["free"]),
                )
                for r in rows
            ]
        except (KeyError, TypeError, ValueError):
            raise PlatformUnavailableError("malformed slots from the platform") from None

    def book(self, site: str, slot_id: int, national_number: str,
             card_session: str | None = None) -> Booking:
        """Book in the citizen's name; the backend books for a kiosk only with that
        citizen's card session (a refusal is :class:`PlatformUnavailableError`)."""
        headers = {CARD_SESSION_HEADER: card_session} if card_session else {}
        try:
            response = self._request(
                "POST",
                f"/sites/{site}/appointments",
                json={"slot_id": slot_id, "national_number": national_number},
                headers=headers,
            )
        except TransientError as exc:
            # Unknown whether it was booked: the citizen is told nothing was confirmed.
            raise PlatformUnavailableError(exc.reason) from None
        except PermanentError as exc:
            if exc.status == 409:
                raise SlotTakenError(exc.detail) from None
            raise PlatformUnavailableError(f"booking refused (HTTP {exc.status})") from None
        if response.status_code == 404:
            raise SlotTakenError("the slot no longer exists")
        try:
            r = response.json()
            return Booking(
                str(r["id"]),
                int(r["slot_id"]),
                str(r["site"]),
                str(r["counter"]),
                str(r["service_id"]),
                _time(r["starts_at"]),
            )
        except (KeyError, TypeError, ValueError):
            raise PlatformUnavailableError("malformed booking from the platform") from None

    def open_card_session(self, prove: Callable[[bytes], tuple[bytes, bytes, bytes]]) -> str:
        """Challenge → ``prove(challenge)`` (the card, after its PIN, signs; returns the
        authentication certificate, the CA certificate and the signature, DER) → the
        card-session token the lookups of this citizen need.

        Raises :class:`CardSessionRefusedError` when the backend refuses the proof."""
        challenge = self._json("POST", "/card-sessions:challenge")
        try:
            challenge_id = str(challenge["challenge_id"])
            value = base64.b64decode(str(challenge["challenge"]), validate=True)
        except (KeyError, TypeError, ValueError):
            raise PlatformUnavailableError("malformed challenge from the platform") from None
        auth_cert, ca_cert, signature = prove(value)
        body = {"challenge_id": challenge_id,
                "auth_cert": base64.b64encode(auth_cert).decode(),
                "ca_cert": base64.b64encode(ca_cert).decode(),
                "signature": base64.b64encode(signature).decode()}
        try:
            response = self._request("POST", "/card-sessions", json=body)
        except TransientError as exc:
            raise PlatformUnavailableError(exc.reason) from None
        except PermanentError as exc:
            if exc.status == 403:
                raise CardSessionRefusedError(exc.detail) from None
            raise PlatformUnavailableError(f"card session refused (HTTP {exc.status})") from None
        try:
            return str(response.json()["session_token"])
        except (KeyError, TypeError, ValueError):
            raise PlatformUnavailableError("malformed card session from the platform") from None

    def close_card_session(self, card_session: str) -> None:
        """End a card session (its card left the reader); raises
        :class:`PlatformUnavailableError` when the platform cannot be told (the session
        then expires by itself)."""
        try:
            self._request("DELETE", "/card-sessions",
                          headers={CARD_SESSION_HEADER: card_session})
        except (TransientError, PermanentError) as exc:
            raise PlatformUnavailableError("the card session could not be ended "
                                           f"({type(exc).__name__})") from None

    def cases(self, national_number: str, card_session: str | None = None) -> list[CaseSummary]:
        """The citizen's cases; the backend answers only with the citizen's card session."""
        # The number goes in the body: URL paths end up in access logs.
        headers = {CARD_SESSION_HEADER: card_session} if card_session else {}
        rows = self._list("POST", "/cases:lookup", json={"national_number": national_number},
                          headers=headers)
        try:
            return [_case_summary(r) for r in rows]
        except (KeyError, TypeError, ValueError):
            raise PlatformUnavailableError("malformed cases from the platform") from None

    def case_by_reference(self, reference: str, code: str) -> list[CaseSummary]:
        """The case a scanned confirmation QR points to; [] when the code is wrong."""
        try:
            response = self._request(
                "POST", "/cases:by-reference", json={"reference": reference, "code": code}
            )
        except TransientError as exc:
            raise PlatformUnavailableError(exc.reason) from None
        except PermanentError as exc:
            if exc.status == 404:
                return []
            raise PlatformUnavailableError(f"refused (HTTP {exc.status})") from None
        if response.status_code == 404:
            return []
        if response.status_code != 200:
            raise PlatformUnavailableError(f"answered HTTP {response.status_code}")
        try:
            return [_case_summary(r) for r in response.json()]
        except (KeyError, TypeError, ValueError):
            raise PlatformUnavailableError("malformed case from the platform") from None

    def queue(self, site: str, day: date) -> list[IssuedTicket]:
        rows = self._get_list(f"/sites/{site}/queue", {"day": day.isoformat()})
        try:
            return [
                IssuedTicket(str(r["desk"]), str(r["number"]), _time(r["issued_at"])) for r in rows
            ]
        except (KeyError, TypeError, ValueError):
            raise PlatformUnavailableError("malformed queue from the platform") from None

    def _json(self, method: str, path: str, **request: Any) -> dict[str, Any]:
        try:
            response = self._request(method, path, **request)
        except TransientError as exc:
            raise PlatformUnavailableError(exc.reason) from None
        except PermanentError as exc:
            raise PlatformUnavailableError(f"refused (HTTP {exc.status})") from None
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.status_code not in (200, 201) or not isinstance(body, dict):
            raise PlatformUnavailableError(f"answered HTTP {response.status_code}")
        return body

    def _get_list(self, path: str, params: dict[str, str]) -> list[dict[str, Any]]:
        return self._list("GET", path, params=params)

    def _list(self, method: str, path: str, **request: Any) -> list[dict[str, Any]]:
        try:
            response = self._request(method, path, **request)
        except TransientError as exc:
            raise PlatformUnavailableError(exc.reason) from None
        except PermanentError as exc:
            raise PlatformUnavailableError(f"refused (HTTP {exc.status})") from None
        if response.status_code != 200:
            raise PlatformUnavailableError(f"answered HTTP {response.status_code}")
        try:
            rows = response.json()
        except ValueError:
            rows = None
        if not isinstance(rows, list):
            raise PlatformUnavailableError("malformed answer from the platform")
        return rows


def _case_summary(r: Any) -> CaseSummary:
    return CaseSummary(
        str(r["id"]),
        str(r["service_id"]),
        str(r["status"]),
        _time(r["created_at"]),
        _time(r["updated_at"]),
    )


def _time(text: Any) -> datetime:
    value = datetime.fromisoformat(str(text))
    if value.tzinfo is None:
        raise ValueError("a time without its zone")
    return value


def city_client_from_config(config: Config) -> CityClient | None:
    """The live client, or None when this kiosk has no credential (not enrolled yet):
    then the online-only services say they are not available."""
    try:
        token = read_credential(Path(config.backend.credential_path))
    except CredentialError:
        return None
    return CityClient(
        config.backend.url,
        token,
        min(config.backend.timeout_s, LIVE_TIMEOUT_S),
        tls=BackendTls.from_section(config.backend),
    )
