"""The Alongside relay: a store-and-forward server that only ever sees ciphertext.

Imports only `desktop.sync.protocol` from the desktop package (DESIGN.md §1), so it
installs and runs without Qt: `pip install '.[relay]'`.
"""
