"""Find and read files under `resources/`, from a source checkout or a PyInstaller bundle.

One helper for every caller (templates, crisis lines, themes), so a path that works
from source cannot quietly break only in the frozen app. No Qt here: the unlock
screen's crisis resources are read before anything else is imported.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.sentences import UserSentence

if TYPE_CHECKING:
    from desktop.models.crisis import CrisisLines
    from desktop.models.template import Template

RESOURCES_DIR = "resources"
TEMPLATES_DIR = "templates"
CRISIS_LINES_FILE = "crisis_lines.json"


class ResourcesMissing(UserSentence, FileNotFoundError):
    """Alongside's own files are missing. Reinstall Alongside."""


def resources_root(*, frozen_base: str | None = None, source_root: Path | None = None) -> Path:
    """The `resources/` folder: inside the bundle when frozen, else at the repo root.

    The keyword arguments exist for tests; callers pass nothing.
    """
    bundle = frozen_base if frozen_base is not None else getattr(sys, "_MEIPASS", None)
    if bundle:
        base = Path(bundle)
    else:
        base = source_root if source_root is not None else Path(__file__).resolve().parent.parent
    root = base / RESOURCES_DIR
    if not root.is_dir():
        raise ResourcesMissing("no-resources-folder")
    return root


def resource_path(*parts: str) -> Path:
    """A file or folder under `resources/`, e.g. `resource_path("templates")`."""
    return resources_root().joinpath(*parts)


@cache
def builtin_templates() -> tuple[Template, ...]:
    """The shipped templates in a stable order (by file name), each marked `builtin`."""
    from desktop.models.template import parse_template_json

    folder = resource_path(TEMPLATES_DIR)
    templates = tuple(
        parse_template_json(path.read_bytes(), builtin=True)
        for path in sorted(folder.glob("*.json"))
    )
    if not templates:
        raise ResourcesMissing("no-templates-folder")
    return templates


def load_crisis_lines() -> CrisisLines:
    """The shipped crisis resources (public data; lives outside any vault)."""
    from desktop.models.crisis import parse_crisis_lines

    return parse_crisis_lines(resource_path(CRISIS_LINES_FILE).read_bytes())
