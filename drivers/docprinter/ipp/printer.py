"""An IPP Everywhere printer over HTTP(S) with ``requests``: state, Print-Job, job tracking.

``ipp://host:631/ipp/print`` is HTTP to that host and path, ``ipps://`` HTTPS (verified
against the system's store, or ``?ca=/path/ca.pem``). Every request has a timeout; a
printer that does not answer is reported ``offline`` by :meth:`status` and raises
:class:`DeviceUnavailableError` from the calls that change something.

The document goes as PDF when the printer lists ``application/pdf``; a printer that
takes only PWG raster (``image/pwg-raster``, the raster every IPP Everywhere printer
must take) gets the PDF rendered by ghostscript (:mod:`drivers.docprinter.pwgraster`)
at the resolution and colour type it announces.
"""

from __future__ import annotations

import itertools
import threading
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests

from drivers.docprinter import pwgraster
from drivers.docprinter.interface import DocumentPrinterStatus, JobResult
from drivers.docprinter.ipp import codec
from drivers.docprinter.ipp.codec import Attribute, attr
from drivers.errors import DeviceError, DeviceUnavailableError

PRINTER_STATES = {3: "idle", 4: "processing", 5: "stopped"}
JOB_STATES = {3: "pending", 4: "held", 5: "processing", 6: "stopped", 7: "canceled",
              8: "aborted", 9: "completed"}
FINAL_JOB_STATES = frozenset({"canceled", "aborted", "completed"})
_SEVERITY = ("-report", "-warning", "-error")
PDF, PWG_RASTER = "application/pdf", "image/pwg-raster"
PRINTER_ATTRIBUTES = ("printer-state", "printer-state-reasons", "printer-state-message",
                      "document-format-supported", "pwg-raster-document-resolution-supported",
                      "pwg-raster-document-type-supported")
JOB_ATTRIBUTES = ("job-state", "job-state-reasons", "job-state-message",
                  "job-impressions-completed", "job-media-sheets-completed")


def http_url(uri: str) -> str:
    """``ipp://host[:port]/path`` → ``http://host:port/path`` (631 by default)."""
    parts = urlsplit(uri)
    if parts.scheme not in ("ipp", "ipps"):
        raise ValueError(f"{uri!r}: expected ipp:// or ipps://")
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = parts.port or 631
    return urlunsplit(("https" if parts.scheme == "ipps" else "http", f"{host}:{port}",
                       parts.path or "/ipp/print", "", ""))


def strip_severity(reason: str) -> str:
    """``media-empty-error`` → ``media-empty`` (RFC 8011 §5.4.12 suffixes)."""
    for suffix in _SEVERITY:
        if reason.endswith(suffix):
            return reason[: -len(suffix)]
    return reason


