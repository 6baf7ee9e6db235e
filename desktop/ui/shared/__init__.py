"""The Shared place (notes kept with the sharing partner): its home, empty until it is built.

Screens for shared notes go here; their vault access goes through ``desktop.sync`` and
``desktop.vault`` like every other place (docs/architecture.md, "Where a new feature goes").
"""
