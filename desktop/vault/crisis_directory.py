"""My own and my clinic's crisis lines, kept inside the vault.

The shipped lines are public and live outside the vault (`desktop.resources`); these
are the user's additions. An import is all or nothing: the file is parsed and checked
whole before one transaction inserts every line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from desktop.clock import SYSTEM_CLOCK, Clock
from desktop.models.crisis import (
    CrisisLine,
    InvalidCrisisLine,
    OwnCrisisLine,
    parse_crisis_file,
)
from desktop.sentences import UserSentence
from desktop.vault.database_worker import Connection, DatabaseWorker
from desktop.vault.sql import new_id, to_db_time, transaction

# Which country's lines come first on the Resources page (an English country name, as
# QLocale names it; unset: this computer's). The identifier check reads phone numbers
# written without a country code as numbers of this country (docs/identifiers.md).
COUNTRY_PREFERENCE = "crisis_lines_country"
_COLUMNS = "id, country, service, how, hours, source, checked"


class CrisisLineNotFound(UserSentence, LookupError):
    """That line is no longer in your list."""


def _line(row: Sequence[Any]) -> OwnCrisisLine:
    return OwnCrisisLine(
        id=row[0],
        country=row[1],
        service=row[2],
        how=row[3],
        hours=row[4],
        source=row[5],
        checked=row[6],
    )


def crisis_line(**values: object) -> CrisisLine:
    """Validate a line the user typed; any fault is `InvalidCrisisLine`."""
    try:
        return CrisisLine.model_validate(values)
    except ValidationError:
        raise InvalidCrisisLine() from None


def _insert(connection: Connection, line: CrisisLine, created: str) -> str:
    line_id = new_id()
    connection.execute(
        f"INSERT INTO crisis_lines ({_COLUMNS}, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            line_id,
            line.country,
            line.service,
            line.how,
            line.hours,
            line.source,
            line.checked,
            created,
        ),
    )
    return line_id


class CrisisDirectoryStore:
    """Add, edit, remove, import and list my own crisis lines."""

    def __init__(self, worker: DatabaseWorker, clock: Clock = SYSTEM_CLOCK) -> None:
        self._worker = worker
        self._clock = clock

    def list(self) -> list[OwnCrisisLine]:
        """My lines, by country then service."""
        rows = self._worker.call(
            lambda c: c.execute(
                f"SELECT {_COLUMNS} FROM crisis_lines "
                "ORDER BY country COLLATE NOCASE, service COLLATE NOCASE, created"
            ).fetchall()
        )
        return [_line(row) for row in rows]

    def add(self, line: CrisisLine) -> OwnCrisisLine:
        created = to_db_time(self._clock.now())

        def insert(connection: Connection) -> OwnCrisisLine:
            with transaction(connection):
                line_id = _insert(connection, line, created)
            return OwnCrisisLine(id=line_id, **line.model_dump())

        return self._worker.call(insert)

    def update(self, line_id: str, line: CrisisLine) -> OwnCrisisLine:
        changed = self._worker.call(
            lambda c: (
                c.execute(
                    "UPDATE crisis_lines SET country = ?, service = ?, how = ?, hours = ?, "
                    "source = ?, checked = ? WHERE id = ?",
                    (
                        line.country,
                        line.service,
                        line.how,
                        line.hours,
                        line.source,
                        line.checked,
                        line_id,
                    ),
                ).rowcount
            )
        )
        if changed == 0:
            raise CrisisLineNotFound()
        return OwnCrisisLine(id=line_id, **line.model_dump())

    def remove(self, line_id: str) -> None:
        removed = self._worker.call(
            lambda c: c.execute("DELETE FROM crisis_lines WHERE id = ?", (line_id,)).rowcount
        )
        if removed == 0:
            raise CrisisLineNotFound()

    def import_file(self, raw: bytes) -> int:
        """Add every line of an import file, or none (`CrisisFileRefused`); returns how
        many were added. Lines already in my list (same service, country and way to
        reach) are skipped, so importing a file twice adds nothing the second time."""
        parsed = parse_crisis_file(raw)
        created = to_db_time(self._clock.now())

        def insert_all(connection: Connection) -> int:
            added = 0
            with transaction(connection):
                known = {
                    (r[0].casefold(), r[1].casefold(), r[2].casefold())
                    for r in connection.execute("SELECT country, service, how FROM crisis_lines")
                }
                for line in parsed.lines:
                    key = (line.country.casefold(), line.service.casefold(), line.how.casefold())
                    if key in known:
                        continue
                    known.add(key)
                    _insert(connection, line, created)
                    added += 1
            return added

        return self._worker.call(insert_all)
