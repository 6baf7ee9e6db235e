"""Builds the identifier check for an open vault: today, the phone region, the watch list.

The phone region (how numbers written without a country code are read) is the country
the Resources page shows first: the one chosen there (`COUNTRY_PREFERENCE`, an English
country name), else this computer's, else GB (`desktop.privacy.phones.DEFAULT_REGION`).
Country names become ISO codes through QLocale, on the UI thread; the vault reads and
the check itself run on the long-job lane (`check_text`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale

from desktop.privacy.findings import Finding
from desktop.privacy.identifiers import DEFAULT_REGION, IdentifierCheck

if TYPE_CHECKING:
    from desktop.vault import Vault


@functools.cache
def territory_codes() -> Mapping[str, str]:
    """English country name (case-blind) -> ISO 3166 code, as QLocale names them."""
    codes: dict[str, str] = {}
    for territory in QLocale.Country:
        if territory == QLocale.Country.AnyTerritory:
            continue
        code = QLocale.territoryToCode(territory)
        if len(code) == 2:
            codes.setdefault(QLocale.territoryToString(territory).casefold(), code)
    return codes


def computer_region() -> str:
    """This computer's country code ("" when the locale names none, e.g. the C locale)."""
    territory = QLocale.system().territory()
    if territory == QLocale.Country.AnyTerritory:
        return ""
    return QLocale.territoryToCode(territory)


@functools.cache
def _fallback() -> str:
    return computer_region() or DEFAULT_REGION


class CheckSettings:
    """What the UI thread knows before the check runs elsewhere (QLocale stays here)."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.codes = territory_codes()
        self.fallback = _fallback()

    def region_for(self, country: object) -> str:
        if isinstance(country, str) and country.strip():
            return self.codes.get(country.strip().casefold(), self.fallback)
        return self.fallback

    def check_for(self, vault: Vault) -> IdentifierCheck:
        """Blocking vault reads: call on the long-job lane (or inside a vault job)."""
        from desktop.vault.crisis_directory import COUNTRY_PREFERENCE

        country = vault.get_preference(COUNTRY_PREFERENCE, "")
        return IdentifierCheck(
            self.today, region=self.region_for(country), watch_names=vault.watch_list.names()
        )


def check_text(settings: CheckSettings, vault: Vault, text: str) -> list[Finding]:
    """The findings in `text` with this vault's settings (long-job lane)."""
    return settings.check_for(vault).find(text)
