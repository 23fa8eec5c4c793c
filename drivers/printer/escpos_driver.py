"""The ESC/POS receipt printer driver (python-escpos underneath)."""

from __future__ import annotations

import logging
from typing import Any

from drivers.errors import DeviceError, DeviceUnavailableError
from drivers.printer.document import ReceiptDocument
from drivers.printer.escpos_writer import write_document
from drivers.printer.interface import PrinterStatus
from drivers.printer.status import (
    QUERY_OFFLINE_CAUSE,
    QUERY_PAPER,
    QUERY_PRINTER,
    StatusByteError,
    decode_status,
    status_reason,
)
from drivers.printer.transports import EscposConnection

log = logging.getLogger(__name__)

STATUS_TIMEOUT_S = 2.0
NO_ANSWER = "printer does not answer status queries"


class _NoAnswerError(Exception):
    pass


class EscposReceiptPrinter:
    """A receipt printer spoken to in ESC/POS.

    Status is read with real-time ``DLE EOT`` queries, each bounded by
    ``status_timeout_s``; it is checked before every job, so a job is never sent to
    a printer without paper. A connection that failed or timed out is dropped and
    reopened on the next call (a late answer must not be read as the next one).
    All calls come from the printer's owner thread.
    """

    def __init__(self, connection: EscposConnection, logo: Any = None,
                 status_timeout_s: float = STATUS_TIMEOUT_S) -> None:
        self._connection = connection
        self._logo = logo
        self._status_timeout_s = status_timeout_s
        self._printer: Any = None

    @property
    def columns(self) -> int:
        return self._connection.profile.columns

    def status(self) -> PrinterStatus:
        if not self._connection.can_read:
            return PrinterStatus(online=True, error="")
        try:
            printer = self._open()
            self._connection.set_read_timeout(printer, self._status_timeout_s)
            answers = [self._query(printer, q, self._connection.read_answer) for q in
                       (QUERY_PRINTER, QUERY_OFFLINE_CAUSE, QUERY_PAPER)]
            return decode_status(*answers)
        except _NoAnswerError:
            self._drop()
            return PrinterStatus(online=False, error=NO_ANSWER)
        except StatusByteError as exc:
            self._drop()
            return PrinterStatus(online=False, error=str(exc))
        except DeviceUnavailableError as exc:
            return PrinterStatus(online=False, error=str(exc))
        except Exception as exc:  # transports raise OSError, usb and escpos errors alike
            self._drop()
            return PrinterStatus(online=False, error=f"printer unreachable: {exc}")

    def print_receipt(self, document: ReceiptDocument) -> None:
        status = self.status()
        reason = status_reason(status)
        if reason:
            raise (DeviceUnavailableError if not status.online else DeviceError)(reason)
        try:
            write_document(self._open(), document, self._logo)
        except Exception as exc:
            self._drop()
            raise DeviceError(f"printing failed: {exc}") from exc

    def close(self) -> None:
        self._drop()

    def _open(self) -> Any:
        if self._printer is None:
            try:
                printer = self._connection.open()
                printer.open()
            except Exception as exc:
                raise DeviceUnavailableError(f"printer unreachable: {exc}") from exc
            self._printer = printer
        return self._printer

    @staticmethod
    def _query(printer: Any, query: bytes, read_answer: Any) -> int:
        printer._raw(query)
        try:
            data = read_answer(printer)
        except TimeoutError as exc:
            raise _NoAnswerError from exc
        except Exception as exc:
            if "timeout" in type(exc).__name__.lower():  # pyusb's USBTimeoutError
                raise _NoAnswerError from exc
            raise
        if not data:
            raise _NoAnswerError
        return data[-1]  # the newest answer, should the device have sent more

    def _drop(self) -> None:
        printer, self._printer = self._printer, None
        if printer is not None:
            try:
                printer.close()
            except Exception as exc:  # closing a broken connection may fail too
                log.debug("closing the printer connection failed: %s", exc)