class IppDocumentPrinter:
    """A :class:`~drivers.docprinter.interface.DocumentPrinter` speaking IPP/2.0."""

    def __init__(self, uri: str, *, timeout_s: float = 10.0, verify: bool | str = True,
                 user: str = "kiosk", poll_s: float = 0.2,
                 session: requests.Session | None = None) -> None:
        self._uri = urlunsplit(urlsplit(uri)._replace(query="", fragment=""))
        self._url = http_url(uri)
        self._timeout = (min(timeout_s, 5.0), timeout_s)
        self._verify = verify
        self._user = user
        self._poll_s = poll_s
        self._session = session or requests.Session()
        self._ids = itertools.count(1)
        self._closed = threading.Event()  # wakes a wait() when the owner closes us
        # The PWG raster resolutions (dpi) and types it announced in the last status.
        self._raster: tuple[tuple[int, ...], tuple[str, ...]] = ((), ())

    # -- the requests ------------------------------------------------------------

    def _operation(self, *extra: Attribute) -> list[Attribute]:
        return [attr(codec.CHARSET, "attributes-charset", "utf-8"),
                attr(codec.NATURAL_LANGUAGE, "attributes-natural-language", "en"),
                attr(codec.URI, "printer-uri", self._uri), *extra]

    def _call(self, operation: int, groups: list[tuple[int, list[Attribute]]],
              data: bytes = b"") -> codec.Response:
        request_id = next(self._ids)
        body = codec.encode_request(operation, request_id, groups, data)
        try:
            answer = self._session.post(self._url, data=body, timeout=self._timeout,
                                        verify=self._verify,
                                        headers={"Content-Type": "application/ipp"})
        except requests.RequestException as exc:
            raise DeviceUnavailableError(
                f"document printer {self._uri}: no answer ({type(exc).__name__})") from None
        if answer.status_code != 200:
            raise DeviceError(f"document printer {self._uri}: HTTP {answer.status_code}")
        try:
            response = codec.decode_response(answer.content)
        except codec.IppCodecError as exc:
            raise DeviceError(f"document printer {self._uri}: malformed IPP answer: "
                              f"{exc}") from None
        if response.request_id != request_id:
            raise DeviceError(f"document printer {self._uri}: answer to request "
                              f"{response.request_id}, expected {request_id}")
        if not response.ok:
            message = _first(response.group(codec.OPERATION), "status-message", "")
            raise DeviceError(f"document printer {self._uri}: {response.status_text}"
                              + (f" ({message})" if message else ""))
        return response

    # -- DocumentPrinter ---------------------------------------------------------

    def status(self) -> DocumentPrinterStatus:
        try:
            response = self._call(codec.GET_PRINTER_ATTRIBUTES, [(codec.OPERATION, self._operation(
                attr(codec.KEYWORD, "requested-attributes", *PRINTER_ATTRIBUTES)))])
        except DeviceUnavailableError as exc:
            return DocumentPrinterStatus(state="offline", error=str(exc))
        except DeviceError as exc:
            return DocumentPrinterStatus(state="stopped", error=str(exc))
        printer = response.group(codec.PRINTER)
        state_code = _first(printer, "printer-state", None)
        state = PRINTER_STATES.get(state_code) if isinstance(state_code, int) else None
        reasons = tuple(dict.fromkeys(
            strip_severity(str(r)) for r in printer.get("printer-state-reasons", [])
            if r and r != "none"))
        formats = tuple(str(f) for f in printer.get("document-format-supported", []))
        message = str(_first(printer, "printer-state-message", "") or "")
        self._raster = _raster_capabilities(printer)
        if state is None:
            return DocumentPrinterStatus(
                state="stopped", reasons=reasons, formats=formats, message=message,
                error=f"unknown printer-state {state_code!r} from {self._uri}")
        error = ""
        if PDF not in formats and PWG_RASTER in formats:
            error = pwgraster.converter_missing()  # PWG raster only: it must be rendered
        return DocumentPrinterStatus(state=state, reasons=reasons,  # type: ignore[arg-type]
                                     formats=formats, message=message, error=error)

    def submit(self, pdf: bytes, name: str) -> int:
        status = self.status()  # what it takes now (and its raster capabilities)
        if PDF in status.formats or PWG_RASTER not in status.formats:
            document, document_format = pdf, PDF
        else:
            resolutions, types = self._raster
            document = pwgraster.pdf_to_pwg_raster(
                pdf, resolution=pwgraster.choose_resolution(resolutions),
                raster_type=pwgraster.choose_type(types))
            document_format = PWG_RASTER
        response = self._call(codec.PRINT_JOB, [
            (codec.OPERATION, self._operation(
                attr(codec.NAME, "requesting-user-name", self._user),
                attr(codec.NAME, "job-name", name),
                attr(codec.MIME_MEDIA_TYPE, "document-format", document_format))),
            (codec.JOB, [attr(codec.KEYWORD, "media", "iso_a4_210x297mm"),
                         attr(codec.KEYWORD, "sides", "one-sided")]),
        ], document)
        job_id = _first(response.group(codec.JOB), "job-id", None)
        if not isinstance(job_id, int):
            raise DeviceError(f"document printer {self._uri}: accepted the job but gave "
                              "no job-id")
        return job_id

    def job(self, job_id: int) -> JobResult:
        """The job's state now."""
        response = self._call(codec.GET_JOB_ATTRIBUTES, [(codec.OPERATION, self._operation(
            attr(codec.INTEGER, "job-id", job_id),
            attr(codec.NAME, "requesting-user-name", self._user),
            attr(codec.KEYWORD, "requested-attributes", *JOB_ATTRIBUTES)))])
        job = response.group(codec.JOB)
        code = _first(job, "job-state", None)
        state = JOB_STATES.get(code) if isinstance(code, int) else None
        if state is None:
            raise DeviceError(f"document printer {self._uri}: unknown job-state {code!r} "
                              f"for job {job_id}")
        pages = _first(job, "job-impressions-completed", None)
        return JobResult(job_id, state,  # type: ignore[arg-type]
                         tuple(str(r) for r in job.get("job-state-reasons", [])
                               if r and r != "none"),
                         pages if isinstance(pages, int) else None,
                         str(_first(job, "job-state-message", "") or ""))

    def wait(self, job_id: int, timeout_s: float) -> JobResult:
        deadline = threading.Event()
        timer = threading.Timer(timeout_s, deadline.set)
        timer.daemon = True
        timer.start()
        try:
            while True:
                try:
                    result = self.job(job_id)
                except DeviceUnavailableError:
                    raise DeviceUnavailableError(
                        f"document printer {self._uri}: stopped answering during job "
                        f"{job_id}") from None
                if result.state in FINAL_JOB_STATES or deadline.is_set():
                    return result
                # IPP has no push without subscriptions: poll, but wake at once on close.
                if self._closed.wait(self._poll_s):
                    return result
        finally:
            timer.cancel()

    def close(self) -> None:
        self._closed.set()
        self._session.close()


def _raster_capabilities(printer: dict[str, list[Any]]
                         ) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The square resolutions (dpi; units 3 = dots per inch) and raster types offered."""
    resolutions = tuple(r[0] for r in printer.get("pwg-raster-document-resolution-supported", [])
                        if isinstance(r, tuple) and len(r) == 3 and r[0] == r[1] and r[2] == 3)
    types = tuple(str(t) for t in printer.get("pwg-raster-document-type-supported", []))
    return resolutions, types


def _first(group: dict[str, list[Any]], name: str, default: Any) -> Any:
    values = group.get(name)
    return values[0] if values else default
