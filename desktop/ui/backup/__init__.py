"""Back up… and Restore…: one encrypted file out, a verified restore in (docs/vault.md)."""
