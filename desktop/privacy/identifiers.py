"""The identifier check: likely patient identifiers in a text, as typed findings.

One check for everything that leaves the vault: the export preview now, the partner's
share preview later. What each detector finds, and what it cannot, is in
docs/identifiers.md; every rule there has a test in tests/unit/privacy/.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from desktop.privacy.birth_dates import find_birth_dates
from desktop.privacy.emails import find_emails
from desktop.privacy.findings import Finding, IdentifierKind, resolve
from desktop.privacy.nhs_numbers import find_nhs_numbers
from desktop.privacy.phones import DEFAULT_REGION, find_phones, phone_region
from desktop.privacy.ssns import find_ssns
from desktop.privacy.watched_names import find_watched_names, names_pattern

__all__ = ["DEFAULT_REGION", "Finding", "IdentifierCheck", "IdentifierKind"]


class IdentifierCheck:
    """Finds likely identifiers in texts; made once per export or share, used for each.

    `today` decides what may be a date of birth (from the app's one clock, never read
    here); `region` reads phone numbers written without a country code; `watch_names`
    are the names the user keeps in the vault.
    """

    def __init__(
        self,
        today: date,
        *,
        region: str | None = DEFAULT_REGION,
        watch_names: Sequence[str] = (),
    ) -> None:
        self.today = today
        self.region = phone_region(region)
        self._names = names_pattern(watch_names)

    def __repr__(self) -> str:  # never the names
        return f"<IdentifierCheck {self.region} {self.today.isoformat()}>"

    def find(self, text: str) -> list[Finding]:
        """Every likely identifier in `text`, in order, none overlapping another."""
        candidates = [
            *find_emails(text),
            *find_nhs_numbers(text),
            *find_ssns(text),
            *find_birth_dates(text, self.today),
            *find_watched_names(text, self._names),
            *find_phones(text, self.region),
        ]
        return resolve(candidates)
