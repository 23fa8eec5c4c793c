"""Library mode's UI: the self-checkout screens (ui/qml/library), their view-model
(ui/viewmodels/library.py), the composition and the headless demo script."""
