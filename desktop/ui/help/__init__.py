"""Help (F1): what each place is for, the zones, every shortcut, locking, where data lives."""
