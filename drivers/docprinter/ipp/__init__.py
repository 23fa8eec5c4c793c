"""IPP/2.0 (RFC 8010/8011) over HTTP: the message codec and the printer driver."""
