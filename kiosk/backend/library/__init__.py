"""The embedded library system for demos and tests: patrons, items, loans, holds and
fines in memory, served over SIP2 by pysip2's TCP server (see sip2_server.py).

State is in memory, seeded at start (seed.py): the demo and every test start from the
same known catalogue, a restart is a reset, and nothing here pretends to be the
library's system of record. Stopping and starting the *listener* keeps the state,
which is what the offline tests need ("library system switched off, then back").
"""
