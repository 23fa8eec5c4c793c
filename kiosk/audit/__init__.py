"""The audit log: an append-only hash chain of money and admin actions (Qt-free).

- :mod:`kiosk.audit.chain`: entries, canonical hashing, verification (pure).
- :mod:`kiosk.audit.log`: :class:`~kiosk.audit.log.AuditLog` over the kiosk's store
  (``record(kind, actor, details)``, ``latest_anchor()``).
- :mod:`kiosk.audit.export`: the JSON Lines copy; :mod:`kiosk.audit.commands`: the CLI.
- :mod:`kiosk.audit.payments`, :mod:`kiosk.audit.config`: what payments and config
  changes record. Details are scrubbed of personal data (:mod:`kiosk.audit.redact`).
"""
