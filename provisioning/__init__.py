"""Technician tooling: enrol, detect devices, configure, self-test, install units."""
