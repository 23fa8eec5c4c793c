"""Pure pieces shared by the drivers and the backend (both may import this package; it imports
none of ours): the eID data model, the eID trust checks with the pinned Belgian roots, and the
fault sets of simulated peers."""
