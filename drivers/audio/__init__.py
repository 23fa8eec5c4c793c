"""Audio devices of the kiosk: the headphone jack's plugged/unplugged switch."""
