"""Software updates: signed release bundles, side-by-side install, update lock, health
gate and rollback (issue #11). Qt-free; the UI and sync reach it through small seams:
:mod:`kiosk.updates.activity` (sessions), :mod:`kiosk.updates.health` (markers) and
:func:`kiosk.updates.state.heartbeat_section` (what the heartbeat reports)."""
