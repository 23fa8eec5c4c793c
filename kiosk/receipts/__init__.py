"""Receipt templates: domain results laid out as printer-independent documents."""
