"""Configuration: one TOML file, ``KIOSK_<SECTION>_<KEY>`` overrides, validated at start."""

from kiosk.config.errors import ConfigError, ConfigProblem
from kiosk.config.loader import DEFAULT_CONFIG_PATH, load_config, resolve_config_path
from kiosk.config.schema import Config

__all__ = [
    "DEFAULT_CONFIG_PATH",
    "Config",
    "ConfigError",
    "ConfigProblem",
    "load_config",
    "resolve_config_path",
]
