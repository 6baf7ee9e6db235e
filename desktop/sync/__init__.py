"""Pairing, end-to-end encryption and the outbox (client side); no Qt.

The UI-facing API is listed in docs/architecture.md ("Sync: the API the UI calls").
"""
