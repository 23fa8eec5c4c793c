"""Sync: outbox relay, reference-data pull and heartbeat; the kiosk's only HTTP client."""
