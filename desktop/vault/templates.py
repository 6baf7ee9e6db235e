"""Debrief templates: the shipped ones plus the user's own, kept as numbered versions.

A debrief records the template id and version it was written with. Editing a template
adds a version; old versions are never rewritten, so an old debrief always shows the
headings it was written under. Shipped templates live in `resources/templates`; the
version a debrief used is copied into the vault when first used, so an app update that
changes a shipped template cannot change old debriefs either.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from desktop.clock import SYSTEM_CLOCK, Clock
from desktop.models.template import InvalidTemplate, Template, TemplateField, parse_template_json
from desktop.resources import builtin_templates
from desktop.sentences import UserSentence
from desktop.vault.database_worker import Connection, DatabaseWorker
from desktop.vault.sql import new_id, to_db_time, transaction


class TemplateNotFound(UserSentence, LookupError):
    """That template no longer exists."""


class TemplateReadOnly(UserSentence, ValueError):
    """Templates that come with Alongside can't be changed. Duplicate it to make your own."""


def new_field(heading: str, prompt: str = "", *, holds_actions: bool = False) -> TemplateField:
    """A new field with a fresh id (ids stay the same across a template's versions)."""
    return TemplateField(
        id="f" + secrets.token_hex(4), heading=heading, prompt=prompt, holds_actions=holds_actions
    )


def _builtin(template_id: str) -> Template | None:
    for template in builtin_templates():
        if template.id == template_id:
            return template
    return None


def store_template_version(connection: Connection, template: Template, now: str) -> None:
    """Keep this version in the vault (no-op if already there); call inside a transaction."""
    connection.execute(
        "INSERT INTO templates (id, builtin, current_version, retired_at, created) "
        "VALUES (?, ?, ?, NULL, ?) ON CONFLICT (id) DO NOTHING",
        (template.id, int(template.builtin), template.version, now),
    )
    connection.execute(
        "INSERT INTO template_versions (template_id, version, content, created) "
        "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (template.id, template.version, template.content_json(), now),
    )


def load_template(connection: Connection, template_id: str, version: int | None) -> Template:
    """One version of a template (the current one if `version` is None)."""
    row = connection.execute(
        "SELECT builtin, current_version, retired_at FROM templates WHERE id = ?",
        (template_id,),
    ).fetchone()
    shipped = _builtin(template_id)
    retired = row is not None and row[2] is not None
    if shipped is not None and (version is None or version == shipped.version):
        return shipped.model_copy(update={"retired": retired})
    if row is None:
        raise TemplateNotFound()
    wanted = row[1] if version is None and shipped is None else version
    stored = connection.execute(
        "SELECT content FROM template_versions WHERE template_id = ? AND version = ?",
        (template_id, wanted),
    ).fetchone()
    if stored is None:
        raise TemplateNotFound()
    template = parse_template_json(stored[0], builtin=bool(row[0]))
    return template.model_copy(update={"retired": retired})


class TemplateStore:
    """Shipped and user templates; every call runs on the vault's database thread."""

    def __init__(self, worker: DatabaseWorker, clock: Clock = SYSTEM_CLOCK) -> None:
        self._worker = worker
        self._clock = clock

    def list(self, *, include_retired: bool = False) -> list[Template]:
        """Shipped templates first, then the user's own in the order they were made."""

        def read(connection: Connection) -> list[Template]:
            retired_ids = {
                row[0]
                for row in connection.execute(
                    "SELECT id FROM templates WHERE retired_at IS NOT NULL"
                ).fetchall()
            }
            user_ids = [
                row[0]
                for row in connection.execute(
                    "SELECT id FROM templates WHERE builtin = 0 ORDER BY created, id"
                ).fetchall()
            ]
            found = [
                t.model_copy(update={"retired": t.id in retired_ids}) for t in builtin_templates()
            ]
            found += [load_template(connection, template_id, None) for template_id in user_ids]
            return [t for t in found if include_retired or not t.retired]

        return self._worker.call(read)

    def get(self, template_id: str, version: int | None = None) -> Template:
        """A template as it is now, or the exact version an old debrief was written with."""
        return self._worker.call(lambda c: load_template(c, template_id, version))

    def create(
        self,
        name: str,
        fields: Sequence[TemplateField],
        *,
        description: str = "",
        estimated_minutes: int = 10,
    ) -> Template:
        """A new user template, version 1."""
        template = _validated(
            id=new_id(),
            version=1,
            name=name,
            description=description,
            estimated_minutes=estimated_minutes,
            fields=tuple(fields),
        )

        def insert(connection: Connection) -> None:
            with transaction(connection):
                store_template_version(connection, template, to_db_time(self._clock.now()))

        self._worker.call(insert)
        return template

    def edit(
        self,
        template_id: str,
        *,
        name: str | None = None,
        fields: Sequence[TemplateField] | None = None,
        description: str | None = None,
        estimated_minutes: int | None = None,
    ) -> Template:
        """Save a new version of a user template; debriefs keep the version they used."""

        def change(connection: Connection) -> Template:
            with transaction(connection):
                current = load_template(connection, template_id, None)
                if current.builtin:
                    raise TemplateReadOnly()
                updated = _validated(
                    **{
                        **current.model_dump(exclude={"builtin", "retired"}),
                        **_given(
                            version=current.version + 1,
                            name=name,
                            fields=None if fields is None else tuple(fields),
                            description=description,
                            estimated_minutes=estimated_minutes,
                        ),
                    }
                )
                now = to_db_time(self._clock.now())
                store_template_version(connection, updated, now)
                connection.execute(
                    "UPDATE templates SET current_version = ? WHERE id = ?",
                    (updated.version, template_id),
                )
                return updated.model_copy(update={"retired": current.retired})

        return self._worker.call(change)

    def duplicate(self, template_id: str, name: str | None = None) -> Template:
        """A new user template copied from any template (shipped ones included)."""
        source = self.get(template_id)
        return self.create(
            name if name is not None else _copy_name(source.name),
            source.fields,
            description=source.description,
            estimated_minutes=source.estimated_minutes,
        )

    def retire(self, template_id: str) -> None:
        """Hide a template from "new debrief"; debriefs written with it are unchanged."""
        self._set_retired(template_id, retired=True)

    def unretire(self, template_id: str) -> None:
        """Offer a retired template in "new debrief" again."""
        self._set_retired(template_id, retired=False)

    def _set_retired(self, template_id: str, *, retired: bool) -> None:
        def change(connection: Connection) -> None:
            with transaction(connection):
                template = load_template(connection, template_id, None)
                now = to_db_time(self._clock.now())
                store_template_version(connection, template, now)
                connection.execute(
                    "UPDATE templates SET retired_at = ? WHERE id = ?",
                    (now if retired else None, template_id),
                )

        self._worker.call(change)


def _given(**values: object) -> dict[str, object]:
    return {key: value for key, value in values.items() if value is not None}


def _copy_name(name: str) -> str:
    return (name + " (copy)")[:120]


def _validated(**values: object) -> Template:
    try:
        return Template.model_validate(values)
    except ValueError:
        raise InvalidTemplate() from None
