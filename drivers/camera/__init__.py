"""Cameras for barcode and QR scanning: interface, drivers and simulators."""
