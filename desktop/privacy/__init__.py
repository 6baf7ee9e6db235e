"""Checks on text before it leaves the vault (an export, a note to the partner).

Pure functions of the text and a few settings: no I/O, no Qt, no vault. Nothing here
logs, and no exception raised here carries the text it was given (docs/identifiers.md).
"""
