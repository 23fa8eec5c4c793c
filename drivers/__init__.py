"""Device drivers: protocol code, transports and a simulator twin per device kind.

This package depends on none of the project's other packages. Each device kind has a
small ``typing.Protocol`` (``drivers.<kind>.interface``), real drivers, and a simulator
twin; :mod:`drivers.registry` maps configuration URIs to them explicitly.
"""
