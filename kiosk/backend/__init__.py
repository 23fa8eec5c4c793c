"""The embedded citizen-service backend (same HTTP contract as the central platform)."""
