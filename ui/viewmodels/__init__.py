"""View-models: Python QObjects the QML views bind to."""
