"""Relay/IO controllers (Open+ doors, lights, public PCs): interface and Modbus TCP driver."""
