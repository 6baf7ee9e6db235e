"""Export debriefs to Markdown: pure functions of models, no I/O, no Qt.

The UI writes the returned text to a file the user chose (after warning that it is
not encrypted); PDF is made by the UI with Qt's own writer from the same items.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from desktop.models.action_point import ActionPoint
from desktop.models.checkin import STRESS_CONTINUUM_ATTRIBUTION, CheckIn
from desktop.models.debrief import Debrief
from desktop.models.template import Template

UNTITLED = "Untitled debrief"


@dataclass(frozen=True)
class ExportItem:
    """One debrief with what it needs to be read on its own: template, actions, check-in."""

    debrief: Debrief
    template: Template | None = None
    actions: Sequence[ActionPoint] = field(default_factory=tuple)
    checkin: CheckIn | None = None


def default_export_filename(count: int, today: date, extension: str = "md") -> str:
    """A neutral file name: never the title, which may name a patient or a colleague."""
    noun = "debrief" if count == 1 else f"debriefs-{count}"
    return f"alongside-{noun}-{today.isoformat()}.{extension}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _action_line(action: ActionPoint) -> str:
    box = "[x]" if action.done else "[ ]"
    due = f" (due {action.due.isoformat()})" if action.due else ""
    return f"- {box} {_one_line(action.text)}{due}"


def debrief_to_markdown(item: ExportItem) -> str:
    """One debrief as Markdown: title, facts, each field under its heading, actions."""
    debrief, template = item.debrief, item.template
    lines = [f"# {_one_line(debrief.title) or UNTITLED}", ""]
    facts = [f"Written {_when(debrief.created)}", f"last saved {_when(debrief.updated)}"]
    if template is not None:
        facts.insert(0, f"Template: {_one_line(template.name)} (version {template.version})")
    lines.append(" · ".join(facts))
    if debrief.tags:
        lines.append("Tags: " + ", ".join(debrief.tags))
    if item.checkin is not None:
        checkin = item.checkin
        detail = [f"Check-in: {checkin.zone.label} ({checkin.zone.colour})"]
        if checkin.energy is not None:
            detail.append(f"energy {checkin.energy}/10")
        if checkin.sleep is not None:
            detail.append(f"sleep {checkin.sleep}/10")
        lines.append(", ".join(detail))
        if checkin.note.strip():
            lines.append(f"Check-in note: {_one_line(checkin.note)}")
    lines.append("")
    actions_by_field: dict[str, list[ActionPoint]] = {}
    for action in item.actions:
        actions_by_field.setdefault(action.field_id, []).append(action)
    if template is None:
        lines += [debrief.body.rstrip(), ""]
        for actions in actions_by_field.values():
            lines += [_action_line(action) for action in actions] + [""]
    else:
        for template_field in template.fields:
            lines += [f"## {_one_line(template_field.heading)}", ""]
            text = debrief.fields.get(template_field.id, "").rstrip()
            if text:
                lines += [text, ""]
            actions = actions_by_field.get(template_field.id, [])
            if actions:
                lines += [_action_line(action) for action in actions] + [""]
        if template.attribution:
            lines += [f"_{_one_line(template.attribution)}_", ""]
    if item.checkin is not None:
        lines += [f"_{STRESS_CONTINUUM_ATTRIBUTION}_", ""]
    return "\n".join(lines).rstrip() + "\n"


def debriefs_to_markdown(items: Sequence[ExportItem]) -> str:
    """Several debriefs in one document, separated by rules, in the order given."""
    return "\n---\n\n".join(debrief_to_markdown(item) for item in items)
