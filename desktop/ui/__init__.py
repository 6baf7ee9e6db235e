"""Qt widgets, dialogs and the app shell; the only package besides app.py that uses Qt."""

from desktop.ui.pyside_workarounds import immortalize_singletons

# Before any signal fires: PySide6 6.12 drops references to None/True on Python 3.11.
immortalize_singletons()
