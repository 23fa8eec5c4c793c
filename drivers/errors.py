"""Errors shared by every driver."""


class DeviceError(Exception):
    """A device failed or refused an operation; the message says which and why."""


class DeviceUriError(ValueError):
    """A device URI in the configuration is malformed or names an unknown driver."""


class DeviceUnavailableError(DeviceError):
    """The device (or its driver) is not there: unplugged, offline, or not built in."""


class DeviceTimeoutError(DeviceError):
    """The device did not answer within its bounded timeout."""
