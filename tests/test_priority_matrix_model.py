"""The prioritisation matrix without Qt: the scores a place on the matrix stands for, and the
layout the window and the handout both draw (layout.matrix)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap_desktop.layout.display import Group, Marker, Text, flatten
from journeymap_desktop.layout.geometry import Rect
from journeymap_desktop.layout.matrix import (
    QUADRANT_NAMES,
    MatrixAxes,
    matrix_items,
    matrix_layout,
    quadrant_of,
)
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.model.map import Card, JourneyMap
from journeymap_desktop.model.priority import (
    MATRIX_AXES,
    Priority,
    PriorityAxis,
    axis_value,
    matrix_quadrant,
    scores_at,
    scores_for_place,
)
from journeymap_desktop.storage import load_map

MEASURER = FontMeasurer()


def _example(name: str) -> JourneyMap:
    from journeymap_desktop.resources import examples_dir

    return load_map(Path(examples_dir()) / f"{name}.journeymap")


def _card(card_id: str, kind: str = "pain_point", title: str = "", **scores: int) -> Card:
    return Card(id=card_id, stage_id="s", lane_id="l", kind=kind,  # type: ignore[arg-type]
                title=title or card_id, priority=Priority(**scores) if scores else None)


# ----- scores from a place --------------------------------------------------------------------
def test_the_computed_value_moves_both_values_and_keeps_their_difference() -> None:
    priority = Priority(customer_value=80, business_value=60, effort=2)
    assert scores_at(priority, "value", 50) == {"customer_value": 60, "business_value": 40}
    # Near the top the difference gives way, the mean still lands where asked.
    scores = scores_at(priority, "value", 95)
    assert scores == {"customer_value": 100, "business_value": 90}
    # Only one value scored: it moves alone; none: both get the value.
    assert scores_at(Priority(business_value=30), "value", 70) == {"business_value": 70}
    assert scores_at(None, "value", 64.6) == {"customer_value": 65, "business_value": 65}
    assert scores_at(priority, "effort", 7.2) == {"effort": 5}
    assert scores_at(priority, "customer_value", -3) == {"customer_value": 0}


def test_dragging_along_one_axis_never_moves_the_card_along_the_other() -> None:
    priority = Priority(customer_value=70, business_value=30, effort=1)
    # Across: customer value, up: the computed value. Moving across keeps the value (the
    # business value makes up for it); moving up keeps the customer value.
    across = scores_for_place(priority, "customer_value", "value", 90, 50)
    assert across == {"customer_value": 90, "business_value": 10}
    up = scores_for_place(priority, "customer_value", "value", 70, 60)
    assert up == {"business_value": 50}
    # Less than a whole step from where it is: that axis keeps its scores (a mean of 82.5
    # stays 82.5 when the card moves only across).
    half = Priority(customer_value=85, business_value=80, effort=3)
    assert scores_for_place(half, "effort", "value", 1, 82.7) == {"effort": 1}
    swapped = scores_for_place(priority, "value", "business_value", 60, 30)
    assert swapped == {"customer_value": 90}


@given(st.builds(Priority,
                 customer_value=st.none() | st.integers(0, 100),
                 business_value=st.none() | st.integers(0, 100),
                 effort=st.none() | st.integers(0, 5)),
       st.sampled_from([(x, y) for x, y in itertools.permutations(MATRIX_AXES, 2)]),
       st.floats(-20, 120), st.floats(-20, 120))
def test_a_place_gives_valid_scores_that_land_there(priority: Priority,
                                                    axes: tuple[PriorityAxis, PriorityAxis],
                                                    x: float, y: float) -> None:
    x_axis, y_axis = axes
    if x_axis == "effort":
        x = x / 20
    if y_axis == "effort":
        y = y / 20
    scores = scores_for_place(priority, x_axis, y_axis, x, y)
    after = Priority.model_validate({**priority.model_dump(), **scores})  # in range
    for axis, wanted in ((x_axis, x), (y_axis, y)):
        low, high = (0, 5) if axis == "effort" else (0, 100)
        target = min(high, max(low, round(wanted)))
        got = axis_value(after, axis)
        assert got is not None
        # Exact, unless the other axis pins one of the two values the mean is made of.
        pinned = axis == "value" and {x_axis, y_axis} & {"customer_value", "business_value"}
        assert abs(got - target) <= (50 if pinned else 0.5), (axis, got, target, scores)


def test_quadrants_either_way_round() -> None:
    assert matrix_quadrant("effort", "value", 1, 80) == "quick_win"
    assert matrix_quadrant("effort", "value", 4, 80) == "major_project"
    assert matrix_quadrant("effort", "value", 2, 49) == "fill_in"
    assert matrix_quadrant("value", "effort", 30, 3) == "money_pit"
    assert matrix_quadrant("customer_value", "business_value", 90, 90) is None


# ----- the layout -----------------------------------------------------------------------------
def _labels_and_dots(layout) -> list[Rect]:  # type: ignore[no-untyped-def]
    rects = []
    for mark in layout.marks.values():
        cx, cy = mark.dot
        rects.append(Rect(mark.label.x + cx, mark.label.y + cy, mark.label.w, mark.label.h))
        rects.append(Rect(cx - 7, cy - 7, 14, 14))
    return rects


def _overlap(a: Rect, b: Rect) -> bool:
    return min(a.right, b.right) - max(a.x, b.x) > 0.5 and \
        min(a.bottom, b.bottom) - max(a.y, b.y) > 0.5


@pytest.mark.parametrize("name", ["grocery-delivery", "b2b-onboarding",
                                  "bike-service-blueprint"])
def test_every_scored_card_sits_where_its_scores_say_and_no_title_overlaps(name: str) -> None:
    journey = _example(name)
    layout = matrix_layout(journey.cards, MEASURER, 1100, 720)
    scored = [c for c in journey.cards if c.kind in ("pain_point", "opportunity")]
    assert set(layout.marks) == {c.id for c in scored}
    assert not layout.chips and layout.unscored == ()
    plot = layout.plot
    for card in scored:
        mark = layout.marks[card.id]
        assert card.priority is not None
        value = (card.priority.customer_value + card.priority.business_value) / 2  # type: ignore[operator]
        assert mark.scores == (card.priority.effort, value)
        exact = plot.place(card.priority.effort, value)  # type: ignore[arg-type]
        assert mark.exact == pytest.approx(exact)
        # Cards sharing a place are set side by side along the effort axis only.
        assert mark.dot[1] == pytest.approx(exact[1])
        assert abs(mark.dot[0] - exact[0]) <= 3 * 16
        assert plot.scores_at(*exact) == (card.priority.effort, round(value))
        assert plot.contains(*mark.dot)
    rects = _labels_and_dots(layout)
    titles = [rects[i] for i in range(0, len(rects), 2)]
    for a, b in itertools.combinations(titles, 2):
        assert not _overlap(a, b), (a, b)
    for title in titles:
        assert title.x >= plot.rect.x and title.right <= plot.rect.right
    dots = [(m.dot[0], m.dot[1]) for m in layout.marks.values()]
    for (x1, y1), (x2, y2) in itertools.combinations(dots, 2):
        assert (x1 - x2) ** 2 + (y1 - y2) ** 2 >= 13 ** 2, "two dots on top of each other"


def test_unscored_and_half_scored_cards_wait_in_the_tray_other_kinds_stay_off() -> None:
    cards = [_card("a", customer_value=80, business_value=60, effort=1),
             _card("b", kind="opportunity"),
             _card("c", customer_value=40),
             _card("t", kind="touchpoint", customer_value=90, business_value=90, effort=0),
             _card("n", kind="note")]
    layout = matrix_layout(cards, MEASURER, 1000, 640)
    assert list(layout.marks) == ["a"]
    assert layout.unscored == ("b", "c")
    texts = {c: " ".join(i.text for i in chip.items if isinstance(i, Text))
             for c, chip in layout.chips.items()}
    assert "not scored yet" in texts["b"] and "no effort yet" in texts["c"]
    assert layout.tray is not None and layout.tray.x > layout.plot.rect.right
    everything = " ".join(i.text for i in flatten(matrix_items(layout)) if isinstance(i, Text))
    assert "Not yet scored (2)" in everything
    # Customer value against effort: c still lacks effort; against business value b and c
    # both lack something.
    layout = matrix_layout(cards, MEASURER, 1000, 640, MatrixAxes("effort", "customer_value"))
    assert layout.unscored == ("b", "c")


def test_quadrant_names_only_for_a_value_against_effort() -> None:
    cards = [_card("a", customer_value=80, business_value=60, effort=1)]

    def words(axes: MatrixAxes) -> str:
        layout = matrix_layout(cards, MEASURER, 1000, 640, axes)
        return " ".join(i.text for i in flatten(list(layout.background)) if isinstance(i, Text))

    assert all(name in words(MatrixAxes()) for name in QUADRANT_NAMES.values())
    assert "Quick wins" in words(MatrixAxes("business_value", "effort"))
    assert "Quick wins" not in words(MatrixAxes("customer_value", "business_value"))
    with pytest.raises(ValueError):
        MatrixAxes("effort", "effort")
    # Quick wins lie at low effort and high value, whichever way round the axes are.
    for axes in (MatrixAxes("effort", "value"), MatrixAxes("value", "effort")):
        layout = matrix_layout(cards, MEASURER, 1000, 640, axes)
        assert quadrant_of(layout.plot, *layout.marks["a"].dot) == "quick_win"


def test_the_mark_draws_its_kind_and_title_and_the_paper_version_numbers_them() -> None:
    cards = [_card("a", title="Fees at the end", customer_value=80, business_value=60,
                   effort=1),
             _card("b", kind="opportunity", title="Show the total", customer_value=90,
                   business_value=90, effort=1)]
    layout = matrix_layout(cards, MEASURER, 1000, 640)
    for card_id, kind in (("a", "pain_point"), ("b", "opportunity")):
        group = next(i for i in matrix_items(layout) if isinstance(i, Group)
                     and any(isinstance(j, Marker) and j.kind == kind for j in i.items))
        assert (group.dx, group.dy) == layout.marks[card_id].dot
    paper = matrix_layout(cards, MEASURER, 500, 380, tray=False, text_scale=0.85,
                          numbered=True)
    labels = {m.card_id: " ".join(t.text for t in m.label_items) for m in paper.marks.values()}
    assert labels == {"b": "1 Show the total", "a": "2 Fees at the end"}
    assert paper.tray is None and not paper.chips
    assert all(t.scale == 0.85 for m in paper.marks.values() for t in m.label_items)


def test_a_crowd_keeps_titles_for_the_best_ranked_and_never_piles_numbers() -> None:
    from journeymap_desktop.layout.matrix import MAX_TITLES

    cards = [_card(f"c{i}", title=f"Card {i}", customer_value=(i * 7) % 101,
                   business_value=(i * 13) % 101, effort=i % 6) for i in range(300)]
    for numbered in (False, True):
        layout = matrix_layout(cards, MEASURER, 1000, 640, tray=not numbered,
                               numbered=numbered)
        assert len(layout.marks) == 300
        titled = [m for m in layout.marks.values() if m.label_items]
        assert len(titled) >= MAX_TITLES
        crowd = [m for m in layout.marks.values() if m.label_items and " " not in
                 " ".join(t.text for t in m.label_items)]
        assert (len(crowd) > 0) == numbered  # on paper, ranks beside dots where they fit
        boxes = [Rect(m.label.x + m.dot[0], m.label.y + m.dot[1], m.label.w, m.label.h)
                 for m in crowd]
        for a, b in itertools.combinations(boxes, 2):
            assert not _overlap(a, b)
