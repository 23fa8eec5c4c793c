"""The kiosk's Qt-free core: configuration, domain, local store and command line."""

__version__ = "0.1.0"
