"""Sealed certificates handed out at the kiosk: fetched from the backend after payment,
printed on the A4 printer, journaled like receipts (owed when not printed)."""
