"""The demo kiosk's configuration: every device simulated, the store in the output folder."""

from __future__ import annotations

from pathlib import Path

from drivers.registry import DeviceRegistry
from kiosk.config.loader import config_from_mapping
from kiosk.config.schema import Config


def demo_config(out_dir: Path, registry: DeviceRegistry,
                printer_uri: str = "sim://printer", eid_reader_uri: str = "sim://eid",
                card_terminal_uri: str = "sim://payment", cash_uri: str = "sim://cash",
                document_printer_uri: str | None = None) -> Config:
    a4 = {"document_printer": document_printer_uri} if document_printer_uri else {}
    return config_from_mapping(
        {
            "kiosk": {"id": "demo-kiosk-01", "site": "bxl-centre",
                      "site_name": "Hôtel de Ville · Stadhuis"},
            "store": {"path": str(out_dir / "kiosk.db")},
            "devices": {
                "eid_reader": eid_reader_uri,
                "printer": printer_uri,
                "card_terminal": card_terminal_uri,
                "cash": cash_uri,
                "camera": "sim://camera",
                **a4,
            },
            "ui": {"width": 1080, "height": 1920, "fullscreen": False},
        },
        registry,
    )
