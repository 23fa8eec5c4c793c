"""Domain core: service catalog, citizen journey state machine, and the services behind it."""
