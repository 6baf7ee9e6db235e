"""Light and dark themes from resources/themes: a palette, a small style sheet, a font floor.

Colours live in JSON so a test can check every text/background pair against WCAG AA
(4.5:1). "system" follows the desktop's colour scheme where Qt reports one.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop.resources import resource_path

MIN_POINT_SIZE = 10.0
THEME_NAMES = ("light", "dark")


def themes_dir() -> Path:
    """resources/themes, through the one resource helper (source or frozen bundle)."""
    return resource_path("themes")


def load_colours(name: str) -> dict[str, str]:
    """The named theme's colours, e.g. {"text": "#1f2328", ...}, and its check-mark icon."""
    colours: dict[str, str] = json.loads(
        (themes_dir() / f"{name}.json").read_text(encoding="utf-8")
    )
    return colours


_system_is_dark: bool | None = None


def effective_theme(preference: str) -> str:
    """Resolve "system" to light or dark from the desktop's own palette.

    Read once, before our palette replaces it. (The palette, not
    ``QStyleHints.colorScheme()``: that returns a ``Qt`` enum, and building the ``Qt``
    namespace costs ~20 ms of start-up.)
    """
    global _system_is_dark
    if preference in THEME_NAMES:
        return preference
    if _system_is_dark is None:
        window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
        _system_is_dark = window.lightness() < 128
    return "dark" if _system_is_dark else "light"


def _palette(colours: dict[str, str]) -> QPalette:
    role = QPalette.ColorRole
    palette = QPalette()
    pairs = {
        role.Window: colours["window"],
        role.WindowText: colours["text"],
        role.Base: colours["base"],
        role.AlternateBase: colours["alternate_base"],
        role.Text: colours["text"],
        role.Button: colours["button"],
        role.ButtonText: colours["text"],
        role.Highlight: colours["accent"],
        role.HighlightedText: colours["accent_text"],
        role.ToolTipBase: colours["base"],
        role.ToolTipText: colours["text"],
        role.PlaceholderText: colours["muted_text"],
        role.Link: colours["accent"],
        role.BrightText: colours["error_text"],
    }
    for which, value in pairs.items():
        palette.setColor(which, QColor(value))
    for which in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, which, QColor(colours["disabled_text"]))
    return palette


def style_sheet(colours: dict[str, str], base_point_size: float = MIN_POINT_SIZE) -> str:
    """base.qss with the theme's colours, and heading sizes scaled from the body font."""
    text = (themes_dir() / "base.qss").read_text(encoding="utf-8")
    sizes = {"app_name_pt": 1.3, "title_pt": 1.6, "code_pt": 1.5}
    for key, factor in sizes.items():
        text = text.replace("{" + key + "}", f"{base_point_size * factor:.1f}")
    text = text.replace("{icons}", (themes_dir().parent / "icons").as_posix())
    for key, value in colours.items():
        text = text.replace("{" + key + "}", value)
    return text


_APPLIED: dict[str, str] = {}  # the colours of the theme applied last


def theme_colour(key: str) -> str:
    """A colour of the theme in use (e.g. "mark"), for what a palette has no role for."""
    return _APPLIED.get(key) or load_colours("light")[key]


_DESKTOP_POINT_SIZE: list[float] = []  # the desktop's own text size, read once


def apply_theme(app: QApplication, preference: str, text_scale: int = 100) -> str:
    """Apply the theme (``"system"``, ``"light"`` or ``"dark"``); return the one applied.

    ``text_scale`` (percent, View > Text size) scales the desktop's own text size; widgets
    that set their own font (``look.emphasise``) follow through ``refresh_emphasis``.

    The palette assumes Qt's Fusion style, the same calm look on every platform; the app
    asks for it with ``-style fusion`` when it creates the QApplication (touching
    ``app.style()`` from Python here would build QStyle's ~550 enum members at start-up).
    """
    effective_theme("system")  # remember the desktop's own scheme before replacing it
    name = effective_theme(preference)
    colours = load_colours(name)
    _APPLIED.clear()
    _APPLIED.update(colours)
    app.setPalette(_palette(colours))
    font = app.font()
    if not _DESKTOP_POINT_SIZE:
        _DESKTOP_POINT_SIZE.append(max(font.pointSizeF(), MIN_POINT_SIZE))
    size = max(_DESKTOP_POINT_SIZE[0] * text_scale / 100, MIN_POINT_SIZE)
    resized = font.pointSizeF() != size
    if resized:
        font.setPointSizeF(size)
        app.setFont(font)
    app.setStyleSheet(style_sheet(colours, size))
    if app.allWidgets():  # at start-up there are none yet: nothing to refresh, no import
        # After the style sheet: re-polishing puts back the fonts widgets had before it.
        from desktop.ui.common.look import refresh_emphasis

        refresh_emphasis(app)
    return name
