"""Central side of software updates: bundles served with HTTP Range, rollout plans in
waves that halt on a rollback, per-kiosk update state for the fleet page."""
