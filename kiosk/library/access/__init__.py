"""Open+ access: the library door in self-service hours, the schedule that drives the
building (lights, public PCs, door mode) and the alerts. Qt-free; devices passed in."""
