"""The Alongside relay: a store-and-forward server that only ever sees ciphertext.

Its own distribution (`relay/pyproject.toml`); from Alongside it imports only the wire
protocol (`alongside_wire`), so it installs and runs without Qt or any desktop code.
"""
