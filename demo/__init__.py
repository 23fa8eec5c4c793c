"""The demo harness: the kiosk and the library terminal on simulated devices, driven through
their journeys with an embedded backend (``kiosk demo``). The only package that may start the
backend in-process."""
