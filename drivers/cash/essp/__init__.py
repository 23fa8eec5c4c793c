"""ITL eSSP (protocol 6+): framing, encryption, link, driver and a pty simulator."""
