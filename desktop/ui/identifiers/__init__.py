"""The identifier check's own screens: the names to watch for (docs/identifiers.md)."""
