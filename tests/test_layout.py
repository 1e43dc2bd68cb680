"""The shared layout, tested without Qt or reportlab: a fake measurer gives every character
the same width, so positions and line breaks are predictable."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap_desktop.layout import theme
from journeymap_desktop.layout.engine import LayoutEngine, column_width
from journeymap_desktop.layout.navigation import neighbour_card
from journeymap_desktop.layout.shapes import face, kind_marker, monotone_curve, star
from journeymap_desktop.layout.text import ELLIPSIS, Wrapper, clean_text
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.model.map import Card, JourneyMap
from tests.helpers_model import feel


class FixedWidth:
    """Every character is 0.6 em wide; ascent 0.8 em, descent 0.2 em."""

    def width(self, text: str, role: FontRole) -> float:
        return len(text) * theme.FONTS[role].size * 0.6

    def ascent(self, role: FontRole) -> float:
        return theme.FONTS[role].size * 0.8

    def descent(self, role: FontRole) -> float:
        return theme.FONTS[role].size * 0.2


ROLE = FontRole.CARD_BODY  # 11 units: 6.6 units a character


def wrapper() -> Wrapper:
    return Wrapper(FixedWidth())


def test_wrap_breaks_between_words_and_fits_the_width() -> None:
    width = 6.6 * 20 + 1  # 20 characters
    wrapped = wrapper().wrap("Hidden delivery fees at the very last step", ROLE, width, 5)
    assert wrapped.lines == ("Hidden delivery fees", "at the very last", "step")
    assert not wrapped.truncated


def test_too_much_text_ends_with_an_ellipsis_inside_the_width() -> None:
    w = wrapper()
    width = 6.6 * 20 + 1
    wrapped = w.wrap("one two three four five six seven eight nine ten eleven twelve", ROLE,
                     width, 2)
    assert wrapped.truncated
    assert len(wrapped.lines) == 2 and wrapped.lines[-1].endswith(ELLIPSIS)
    assert all(w.width(line, ROLE) <= width for line in wrapped.lines)


def test_a_word_longer_than_the_box_is_split() -> None:
    wrapped = wrapper().wrap("Donaudampfschifffahrtsgesellschaft", ROLE, 6.6 * 10 + 1, 5)
    assert "".join(wrapped.lines) == "Donaudampfschifffahrtsgesellschaft"
    assert all(len(line) <= 10 for line in wrapped.lines)


def test_line_breaks_in_the_text_are_kept_and_control_characters_dropped() -> None:
    wrapped = wrapper().wrap("first\r\nsecond\x07 line\n\n", ROLE, 1000, 5)
    assert wrapped.lines == ("first", "second line")
    assert clean_text("a\x00b\u200bc") == "ab\u200bc"


def test_an_ellipsis_never_separates_a_letter_from_its_accent() -> None:
    text = "cafe\u0301" * 12  # e + combining acute
    line = wrapper().fit(text, ROLE, 6.6 * 9)
    assert line.endswith(ELLIPSIS)
    assert not line[:-1].endswith("e"), "cut before the e whose accent follows"


@given(st.text(max_size=300), st.integers(min_value=1, max_value=6),
       st.floats(min_value=20, max_value=400))
def test_wrapped_lines_never_overflow(text: str, max_lines: int, width: float) -> None:
    w = wrapper()
    wrapped = w.wrap(text, ROLE, width, max_lines)
    assert len(wrapped.lines) <= max_lines
    for line in wrapped.lines:
        # A single character wider than the box is the only thing allowed to stick out.
        assert w.width(line, ROLE) <= width or len(line.rstrip(ELLIPSIS)) <= 1


def _map(cells: dict[tuple[int, int], int], stages: int = 4) -> JourneyMap:
    from journeymap_desktop.model.templates import service_journey

    journey = service_journey()
    journey.stages = journey.stages[:stages]
    cards = []
    for (s, lane), count in cells.items():
        for i in range(count):
            cards.append(Card(id=f"c{s}-{lane}-{i}", stage_id=journey.stages[s].id,
                              lane_id=journey.lanes[lane].id, order=i, title=f"Card {i}",
                              emotions=feel((i % 5) - 2 if lane == 1 else None)))
    journey.cards = cards
    return journey


def test_cards_stack_in_their_cells_and_lanes_grow_with_the_tallest_cell() -> None:
    journey = _map({(0, 1): 3, (1, 1): 1, (2, 3): 2})
    layout = LayoutEngine(FixedWidth()).layout(journey)
    stack = [layout.cards[f"c0-1-{i}"].rect for i in range(3)]
    assert stack[1].y == stack[0].bottom + theme.CARD_GAP
    assert all(r.x == stack[0].x for r in stack)
    touch_row = layout.lanes[1].row
    assert touch_row.bottom == pytest.approx(stack[2].bottom + theme.CELL_PAD_Y)
    cell = layout.cell_rect(journey.stages[0].id, journey.lanes[1].id)
    assert all(cell.contains(r.x, r.y) and r.right <= cell.right for r in stack)
    assert [s.header.x for s in layout.stages] == sorted(s.header.x for s in layout.stages)
    assert layout.width == pytest.approx(theme.MARGIN * 2 + theme.LANE_HEADER_WIDTH
                                         + 4 * column_width(1))


def test_drop_target_finds_the_cell_and_the_index_between_cards() -> None:
    journey = _map({(0, 1): 3})
    layout = LayoutEngine(FixedWidth()).layout(journey)
    first, second = (layout.cards[f"c0-1-{i}"].rect for i in range(2))
    x = first.x + 10
    assert layout.drop_target(x, first.y + 2).index == 0
    target = layout.drop_target(x, first.bottom - 2)
    assert target.index == 1
    assert target.indicator[1] == pytest.approx((first.bottom + second.y) / 2)
    assert layout.drop_target(x, layout.lanes[1].row.bottom - 2).index == 3
    empty = layout.drop_target(layout.stages[2].column.x + 20, layout.lanes[4].row.y + 30)
    assert (empty.stage_id, empty.lane_id, empty.index) == (journey.stages[2].id,
                                                            journey.lanes[4].id, 0)
    assert layout.drop_target(5, 5) is None
    assert layout.drop_target(layout.width - 5, layout.lanes[0].row.y + 5) is None


def test_a_crowded_stage_puts_cards_side_by_side_in_reading_order() -> None:
    journey = _map({(0, 1): 30, (1, 1): 2, (2, 1): 1})
    layout = LayoutEngine(FixedWidth()).layout(journey)
    crowded = layout.stages[0]
    assert crowded.card_columns > 1
    assert all(stage.card_columns == 1 for stage in layout.stages[1:])
    assert crowded.column.w == column_width(crowded.card_columns)
    rects = [layout.cards[f"c0-1-{i}"].rect for i in range(30)]
    k = crowded.card_columns
    assert rects[1].y == rects[0].y and rects[1].x > rects[0].x
    assert rects[k].y > rects[0].y and rects[k].x == rects[0].x
    # A drop on the right half of the second card goes after it, with an upright line.
    second = rects[1]
    target = layout.drop_target(second.x + second.w * 0.8, second.y + 5)
    assert target.index == 2
    x1, y1, x2, y2 = target.indicator
    assert x1 == x2 and (y1, y2) == (second.y, second.bottom)


def test_widening_makes_a_tall_map_closer_to_landscape() -> None:
    journey = _map({(s, lane): 12 for s in range(4) for lane in (0, 1, 3, 4)})
    layout = LayoutEngine(FixedWidth()).layout(journey)
    assert any(stage.card_columns > 1 for stage in layout.stages)
    assert layout.width / layout.height > 0.9


def test_the_emotion_band_has_a_point_per_feeling_card_in_journey_order() -> None:
    journey = _map({(0, 1): 3, (2, 1): 2})
    layout = LayoutEngine(FixedWidth()).layout(journey)
    (band,) = layout.bands
    assert [p.card_id for p in band.points] == ["c0-1-0", "c0-1-1", "c0-1-2", "c2-1-0",
                                                 "c2-1-1"]
    for point in band.points:
        assert point.centre[1] == band.level_y[int(point.value)]
    assert band.level_y[2] < band.level_y[0] < band.level_y[-2], "happier is higher"
    assert band.neutral == 0
    assert len(band.segments) == 4
    # The band sits at the top of the emotions lane; cards dropped there go below it.
    emotions = layout.lanes[2]
    assert band.rect.y == emotions.row.y
    target = layout.drop_target(layout.stages[0].column.x + 30, emotions.row.bottom - 5)
    assert target.indicator[1] > band.rect.bottom


@given(st.lists(st.integers(min_value=-2, max_value=2), min_size=2, max_size=30))
def test_the_curve_never_overshoots_the_scale(levels: list[int]) -> None:
    points = [(i * 40.0, 100.0 - level * 30.0) for i, level in enumerate(levels)]
    low, high = min(p[1] for p in points), max(p[1] for p in points)
    for segment in monotone_curve(points):
        for t in (i / 20 for i in range(21)):
            y = ((1 - t) ** 3 * segment.start[1] + 3 * (1 - t) ** 2 * t * segment.control1[1]
                 + 3 * (1 - t) * t ** 2 * segment.control2[1] + t ** 3 * segment.end[1])
            assert low - 1e-6 <= y <= high + 1e-6


def test_faces_smile_more_as_the_emotion_rises() -> None:
    tones = [i / 12 for i in range(13)]
    bends = [face(tone).mouth.control1[1] - face(tone).mouth.start[1] for tone in tones]
    assert bends == sorted(bends)
    assert len(set(bends)) == len(bends), "every tone has its own face"
    assert face(0.0).brows and not face(1.0).brows
    assert kind_marker("touchpoint", (0, 0), 4) is None
    assert len(kind_marker("pain_point", (0, 0), 4) or []) == 3
    assert len(star((0, 0), 6)) == 10


def test_arrow_navigation_follows_the_grid() -> None:
    journey = _map({(0, 1): 2, (1, 1): 1, (3, 3): 1})
    layout = LayoutEngine(FixedWidth()).layout(journey)
    assert neighbour_card(layout, "c0-1-0", "down") == "c0-1-1"
    assert neighbour_card(layout, "c0-1-1", "up") == "c0-1-0"
    assert neighbour_card(layout, "c0-1-0", "right") == "c1-1-0"
    assert neighbour_card(layout, "c1-1-0", "right") == "c3-3-0", "skips an empty stage"
    assert neighbour_card(layout, "c0-1-0", "left") is None
    assert neighbour_card(layout, "c0-1-0", "up") is None


def test_right_to_left_lines_sit_at_the_right_edge_of_their_box() -> None:
    journey = _map({(0, 1): 1})
    journey.cards[0].title = "שלום עולם"
    journey.cards[0].body = "English first, then עברית"
    box = LayoutEngine(FixedWidth()).layout(journey).cards["c0-1-0"]
    title = box.content.title[0]
    body = box.content.body[0]
    inner_right = theme.CARD_WIDTH - theme.CARD_PAD
    assert title.x + title.width == pytest.approx(inner_right)
    assert body.x == theme.CARD_PAD + theme.CARD_MARKER_WIDTH


def test_up_and_down_stay_in_the_same_column_of_side_by_side_cards() -> None:
    journey = _map({(0, 1): 20})
    layout = LayoutEngine(FixedWidth()).layout(journey)
    k = layout.stages[0].card_columns
    assert k >= 2
    right = f"c0-1-{k + 1}"  # second row, second column
    above = neighbour_card(layout, right, "up")
    assert above == "c0-1-1"
    assert neighbour_card(layout, "c0-1-1", "down") == right
    assert neighbour_card(layout, "c0-1-0", "right") == "c0-1-1"


def test_curve_labels_stay_inside_the_band_and_never_overlap() -> None:
    journey = _map({(s, 1): n for s, n in ((0, 1), (1, 3), (2, 2), (3, 1))})
    for card in journey.cards:
        for value in card.emotions.values():
            value.word = "extraordinarily-overwhelmed"
    (band,) = LayoutEngine(FixedWidth()).layout(journey).bands
    boxes = [(p.label_box, p.centre[1] > band.rect.y + band.rect.h / 2 or
              p.label_box.y > p.centre[1]) for p in band.points if p.label_box is not None]
    assert boxes
    for box, _ in boxes:
        assert band.rect.x <= box.x and box.right <= band.rect.right
    for i, (a, _) in enumerate(boxes):
        for b, _ in boxes[i + 1:]:
            overlap_x = a.x < b.right and b.x < a.right
            overlap_y = a.y < b.bottom and b.y < a.bottom
            assert not (overlap_x and overlap_y), (a, b)
