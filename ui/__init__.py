"""User interface: Qt Quick views and Python view-models; the only package importing PySide6."""
