"""When Today should say a backup is due: older than the vault's own setting (default 30
days; 0 turns it off). A vault never backed up counts from the first time it was asked,
so a new vault is not nagged on its first day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.vault.vault import Vault

REMINDER_DAYS_PREFERENCE = "backup_reminder_days"
COUNTING_SINCE_PREFERENCE = "backup_reminder_since"
DEFAULT_REMINDER_DAYS = 30
REMINDER_CHOICES = (7, 14, 30, 90, 0)


@dataclass(frozen=True)
class BackupDue:
    """A backup is due: ``days`` since the last one, or None if there never was one."""

    days: int | None


def reminder_days(vault: Vault) -> int:
    value = vault.get_preference(REMINDER_DAYS_PREFERENCE, DEFAULT_REMINDER_DAYS)
    return value if type(value) is int and value in REMINDER_CHOICES else DEFAULT_REMINDER_DAYS


def set_reminder_days(vault: Vault, days: int) -> None:
    if days not in REMINDER_CHOICES:
        raise ValueError("unknown reminder interval")
    vault.set_preference(REMINDER_DAYS_PREFERENCE, days)


def backup_due(vault: Vault, now: datetime) -> BackupDue | None:
    """Whether Today should remind; runs on the database lane (it may note a start)."""
    days = reminder_days(vault)
    if days == 0:
        return None
    last = vault.last_backup_at
    if last is not None:
        age = (now - last).days
        return BackupDue(age) if age >= days else None
    since_text = vault.get_preference(COUNTING_SINCE_PREFERENCE, None)
    if not isinstance(since_text, str):
        vault.set_preference(COUNTING_SINCE_PREFERENCE, now.isoformat())
        return None
    try:
        since = datetime.fromisoformat(since_text)
    except ValueError:
        return None
    return BackupDue(None) if now - since >= timedelta(days=days) else None
