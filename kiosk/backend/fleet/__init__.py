"""The fleet view: kiosks' heartbeats, their state and history, alert rules, Prometheus
metrics, the pages central IT watches, and remote configuration."""
