"""Light and dark themes stay readable: WCAG AA contrast, a font floor of 10 pt."""

from __future__ import annotations

import re

import pytest

from desktop.ui.common.theme import MIN_POINT_SIZE, apply_theme, load_colours, style_sheet

TEXT_ON_BACKGROUND = [
    ("text", "window"),
    ("text", "base"),
    ("text", "button"),
    ("text", "sidebar"),
    ("text", "alternate_base"),
    ("muted_text", "window"),
    ("muted_text", "base"),
    ("accent_text", "accent"),
    ("accent", "window"),  # links
    ("accent", "base"),
    ("error_text", "window"),
    ("error_text", "base"),
    ("disabled_text", "window"),
    ("mark_text", "mark"),  # likely identifiers highlighted in the check's preview
]


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    high, low = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("foreground", "background"), TEXT_ON_BACKGROUND)
def test_text_contrast_meets_wcag_aa(theme, foreground, background):
    colours = load_colours(theme)
    ratio = contrast(colours[foreground], colours[background])
    assert ratio >= 4.5, f"{theme}: {foreground} on {background} is {ratio:.2f}:1"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_theme_applies_with_a_font_floor(qapp, theme):
    assert apply_theme(qapp, theme) == theme
    assert qapp.font().pointSizeF() >= MIN_POINT_SIZE
    assert not re.search(r"\{[a-z_]+\}", style_sheet(load_colours(theme))), "unfilled placeholder"
    apply_theme(qapp, "light")


def test_headings_scale_with_the_desktop_font():
    small = style_sheet(load_colours("light"), 10.0)
    large = style_sheet(load_colours("light"), 20.0)
    assert "font-size: 16.0pt" in small
    assert "font-size: 32.0pt" in large


def test_sidebar_rows_and_titles_follow_a_new_text_size_while_unlocked(qtbot, view):
    """View > Text size while a vault is open: the places keep their breathing room and
    the peer's name stays a title (the style sheet's size, not the body text's)."""
    from desktop.ui.shell.places import Place

    window = view.window()
    view.go_to_place(Place.PEERS)
    name = view.peers.card.name
    title_before = name.font().pointSizeF()
    width_before = view.peers.list.parentWidget().minimumWidth()
    body_before = name.parentWidget().font().pointSizeF()
    assert title_before > body_before
    window.computer.set_text_scale(150)
    try:
        places = view.places
        assert places.item(0).sizeHint().height() == places.fontMetrics().height() + 16
        column = view.peers.list.parentWidget()  # names and roles: 18 ems, at most 280 px
        assert column.minimumWidth() == min(18 * column.fontMetrics().horizontalAdvance("m"), 280)
        assert column.minimumWidth() > width_before
        assert name.font().pointSizeF() > name.parentWidget().font().pointSizeF()
        assert name.font().pointSizeF() > title_before
        window.computer.set_theme("dark")  # a theme alone keeps the title's size
        assert name.font().pointSizeF() > name.parentWidget().font().pointSizeF()
    finally:
        window.computer.set_theme("light")
        window.computer.set_text_scale(100)
