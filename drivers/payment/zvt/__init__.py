"""ZVT (the open ECR ↔ card terminal protocol): codec, transports, driver, simulator."""
