"""Qt widgets, dialogs and the app shell; the only package besides app.py that uses Qt."""
