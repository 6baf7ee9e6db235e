"""Domain models: pydantic, no I/O, no Qt."""

from desktop.models.action_point import ActionPoint
from desktop.models.checkin import STRESS_CONTINUUM_ATTRIBUTION, CheckIn, StressZone
from desktop.models.crisis import CrisisLine, CrisisLines
from desktop.models.debrief import Debrief
from desktop.models.listing import DebriefPage, DebriefSummary, ListFilter, SearchHit, Snippet
from desktop.models.tag import InvalidTag, Tag
from desktop.models.template import InvalidTemplate, Template, TemplateField

__all__ = [
    "STRESS_CONTINUUM_ATTRIBUTION",
    "ActionPoint",
    "CheckIn",
    "CrisisLine",
    "CrisisLines",
    "Debrief",
    "DebriefPage",
    "DebriefSummary",
    "InvalidTag",
    "InvalidTemplate",
    "ListFilter",
    "SearchHit",
    "Snippet",
    "StressZone",
    "Tag",
    "Template",
    "TemplateField",
]
