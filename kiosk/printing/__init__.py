"""Printing for the core: durable receipt jobs, the printer's live state, device CLI."""
