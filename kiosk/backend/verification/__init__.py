"""The public verification of issued documents: ``/verify/<document-id>`` (server-rendered,
FR/NL/EN, no login), an upload form that checks a PDF's seal, and the JSON status the
``kiosk document verify`` command asks. Only what the document is and whether it is
genuine is shown — never the citizen's data."""
