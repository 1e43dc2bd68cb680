"""The map from afar (layout.far), without Qt: which detail a card shows at a zoom, the far
title's size and lines, and the frozen headers' band."""

from __future__ import annotations

import pytest

from journeymap_desktop.layout import far, theme
from journeymap_desktop.layout.text import Wrapper
from journeymap_desktop.layout.typeface import FontMeasurer


@pytest.fixture(scope="module")
def wrapper() -> Wrapper:
    return Wrapper(FontMeasurer())


def test_detail_by_zoom() -> None:
    assert far.card_detail(1.0) == "full"
    assert far.card_detail(far.FULL_FROM) == "full"
    assert far.card_detail(0.33) == "title"
    assert far.card_detail(far.TITLES_FROM) == "title"
    assert far.card_detail(0.05) == "box"


@pytest.mark.parametrize("zoom", [0.2, 0.25, 0.33, 0.45, 0.55])
def test_the_far_title_is_about_ten_pixels_on_screen(zoom: float) -> None:
    size = theme.font_size(theme.FontRole.CARD_TITLE) * far.title_scale(zoom) * zoom
    assert size >= far.TITLE_SCREEN_PX or far.title_scale(zoom) == far.TITLE_SCALES[-1]
    assert size < far.TITLE_SCREEN_PX * 1.6


@pytest.mark.parametrize("title", [
    "Gets a referral code from a friend",
    "Approves substitutions by text",
    "Rechtsschutzversicherungsgesellschaften",
    "שלום עולם, ברוכים הבאים למפה",
    "",
])
def test_far_title_lines_stay_inside_the_card(wrapper: Wrapper, title: str) -> None:
    height = 90.0
    lines = far.title_lines(wrapper, title, height, 2.5, feeling=True)
    assert bool(lines) == bool(title)
    right = theme.CARD_WIDTH - far.FAR_PAD - far.strip_width(2.5)
    for line in lines:
        assert line.x >= theme.CARD_MARKER_WIDTH * 2 + far.FAR_PAD - 0.01
        assert line.x + line.width <= right + 0.01
        assert line.baseline + line.size * 0.3 <= height - far.FAR_PAD + 0.01
        assert line.size >= 2.5 * 12 * far.LEAST_WORD_FIT - 0.01
    if title.startswith("Gets"):
        assert lines[0].text.startswith("Gets a")  # at ~10 px on screen at 33 %
        assert lines[0].scale == 2.5


def test_the_header_band() -> None:
    assert far.header_scale(1.0) == 1.0
    assert far.header_scale(4.0) * 4.0 == pytest.approx(far.HEADER_MOST)
    assert far.header_scale(0.35) * 0.35 == pytest.approx(far.HEADER_LEAST)
    assert far.header_scale(4.0, most=1.5) * 4.0 == pytest.approx(1.5)
