"""The Alongside relay protocol on the wire: models and request signing (docs/protocol.md).

A distribution of its own so that the desktop client and the relay server share one
definition of every body and of the signed canonical line, while neither depends on the
other: the frozen desktop app holds no server code, and the relay pulls no Qt.
"""
