"""Bank-card terminals: the terminal interface, drivers and simulators."""
