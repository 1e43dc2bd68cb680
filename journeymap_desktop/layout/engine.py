"""Turns a journey map into geometry: stage columns, lane rows, card boxes, the emotion curve.

Pure Python. The engine keeps each card's inner arrangement (its wrapped text) while the card's
words do not change, so a relayout after a drag only restacks boxes.
"""

from __future__ import annotations

import bisect
import gc
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from journeymap_desktop.layout import theme
from journeymap_desktop.layout.blueprint import blueprint_rules
from journeymap_desktop.layout.card_depth import (
    BADGE_RADIUS,
    BRIEF_BADGE_RADIUS,
    CardDepth,
    card_depth,
)
from journeymap_desktop.layout.curve_traces import curve_key, curve_style, drawn_curves, trace
from journeymap_desktop.layout.density import (
    BRIEF_BAND_HEIGHT,
    BRIEF_LANE_MIN_HEIGHT,
    BRIEF_PAD,
    BRIEF_TITLE_LINES,
    Density,
    captions,
)
from journeymap_desktop.layout.geometry import (
    CardBox,
    CardContent,
    CurvePoint,
    CurveTrace,
    EmotionBand,
    LaneBox,
    MapLayout,
    Rect,
    StageBox,
    TextLine,
)
from journeymap_desktop.layout.shapes import Cubic, Point, monotone_curve, monotone_segment
from journeymap_desktop.layout.text import FIT_SLACK, TextMeasurer, Wrapper
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.model.curves import curve_by_id, default_curve, value_word
from journeymap_desktop.model.evidence_text import BADGE_WORDS
from journeymap_desktop.model.map import Card, JourneyMap, Lane, Stage
from journeymap_desktop.model.queries import (
    CHANNEL_LABELS,
    KIND_LABELS,
    LANE_KIND_LABELS,
    cells,
)
from journeymap_desktop.model.scales import levels, neutral_level, position

_CardKey = tuple[object, ...]
Cell = tuple[str, str]
# A stage header's name and description lines (at x = 0) and the height they need.
_StageText = tuple[tuple[TextLine, ...], tuple[TextLine, ...], float]
# What a card shows of its feeling on the shown curve: (face tone, word, as a dot), or None.
Shown = tuple[float, str, bool] | None
QUOTE_MAX_LINES = 5  # a quote lane's card shows its quote where a title goes, a little longer


def starts_right_to_left(text: str) -> bool:
    """True when the first letter with a strong direction is Hebrew, Arabic or the like."""
    for ch in text:
        direction = unicodedata.bidirectional(ch)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def column_width(card_columns: int) -> float:
    """Width of a stage column holding `card_columns` cards side by side."""
    return (2 * theme.CELL_PAD_X + card_columns * theme.CARD_WIDTH
            + (card_columns - 1) * theme.CARD_COLUMN_GAP)


def _grid_positions(heights: list[float], columns: int, x: float,
                    y: float) -> list[tuple[float, float]]:
    """Top-left corners of cards placed in rows of `columns`, in reading order."""
    positions = []
    for start in range(0, len(heights), columns):
        row = heights[start:start + columns]
        for i in range(len(row)):
            positions.append((x + i * (theme.CARD_WIDTH + theme.CARD_COLUMN_GAP), y))
        y += max(row) + theme.CARD_GAP
    return positions


def _gaps_to_labels_at_same_height(placed: list[tuple[Any, ...]], tops: list[float],
                                   index: int) -> list[float]:
    """Distances from point `index` to the nearest point left and right whose label would
    sit at an overlapping height."""
    line_h = theme.line_height(FontRole.CAPTION)
    gaps = []
    for step in (-1, 1):
        j = index + step
        while 0 <= j < len(placed):
            if abs(tops[j] - tops[index]) < line_h:
                gaps.append(abs(placed[j][2] - placed[index][2]))
                break
            j += step
    return gaps


def _cell_height(heights: list[float], columns: int) -> float:
    if not heights or columns <= 0:
        return 0.0
    rows = [max(heights[i:i + columns]) for i in range(0, len(heights), columns)]
    return 2 * theme.CELL_PAD_Y + sum(rows) + theme.CARD_GAP * (len(rows) - 1)


@contextmanager
def paused_collection() -> Iterator[None]:
    """A relayout makes tens of thousands of small objects and no reference cycles: a garbage
    collection in the middle would only scan the whole map and double the relayout's time."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _content_key(card: Card, shown: Shown) -> _CardKey:
    return (card.title, card.body, card.kind, card.channel, shown,
            card.votes, card.moment_of_truth, tuple(card.tags), card.owner)


def shown_curve_id(journey: JourneyMap, curve_id: str | None) -> str | None:
    """The curve drawn: `curve_id` if the map has it, else the map's first curve."""
    if curve_by_id(journey, curve_id) is not None:
        return curve_id
    first = default_curve(journey)
    return first.id if first is not None else None


def shown_emotion(journey: JourneyMap, card: Card, curve_id: str | None,
                  memo: dict[tuple[float, str], Shown] | None = None) -> Shown:
    """What a card shows of its value on the shown curve. `memo` (for one layout of one
    map: one scale) keeps what each (value, word) shows, as most cards share a few."""
    if curve_id is None or not card.emotions:
        return None
    value = card.emotions.get(curve_id)
    if value is None:
        return None
    key = (value.value, value.word)
    if memo is not None and key in memo:
        return memo[key]
    shown = (theme.face_tone(position(journey.scale, value.value)),
             value_word(journey, value), journey.scale.marks == "dots")
    if memo is not None:
        memo[key] = shown
    return shown


@dataclass(slots=True)
class LayoutChange:
    """What `LayoutEngine.relayout` did: the new layout and which of its parts moved, so the
    canvas updates only those items."""

    layout: MapLayout
    full: bool  # laid out whole (a structural change): anything may have moved
    cards: set[str] = field(default_factory=set)  # cards whose box (place or content) changed
    lanes: bool = False  # lane rows moved or grew: headers, grid and blueprint lines too
    bands: bool = False  # the emotion curve changed


@dataclass(slots=True)
class _Laid:
    """What the last layout found, kept so that the next edit re-lays out only its cells."""

    journey: JourneyMap  # the map laid out (changed in place by the document since)
    key: tuple[object, ...]  # its structure then (LayoutEngine._structure_key)
    layout: MapLayout
    by_cell: dict[Cell, list[Card]]  # each cell's cards in order
    cell_of: dict[str, Cell]
    heights: dict[Cell, list[float]]  # each cell's card heights, in order
    needs: dict[Cell, float]  # the lane row height each cell needs
    floors: dict[str, float]  # each lane's least row height (header, band, minimum)
    columns: dict[str, int]  # cards side by side per stage
    curve_id: str | None
    stage_texts: dict[str, _StageText]  # each stage header's lines and the height it needs


def _feels(cards: Iterable[Card], drawn_ids: Collection[str]) -> bool:
    """Whether any of these cards has a slot on the emotion curves: a touchpoint with a value
    on a drawn curve."""
    return any(card.kind == "touchpoint" and any(c in card.emotions for c in drawn_ids)
               for card in cards)


_Placed = tuple[Card, StageBox, float, float, float, float]  # card, stage, x, y, slot, value


def _label_top(scale: Any, index: int, cy: float, value: float) -> float:
    """Where point `index`'s word goes: labels alternate below and above the line, so
    neighbours seldom collide (at the scale's ends they go inside the band)."""
    below = value > scale.min and (value >= scale.max or index % 2 == 0)
    return (cy + theme.FACE_RADIUS_CURVE + 3 if below
            else cy - theme.FACE_RADIUS_CURVE - 3 - theme.line_height(FontRole.CAPTION))


@dataclass(slots=True)
class _BandState:
    """What the last layout of an emotion band found, for `_update_band`."""

    rect: Rect
    placed: list[_Placed]
    tops: list[float]  # each point's label top
    index: dict[str, int]  # card id -> its point
    by_top: dict[float, list[int]]  # label top -> the points with it, in order
    fills: dict[str, str]  # stage id -> the colour role behind its labels
    slots: list[tuple[Card, str, float]]  # every touchpoint on a drawn curve: card, stage, x
    slot_index: dict[str, int]  # card id -> its slot


def _curve_view(card: Card, drawn_ids: Collection[str]) -> tuple[object, ...]:
    """What of a card the emotion curves show: its kind, place and values on them."""
    return (card.kind, card.stage_id, card.lane_id, card.order,
            *(card.emotions.get(c) for c in drawn_ids))


def _patched(segments: list[Cubic], points: list[CurvePoint], moved: list[int]) -> list[Cubic]:
    """A curve's segments after the points at `moved` moved (monotone_curve's segments near
    a point depend on it; the others stay)."""
    if not moved:
        return segments
    centres = [point.centre for point in points]
    patched = list(segments)
    for k in moved:
        for j in range(max(0, k - 2), min(len(patched), k + 2)):
            patched[j] = monotone_segment(centres, j)
    return patched


class LayoutEngine:
    def __init__(self, measurer: TextMeasurer, density: Density = Density.FULL,
                 wrapper: Wrapper | None = None, curve_id: str | None = None) -> None:
        self.measurer = measurer
        # The curve cards and the emotions lane show (the editor's active curve); None, or a
        # curve the map lacks: the map's first curve.
        self.curve_id = curve_id
        # The curves the emotions lane draws besides the active one (None: every curve of
        # the map; the canvas passes what the saved view and the Curves menu show).
        self.shown_curve_ids: frozenset[str] | None = None
        # How much of each card shows (layout.density); brief densities show no
        # caption-sized text anywhere, so a poster can print them larger.
        self.density = density
        self._captions = captions(density)
        self._description_lines = theme.STAGE_DESCRIPTION_MAX_LINES if self._captions else 0
        full = density is Density.FULL
        self._lane_min_height = float(theme.LANE_MIN_HEIGHT if full else BRIEF_LANE_MIN_HEIGHT)
        self._band_height = float(theme.EMOTION_BAND_HEIGHT if full else BRIEF_BAND_HEIGHT)
        # Engines of several densities for one export may share a wrapper (its word widths).
        self.wrapper = wrapper if wrapper is not None else Wrapper(measurer)
        self._contents: dict[str, tuple[_CardKey, CardContent]] = {}
        self._laid: _Laid | None = None  # the last full or incremental layout (relayout)
        self._tables: dict[Cell, tuple[tuple[object, ...], list[float]]] = {}
        self._band_states: dict[str, _BandState] = {}
        self._labels: dict[tuple[str, int], tuple[str, float]] = {}
        self._baselines: dict[FontRole, float] = {}

    # ----- text helpers ----------------------------------------------------------------------
    def baseline(self, top: float, role: FontRole) -> float:
        """Baseline of a line whose box starts at `top`: glyphs centred in the line height."""
        offset = self._baselines.get(role)
        if offset is None:
            ascent = self.measurer.ascent(role)
            descent = self.measurer.descent(role)
            offset = self._baselines[role] = (theme.line_height(role)
                                              - (ascent + descent)) / 2 + ascent
        return top + offset

    def lines(self, text: str, role: FontRole, x: float, top: float, width: float,
              max_lines: int) -> tuple[tuple[TextLine, ...], bool]:
        wrapped = self.wrapper.wrap(text, role, width, max_lines)
        step = theme.line_height(role)
        rtl = starts_right_to_left(text)
        lines = []
        for i, line in enumerate(wrapped.lines):
            measured = self.wrapper.width(line, role)
            # Hebrew or Arabic reads from the right edge of its box.
            left = x + width - measured if rtl else x
            lines.append(TextLine(line, left, self.baseline(top + i * step, role), role,
                                  measured))
        return tuple(lines), wrapped.truncated

    def one_line(self, text: str, role: FontRole, x: float, top: float, width: float,
                 align: str = "left") -> TextLine:
        fitted = self.wrapper.fit(text, role, width)
        measured = self.wrapper.width(fitted, role)
        if align == "right":
            x = x + width - measured
        elif align == "centre":
            x = x + (width - measured) / 2
        return TextLine(fitted, x, self.baseline(top, role), role, measured)

    # ----- cards -----------------------------------------------------------------------------
    def card_content(self, card: Card, shown: Shown = None,
                     lane_kind: str | None = None) -> CardContent:
        """A card's inner arrangement; `lane_kind` is the kind of the lane it lies in (a
        metric lane's card shows its figure, a quote lane's its quote)."""
        depth = card_depth(card, lane_kind)
        key = (*_content_key(card, shown), depth)
        cached = self._contents.get(card.id)
        if cached is not None and cached[0] == key:
            return cached[1]
        content = (self._build_card_content(card, shown, depth) if self.density is Density.FULL
                   else self._build_brief_content(card, shown, depth))
        self._contents[card.id] = (key, content)
        return content

    def _build_card_content(self, card: Card, feeling: Shown,
                            depth: CardDepth | None = None) -> CardContent:
        pad = theme.CARD_PAD
        left = pad + theme.CARD_MARKER_WIDTH
        inner = theme.CARD_WIDTH - left - pad
        y: float = pad

        # Header: kind marker and label on the left; channel and moment-of-truth star right.
        header_top = y
        marker_radius = 4.0
        marker_centre = (left + marker_radius, header_top + theme.CARD_HEADER_HEIGHT / 2)
        star_centre = None
        right_edge: float = left + inner
        if card.moment_of_truth:
            star_centre = (right_edge - 6, header_top + theme.CARD_HEADER_HEIGHT / 2)
            right_edge -= 16
        label_x = left + 2 * marker_radius + 5
        caption_top = header_top + (theme.CARD_HEADER_HEIGHT - theme.line_height(
            FontRole.CAPTION)) / 2
        badge_centre = badge_label = None
        if depth is not None:
            # The confidence badge at the right of the header; its word only when the kind
            # and channel still fit whole beside it, and never "none": on a map without
            # evidence every card would repeat it, and the empty ring (in the legend) says it.
            word = BADGE_WORDS[depth.confidence]
            word_w = self.wrapper.width(word, FontRole.CAPTION)
            beside = self.wrapper.width(KIND_LABELS[card.kind].upper(), FontRole.CAPTION_BOLD)
            if card.channel:
                beside += 6 + self.wrapper.width(CHANNEL_LABELS[card.channel], FontRole.CAPTION)
            ball = 2 * BADGE_RADIUS
            middle_y = header_top + theme.CARD_HEADER_HEIGHT / 2
            if depth.confidence != "none" and (
                    beside + 4 + ball + 2 + word_w <= right_edge - label_x - 2 * FIT_SLACK):
                badge_label = TextLine(word, right_edge - word_w,
                                       self.baseline(caption_top, FontRole.CAPTION),
                                       FontRole.CAPTION, word_w)
                badge_centre = (right_edge - word_w - 2 - BADGE_RADIUS, middle_y)
                right_edge -= ball + 2 + word_w + 4
            else:
                badge_centre = (right_edge - BADGE_RADIUS, middle_y)
                right_edge -= ball + 4
        channel_label = None
        if card.channel:
            channel_label = self.one_line(CHANNEL_LABELS[card.channel], FontRole.CAPTION,
                                          label_x, caption_top, right_edge - label_x,
                                          align="right")
            kind_room = channel_label.x - label_x - 6
        else:
            kind_room = right_edge - label_x
        kind_label = self.one_line(KIND_LABELS[card.kind].upper(), FontRole.CAPTION_BOLD,
                                   label_x, caption_top, max(kind_room, 10))
        y += theme.CARD_HEADER_HEIGHT + theme.CARD_SECTION_GAP

        quote = depth.quote if depth is not None else None
        title, title_cut = self.lines(quote or card.title or "Untitled", FontRole.CARD_TITLE,
                                      left, y, inner, QUOTE_MAX_LINES if quote
                                      else theme.CARD_TITLE_MAX_LINES)
        y += len(title) * theme.line_height(FontRole.CARD_TITLE)
        quote_caption = figure = figure_caption = None
        if quote and depth is not None and depth.attribution:
            y += 2
            quote_caption = self.one_line(depth.attribution, FontRole.CAPTION, left, y, inner)
            y += theme.line_height(FontRole.CAPTION)
        if depth is not None and depth.figure is not None:
            y += 2
            figure = self.one_line(depth.figure, FontRole.STAGE, left, y, inner)
            y += theme.line_height(FontRole.STAGE)
            if depth.figure_caption:
                figure_caption = self.one_line(depth.figure_caption, FontRole.CAPTION, left, y,
                                               inner)
                y += theme.line_height(FontRole.CAPTION)

        body: tuple[TextLine, ...] = ()
        body_cut = False
        if card.body.strip():
            y += 2
            body, body_cut = self.lines(card.body, FontRole.CARD_BODY, left, y, inner,
                                        theme.CARD_BODY_MAX_LINES)
            y += len(body) * theme.line_height(FontRole.CARD_BODY)

        meta = None
        meta_text = " ".join([*([card.owner] if card.owner else []),
                              *(f"#{tag}" for tag in card.tags)])
        if meta_text:
            y += theme.CARD_SECTION_GAP
            meta = self.one_line(meta_text, FontRole.CAPTION, left, y, inner)
            y += theme.line_height(FontRole.CAPTION)

        face_centre = None
        emotion_label = None
        vote_dots: tuple[Point, ...] = ()
        votes_more = None
        if feeling is not None or card.votes > 0:
            y += theme.CARD_SECTION_GAP
            middle = y + theme.CARD_FOOTER_HEIGHT / 2
            votes_left: float = left + inner
            if card.votes > 0:
                shown = min(card.votes, theme.VOTE_DOTS_MAX)
                step = theme.VOTE_DOT_RADIUS * 2 + 3
                extra = card.votes - shown
                if extra:
                    votes_more = self.one_line(f"+{extra}", FontRole.CAPTION_BOLD, left, 0,
                                               inner, align="right")
                    votes_more = TextLine(votes_more.text, votes_more.x,
                                          self.baseline(middle - theme.line_height(
                                              FontRole.CAPTION) / 2, FontRole.CAPTION_BOLD),
                                          FontRole.CAPTION_BOLD, votes_more.width)
                    votes_left = votes_more.x - 4
                first = votes_left - theme.VOTE_DOT_RADIUS - (shown - 1) * step
                vote_dots = tuple((first + i * step, middle) for i in range(shown))
                votes_left = first - theme.VOTE_DOT_RADIUS - 6
            if feeling is not None:
                radius = theme.FACE_RADIUS_CARD
                face_centre = (left + radius, middle)
                word_x = left + 2 * radius + 6
                emotion_label = self.one_line(
                    feeling[1], FontRole.CAPTION, word_x,
                    middle - theme.line_height(FontRole.CAPTION) / 2,
                    max(votes_left - word_x, 10),
                )
            y += theme.CARD_FOOTER_HEIGHT
        height = y + pad
        return CardContent(
            height=height, kind_label=kind_label, marker_centre=marker_centre,
            marker_radius=marker_radius, channel_label=channel_label, star_centre=star_centre,
            title=title, body=body, meta=meta, face_centre=face_centre,
            emotion_label=emotion_label, vote_dots=vote_dots, votes_more=votes_more,
            title_truncated=title_cut, body_truncated=body_cut,
            face_tone=None if feeling is None else feeling[0],
            face_as_dot=feeling is not None and feeling[2],
            badge=depth.confidence if depth is not None else None, badge_centre=badge_centre,
            badge_label=badge_label, figure=figure, figure_caption=figure_caption,
            quote_caption=quote_caption,
        )

    def _build_brief_content(self, card: Card, feeling: Shown,
                             depth: CardDepth | None = None) -> CardContent:
        """A card at a brief density: kind marker and title; COMPACT adds the face, the
        moment-of-truth star and the vote dots. No caption-sized text."""
        compact = self.density is Density.COMPACT
        pad = BRIEF_PAD
        left = pad + theme.CARD_MARKER_WIDTH
        title_h = theme.line_height(FontRole.CARD_TITLE)
        marker_radius = 4.0
        marker_centre = (left + marker_radius, pad + title_h / 2)
        title_x = left + 2 * marker_radius + 5
        right_edge = theme.CARD_WIDTH - pad
        face_centre = star_centre = None
        column = 0.0  # the height of what stands at the right of the title
        if compact and feeling is not None:
            radius = theme.FACE_RADIUS_CARD
            face_centre = (right_edge - radius, pad + radius)
            column = 2 * radius
        if compact and card.moment_of_truth:
            if face_centre is not None:
                star_centre = (face_centre[0], pad + column + 4 + 6)
                column += 4 + 12
            else:
                star_centre = (right_edge - 6, pad + title_h / 2)
                column = 12
        badge_centre = None
        if compact and depth is not None:
            # The confidence badge alone (no caption-sized word at a brief density) in the
            # column at the right, under the face and the star.
            centre_x = right_edge - theme.FACE_RADIUS_CARD
            if column:
                column += 4
            badge_centre = (centre_x, pad + column + BRIEF_BADGE_RADIUS)
            column += 2 * BRIEF_BADGE_RADIUS
        if face_centre is not None or star_centre is not None or badge_centre is not None:
            right_edge -= 2 * theme.FACE_RADIUS_CARD + 6
        quote = depth.quote if depth is not None else None  # the quote is the card
        title, title_cut = self.lines(quote or card.title or "Untitled", FontRole.CARD_TITLE,
                                      title_x, pad, right_edge - title_x,
                                      BRIEF_TITLE_LINES[self.density])
        figure = None
        title_bottom = len(title) * title_h
        if compact and depth is not None and depth.figure is not None:
            figure = self.one_line(depth.figure, FontRole.STAGE, title_x, pad + title_bottom,
                                   right_edge - title_x)
            title_bottom += theme.line_height(FontRole.STAGE)
        y = pad + max(title_bottom, column)
        vote_dots: tuple[Point, ...] = ()
        if compact and card.votes > 0:
            step = theme.VOTE_DOT_RADIUS * 2 + 3
            middle = y + 2 + theme.VOTE_DOT_RADIUS
            vote_dots = tuple((title_x + theme.VOTE_DOT_RADIUS + i * step, middle)
                              for i in range(min(card.votes, theme.VOTE_DOTS_MAX)))
            y = middle + theme.VOTE_DOT_RADIUS
        return CardContent(
            height=y + pad, kind_label=None, marker_centre=marker_centre,
            marker_radius=marker_radius, channel_label=None, star_centre=star_centre,
            title=title, body=(), meta=None, face_centre=face_centre, emotion_label=None,
            vote_dots=vote_dots, votes_more=None, title_truncated=title_cut,
            body_truncated=bool(card.body.strip()),
            face_tone=None if face_centre is None or feeling is None else feeling[0],
            face_as_dot=face_centre is not None and feeling is not None and feeling[2],
            badge=depth.confidence if badge_centre is not None and depth is not None else None,
            badge_centre=badge_centre, figure=figure,
        )

    def _forget_removed_cards(self, journey: JourneyMap) -> None:
        if len(self._contents) > 2 * len(journey.cards) + 100:
            keep = {card.id for card in journey.cards}
            self._contents = {k: v for k, v in self._contents.items() if k in keep}

    # ----- the whole map ---------------------------------------------------------------------
    def layout(self, journey: JourneyMap) -> MapLayout:
        with paused_collection():
            return self._layout(journey)

    def _layout(self, journey: JourneyMap) -> MapLayout:
        self._forget_removed_cards(journey)
        by_cell = cells(journey)
        curve_id = shown_curve_id(journey, self.curve_id)
        memo: dict[tuple[float, str], Shown] = {}
        lane_kinds = {lane.id: lane.kind for lane in journey.lanes}
        contents = {card.id: self.card_content(card, shown_emotion(journey, card, curve_id,
                                                                   memo),
                                               lane_kinds.get(card.lane_id))
                    for card in journey.cards}
        heights = {cell: [contents[card.id].height for card in in_cell]
                   for cell, in_cell in by_cell.items()}
        columns = self._card_columns(journey, heights)
        left = theme.MARGIN
        top = theme.MARGIN
        grid_x = left + theme.LANE_HEADER_WIDTH

        stage_texts = {stage.id: self._stage_text(stage, columns[stage.id], top)
                       for stage in journey.stages}
        header_h = max([float(theme.STAGE_HEADER_MIN_HEIGHT),
                        *(needed for _name, _description, needed in stage_texts.values())])

        stages = []
        x: float = grid_x
        for index, stage in enumerate(journey.stages):
            stages.append(self._stage_box(stage, index, x, top, header_h, columns[stage.id],
                                          stage_texts[stage.id]))
            x += column_width(columns[stage.id])

        cards: dict[str, CardBox] = {}
        lanes: list[LaneBox] = []
        bands: list[EmotionBand] = []
        cell_ids: dict[tuple[str, str], list[str]] = {}
        needs: dict[tuple[str, str], float] = {}
        floors: dict[str, float] = {}
        y = top + header_h
        grid_w = x - grid_x
        for index, lane in enumerate(journey.lanes):
            band_h = self._band_height if lane.kind == "emotions" else 0.0
            title, kind_label, header_needed = self._lane_header(lane, left, y)
            row_h = floors[lane.id] = max(self._lane_min_height, header_needed, band_h)
            for stage_box in stages:
                in_cell = by_cell.get((stage_box.stage_id, lane.id), [])
                if not in_cell:
                    continue
                need = self._place_cell(in_cell, contents, stage_box, y, band_h, cards)
                cell_ids[(stage_box.stage_id, lane.id)] = [card.id for card in in_cell]
                needs[(stage_box.stage_id, lane.id)] = need
                row_h = max(row_h, need)
            lanes.append(LaneBox(
                lane_id=lane.id, index=index, kind=lane.kind,
                header=Rect(left, y, theme.LANE_HEADER_WIDTH, row_h),
                row=Rect(grid_x, y, grid_w, row_h), title=title, kind_label=kind_label,
            ))
            if band_h:
                bands.append(self._emotion_band(journey, by_cell, lane.id,
                                                Rect(grid_x, y, grid_w, band_h), stages,
                                                curve_id))
            y += row_h

        grid_h = y - top
        for stage_box in stages:
            stage_box.column.h = y - stage_box.column.y
        corner = Rect(left, top, theme.LANE_HEADER_WIDTH, header_h)
        corner_title, _ = self.lines(journey.title, FontRole.LANE, left + theme.HEADER_PAD,
                                     top + theme.HEADER_PAD, corner.w - 2 * theme.HEADER_PAD,
                                     max(1, int((header_h - 2 * theme.HEADER_PAD)
                                                // theme.line_height(FontRole.LANE))))
        layout = MapLayout(
            width=grid_x + grid_w + theme.MARGIN,
            height=y + theme.MARGIN,
            grid=Rect(grid_x, top, grid_w, grid_h),
            corner=corner,
            corner_title=corner_title,
            stages=stages,
            lanes=lanes,
            cards=cards,
            cells=cell_ids,
            bands=bands,
            captions=self._captions,
            blueprint=blueprint_rules(self, journey, lanes, stages, self._captions),
        )
        self._laid = _Laid(
            journey=journey, key=self._structure_key(journey), layout=layout, by_cell=by_cell,
            cell_of={card.id: cell for cell, in_cell in by_cell.items() for card in in_cell},
            heights=heights,
            needs=needs, floors=floors, columns=columns, curve_id=curve_id,
            stage_texts=stage_texts,
        )
        return layout

    def _stage_text(self, stage: Stage, card_columns: int, top: float) -> _StageText:
        """A stage header's name and description (at x = 0) for its column's width, and the
        header height they need."""
        text_w = column_width(card_columns) - 2 * theme.HEADER_PAD
        name_top = top + theme.STAGE_BAND + theme.HEADER_PAD - 2
        name, _ = self.lines(stage.name, FontRole.STAGE, 0, name_top, text_w,
                             theme.STAGE_NAME_MAX_LINES)
        desc_top = name_top + len(name) * theme.line_height(FontRole.STAGE) + 2
        description, _ = self.lines(stage.description, FontRole.CAPTION, 0, desc_top,
                                    text_w, self._description_lines)
        needed = (desc_top - top) + len(description) * theme.line_height(
            FontRole.CAPTION) + theme.HEADER_PAD
        return name, description, needed

    @staticmethod
    def _stage_box(stage: Stage, index: int, x: float, top: float, header_h: float,
                   card_columns: int, text: _StageText) -> StageBox:
        """A stage's header and column at `x` (the column's height is set when the lanes
        are laid out)."""
        name, description, _needed = text
        col_w = column_width(card_columns)
        dx = x + theme.HEADER_PAD
        return StageBox(
            stage_id=stage.id, index=index, header=Rect(x, top, col_w, header_h),
            column=Rect(x, top + header_h, col_w, 0),
            name=tuple(line.translated(dx, 0) for line in name),
            description=tuple(line.translated(dx, 0) for line in description),
            colour=stage.colour or theme.DEFAULT_STAGE_COLOUR,
            card_columns=card_columns,
        )

    def _lane_header(self, lane: Lane, left: float,
                     y: float) -> tuple[tuple[TextLine, ...], TextLine | None, float]:
        """A lane header's title and kind label for a row at `y`, and the height they need."""
        title, _ = self.lines(lane.name, FontRole.LANE, left + theme.HEADER_PAD,
                              y + theme.HEADER_PAD, theme.LANE_HEADER_WIDTH
                              - 2 * theme.HEADER_PAD, theme.LANE_TITLE_MAX_LINES)
        kind_label = None
        header_needed = theme.HEADER_PAD + len(title) * theme.line_height(FontRole.LANE)
        kind_text = LANE_KIND_LABELS[lane.kind]
        if self._captions and kind_text.casefold() != lane.name.strip().casefold():
            kind_label = self.one_line(kind_text.upper(), FontRole.CAPTION,
                                       left + theme.HEADER_PAD, y + header_needed + 2,
                                       theme.LANE_HEADER_WIDTH - 2 * theme.HEADER_PAD)
            header_needed += 2 + theme.line_height(FontRole.CAPTION)
        return title, kind_label, header_needed + theme.HEADER_PAD

    @staticmethod
    def _place_cell(in_cell: list[Card], contents: Mapping[str, CardContent],
                    stage_box: StageBox, y: float, band_h: float,
                    cards: dict[str, CardBox]) -> float:
        """Place one cell's cards (in a lane row starting at `y`) into `cards`; returns the
        row height the cell needs. The full and the incremental layout both place cells
        here, so they agree to the last bit."""
        cell_top = y + band_h
        bottom = cell_top
        for card, (cx, cy) in zip(in_cell, _grid_positions(
                [contents[c.id].height for c in in_cell], stage_box.card_columns,
                stage_box.column.x + theme.CELL_PAD_X, cell_top + theme.CELL_PAD_Y),
                strict=True):
            content = contents[card.id]
            cards[card.id] = CardBox(card.id, Rect(cx, cy, theme.CARD_WIDTH, content.height),
                                     content)
            bottom = max(bottom, cy + content.height)
        return bottom + theme.CELL_PAD_Y - y

    # ----- after an edit: only what changed ----------------------------------------------------
    def _structure_key(self, journey: JourneyMap) -> tuple[object, ...]:
        """Everything but the cards that a layout depends on: while it stays the same, an edit
        of cards re-lays out only their cells."""
        return (
            journey.title, journey.scale, self.curve_id, self.shown_curve_ids,
            tuple(journey.curves), tuple(journey.personas),  # curves' styles and names
            tuple((s.id, s.name, s.description, s.colour) for s in journey.stages),
            tuple((lane.id, lane.name, lane.kind) for lane in journey.lanes),
        )

    def relayout(self, journey: JourneyMap, changed_card_ids: Iterable[str]) -> LayoutChange:
        """The layout of `journey` after its cards `changed_card_ids` were edited, added,
        removed or moved (nothing else of the map changed since the last layout): re-measures
        only those cards, re-stacks only their cells, moves the lanes below a lane that grew
        or shrank, and redraws the curve only when a point of it changed. Equal to `layout`
        (tests/test_incremental_layout.py); falls back to it for structural changes (stages,
        lanes, the scale, curves, the title, a stage that gains or loses a card column) or
        when it has not laid out this map before."""
        with paused_collection():
            change = self._relayout_cells(journey, set(changed_card_ids))
            if change is None:
                change = LayoutChange(self._layout(journey), full=True)
            return change

    def _relayout_cells(self, journey: JourneyMap, changed: set[str]) -> LayoutChange | None:
        laid = self._laid
        if laid is None or laid.journey is not journey or \
                laid.key != self._structure_key(journey):
            return None
        old = laid.layout
        by_id = {card.id: card for card in journey.cards} if changed else {}
        curve_id = laid.curve_id
        # Cells whose cards or order change are read again from the map; a card edited in
        # place is swapped in its cell.
        affected: set[Cell] = set()
        reread: set[Cell] = set()
        for card_id in changed:
            card = by_id.get(card_id)
            was = laid.cell_of.get(card_id)
            cell = None if card is None else (card.stage_id, card.lane_id)
            if was is not None:
                affected.add(was)
            if card is None or cell is None:
                if was is not None:
                    reread.add(was)
                continue
            affected.add(cell)
            if cell != was:
                reread.add(cell)
                if was is not None:
                    reread.add(was)
                continue
            placed = laid.by_cell[cell]
            at = next(i for i, c in enumerate(placed) if c.id == card_id)
            if placed[at].order != card.order:
                reread.add(cell)
        # The curve is redrawn when a point of it may have changed: a card that is or was a
        # point changed kind, value or place, or a cell holding points was re-read.
        drawn_ids = [c.id for c in drawn_curves(journey, curve_id, self.shown_curve_ids)]
        feeling = _feels((card for cell in reread for card in laid.by_cell.get(cell, ())),
                         drawn_ids)
        # Cards on the curves whose values alone changed (before, after): the band is updated.
        values: list[tuple[Card, Card]] = []
        for card_id in changed:
            card = by_id.get(card_id)
            was = laid.cell_of.get(card_id)
            before = None if was is None else next(
                (c for c in laid.by_cell.get(was, ()) if c.id == card_id), None)
            if not _feels([c for c in (before, card) if c is not None], drawn_ids):
                continue
            if before is None or card is None:
                feeling = True
            elif _curve_view(before, drawn_ids) != _curve_view(card, drawn_ids):
                if _feels([before], drawn_ids) and _feels([card], drawn_ids) and \
                        _curve_view(before, ()) == _curve_view(card, ()):
                    values.append((before, card))
                else:
                    feeling = True
        by_cell = laid.by_cell
        if reread:
            found: dict[Cell, list[tuple[int, int, Card]]] = {cell: [] for cell in reread}
            for position, card in enumerate(journey.cards):
                entries = found.get((card.stage_id, card.lane_id))
                if entries is not None:
                    entries.append((card.order, position, card))
            for cell, entries in found.items():
                for card in by_cell.get(cell, ()):
                    if laid.cell_of.get(card.id) == cell:
                        del laid.cell_of[card.id]
                if entries:
                    entries.sort(key=lambda e: (e[0], e[1]))
                    by_cell[cell] = [card for _, _, card in entries]
                    for card in by_cell[cell]:
                        laid.cell_of[card.id] = cell
                else:
                    by_cell.pop(cell, None)
        for card_id in changed:
            card = by_id.get(card_id)
            if card is not None and (card.stage_id, card.lane_id) not in reread:
                in_cell = by_cell[(card.stage_id, card.lane_id)]
                at = next(i for i, c in enumerate(in_cell) if c.id == card_id)
                in_cell[at] = card

        # Measure the affected cells' cards (the unchanged come from the content cache).
        memo: dict[tuple[float, str], Shown] = {}
        lane_kinds = {lane.id: lane.kind for lane in journey.lanes}
        contents: dict[str, CardContent] = {}
        heights_moved = bool(reread)
        for cell in affected:
            cell_cards = by_cell.get(cell, [])
            for card in cell_cards:
                contents[card.id] = self.card_content(
                    card, shown_emotion(journey, card, curve_id, memo), lane_kinds.get(cell[1]))
            heights = [contents[card.id].height for card in cell_cards]
            if heights != laid.heights.get(cell, []):
                heights_moved = True
            if heights:
                laid.heights[cell] = heights
            else:
                laid.heights.pop(cell, None)
        feeling = feeling or _feels((card for cell in reread
                                     for card in by_cell.get(cell, ())), drawn_ids)
        # A stage that gains or loses a card column widens or narrows: the stages to its
        # right move (their cards are placed again, their contents kept).
        stage_list = old.stages
        grid_w = old.grid.w
        shifted: set[Cell] = set()
        columns = self._card_columns(journey, laid.heights) if heights_moved else laid.columns
        widened = columns != laid.columns
        if widened:
            top, header_h = old.corner.y, old.corner.h
            texts = dict(laid.stage_texts)
            for stage in journey.stages:
                if columns[stage.id] != laid.columns[stage.id]:
                    texts[stage.id] = self._stage_text(stage, columns[stage.id], top)
            if max([float(theme.STAGE_HEADER_MIN_HEIGHT),
                    *(text[2] for text in texts.values())]) != header_h:
                self._laid = None
                return None  # the stage headers grow or shrink: everything moves down
            stage_list = []
            x: float = old.grid.x
            for index, (stage, kept) in enumerate(zip(journey.stages, old.stages,
                                                      strict=True)):
                if kept.column.x == x and columns[stage.id] == kept.card_columns:
                    stage_list.append(kept)
                else:
                    stage_list.append(self._stage_box(stage, index, x, top, header_h,
                                                      columns[stage.id], texts[stage.id]))
                    shifted.update(cell for cell in by_cell if cell[0] == stage.id)
                x += column_width(columns[stage.id])
            grid_w = x - old.grid.x
            laid.columns, laid.stage_texts = columns, texts
            feeling = True  # the curve's points sit in the columns

        # Re-stack the affected cells; lanes whose height changed push the lanes below.
        stage_boxes = {stage.stage_id: stage for stage in stage_list}
        old_lanes = {lane.lane_id: lane for lane in old.lanes}
        cards = dict(old.cards)
        cells_now = dict(old.cells)
        moved: set[str] = set()
        for card_id in changed:
            if card_id not in by_id and cards.pop(card_id, None) is not None:
                moved.add(card_id)
        band_of = {lane.id: (self._band_height if lane.kind == "emotions" else 0.0)
                   for lane in journey.lanes}
        for cell in affected:
            stacked = by_cell.get(cell)
            if not stacked:
                cells_now.pop(cell, None)
                laid.needs.pop(cell, None)
                continue
            lane_box = old_lanes[cell[1]]
            laid.needs[cell] = self._place_cell(stacked, contents, stage_boxes[cell[0]],
                                                lane_box.row.y, band_of[cell[1]], cards)
            cells_now[cell] = [card.id for card in stacked]
            moved.update(cells_now[cell])
        for cell in shifted - affected:
            stacked = by_cell[cell]
            laid.needs[cell] = self._place_cell(stacked, self._cached_contents(stacked),
                                                stage_boxes[cell[0]], old_lanes[cell[1]].row.y,
                                                band_of[cell[1]], cards)
            moved.update(card.id for card in stacked)
        touched_lanes = {cell[1] for cell in affected | shifted}
        row_h = {lane.lane_id: lane.row.h for lane in old.lanes}
        for lane_id in touched_lanes:
            row_h[lane_id] = max([laid.floors[lane_id],
                                  *(laid.needs[(sid, lane_id)] for sid in stage_boxes
                                    if (sid, lane_id) in laid.needs)])
        lanes = old.lanes
        stages = stage_list
        bands = old.bands
        blueprint = old.blueprint
        grid = old.grid
        height = old.height
        lanes_moved = any(row_h[lane_id] != old_lanes[lane_id].row.h
                          for lane_id in touched_lanes)
        if lanes_moved or widened:
            left, top = old.corner.x, old.corner.y
            y = top + old.corner.h
            lanes = []
            for lane, box in zip(journey.lanes, old.lanes, strict=True):
                if y == box.row.y and row_h[lane.id] == box.row.h and not widened:
                    lanes.append(box)
                else:
                    title, kind_label, _ = self._lane_header(lane, left, y)
                    lanes.append(LaneBox(
                        lane_id=lane.id, index=box.index, kind=box.kind,
                        header=Rect(left, y, theme.LANE_HEADER_WIDTH, row_h[lane.id]),
                        row=Rect(box.row.x, y, grid_w, row_h[lane.id]), title=title,
                        kind_label=kind_label))
                    if y != box.row.y:  # the whole row moved: every cell in it
                        for stage_id, stage_box in stage_boxes.items():
                            row_cards = by_cell.get((stage_id, lane.id))
                            if row_cards:
                                laid.needs[(stage_id, lane.id)] = self._place_cell(
                                    row_cards, self._cached_contents(row_cards), stage_box, y,
                                    band_of[lane.id], cards)
                                moved.update(card.id for card in row_cards)
                        feeling = feeling or band_of[lane.id] > 0
                y += row_h[lane.id]
            grid = Rect(old.grid.x, old.grid.y, grid_w, y - top)
            height = y + theme.MARGIN
            stages = [StageBox(  # the columns end where the grid now ends
                stage_id=s.stage_id, index=s.index, header=s.header,
                column=Rect(s.column.x, s.column.y, s.column.w, y - s.column.y),
                name=s.name, description=s.description, colour=s.colour,
                card_columns=s.card_columns) for s in stage_list]
            blueprint = blueprint_rules(self, journey, lanes, stages, self._captions)
        if feeling:
            bands = [self._emotion_band(journey, by_cell, lane.lane_id,
                                        Rect(lane.row.x, lane.row.y, lane.row.w,
                                             band_of[lane.lane_id]), stages, curve_id)
                     for lane in lanes if band_of[lane.lane_id]]
        elif values:
            lane_boxes = {lane.lane_id: lane for lane in lanes}
            bands = []
            for band in old.bands:
                updated = self._update_band(journey, band, values, curve_id)
                if updated is None:
                    row = lane_boxes[band.lane_id].row
                    updated = self._emotion_band(journey, by_cell, band.lane_id, Rect(
                        row.x, row.y, row.w, band_of[band.lane_id]), stages, curve_id)
                bands.append(updated)
        layout = MapLayout(
            width=grid.x + grid.w + theme.MARGIN, height=height, grid=grid, corner=old.corner,
            corner_title=old.corner_title, stages=stages, lanes=lanes, cards=cards,
            cells=cells_now, bands=bands, captions=old.captions, blueprint=blueprint)
        laid.layout = layout
        return LayoutChange(layout, full=False, cards=moved, lanes=lanes_moved or widened,
                            bands=feeling or bool(values))

    def _cached_contents(self, in_cell: list[Card]) -> dict[str, CardContent]:
        """The contents last built for these (unchanged) cards."""
        return {card.id: self._contents[card.id][1] for card in in_cell}

    def _card_columns(self, journey: JourneyMap,
                      heights: dict[tuple[str, str], list[float]]) -> dict[str, int]:
        """How many cards side by side each stage holds. One, unless a stage has a crowded
        cell: then crowded stages widen, one column at a time, wherever that makes the map's
        proportions closest to landscape paper's, so a big map prints large on a poster (and
        reads the same on screen) instead of as a tall strip."""
        columns = {stage.id: 1 for stage in journey.stages}
        crowded = [stage.id for stage in journey.stages
                   if max((len(heights.get((stage.id, lane.id), ()))
                           for lane in journey.lanes), default=0) >= theme.WIDEN_FROM_CARDS]
        if not crowded or len(journey.stages) > theme.MAX_STAGES_TO_WIDEN:
            return columns
        # Each lane's height from the stages that keep one column, and from the band.
        fixed: dict[str, float] = {}
        for lane in journey.lanes:
            band = self._band_height if lane.kind == "emotions" else 0.0
            floor = max(self._lane_min_height, band)
            for stage in journey.stages:
                if stage.id not in crowded and (stage.id, lane.id) in heights:
                    floor = max(floor, band + _cell_height(heights[(stage.id, lane.id)], 1))
            fixed[lane.id] = floor
        tables = {
            (sid, lane.id): self._cell_table((sid, lane.id), heights.get((sid, lane.id), []),
                                             self._band_height if lane.kind == "emotions"
                                             else 0.0)
            for sid in crowded for lane in journey.lanes
        }
        fixed_width = theme.LANE_HEADER_WIDTH + sum(
            column_width(1) for stage in journey.stages if stage.id not in crowded)

        def fit(choice: dict[str, int]) -> float:
            width = fixed_width + sum(column_width(choice[sid]) for sid in crowded)
            height = theme.STAGE_HEADER_MIN_HEIGHT + sum(
                max(fixed[lane.id], *(tables[(sid, lane.id)][choice[sid]] for sid in crowded))
                for lane in journey.lanes)
            return min(theme.TARGET_ASPECT / width, 1.0 / height)

        # First a common limit of rows for all crowded stages (widening one stage alone does
        # nothing while another is as tall), then stage by stage where that still helps.
        best = fit(columns)
        most = {sid: max(len(heights.get((sid, lane.id), ())) for lane in journey.lanes)
                for sid in crowded}
        tried: set[tuple[int, ...]] = set()
        for rows in range(1, max(most.values()) + 1):
            choice = {**columns, **{sid: min(theme.MAX_CARD_COLUMNS, -(-most[sid] // rows))
                                    for sid in crowded}}
            seen = tuple(choice[sid] for sid in crowded)
            if seen in tried:
                continue  # scored already: it cannot beat the best now
            tried.add(seen)
            score = fit(choice)
            if score > best * 1.0001:
                best, columns = score, choice
        while True:
            trials = [(fit({**columns, sid: columns[sid] + 1}), sid) for sid in crowded
                      if columns[sid] < theme.MAX_CARD_COLUMNS]
            if not trials:
                break
            score, sid = max(trials)
            if score <= best * 1.0001:
                break
            best = score
            columns[sid] += 1
        return columns

    def _cell_table(self, cell: Cell, heights: list[float], band: float) -> list[float]:
        """A crowded cell's height with 0..MAX_CARD_COLUMNS cards side by side, remembered
        while its cards' heights stay the same (a relayout after an edit asks for all)."""
        key = (band, tuple(heights))
        cached = self._tables.get(cell)
        if cached is not None and cached[0] == key:
            return cached[1]
        table = [band + _cell_height(heights, k) for k in range(theme.MAX_CARD_COLUMNS + 1)]
        self._tables[cell] = (key, table)
        return table

    def _curve_label(self, word: str, cx: float, top: float, room: float) -> TextLine:
        """A word centred under (or over) a curve point; the fitting is remembered, as a long
        journey has thousands of points and a relayout follows every edit."""
        key = (word, round(room))
        fitted = self._labels.get(key)
        if fitted is None:
            text = self.wrapper.fit(word, FontRole.CAPTION, room)
            fitted = (text, self.wrapper.width(text, FontRole.CAPTION))
            if len(self._labels) > 50_000:
                self._labels.clear()
            self._labels[key] = fitted
        text, width = fitted
        return TextLine(text, cx - width / 2, self.baseline(top, FontRole.CAPTION),
                        FontRole.CAPTION, width)

    def _emotion_band(self, journey: JourneyMap, by_cell: dict[tuple[str, str], list[Card]],
                      lane_id: str, rect: Rect, stages: list[StageBox],
                      curve_id: str | None) -> EmotionBand:
        """The shown curves across the band: a guide per level of the map's scale (highest at
        the top); the active curve's points with faces and words; every other drawn curve
        (layout/curve_traces) on the same x positions; each with its evidence band."""
        scale = journey.scale
        pad = theme.EMOTION_BAND_PAD
        usable = rect.h - 2 * pad

        def height_of(value: float) -> float:
            return rect.y + pad + (1 - position(scale, value)) * usable

        level_y = {level: height_of(level) for level in levels(scale)}
        stage_x = {s.stage_id: s for s in stages}
        drawn = drawn_curves(journey, curve_id, self.shown_curve_ids)
        drawn_ids = [curve.id for curve in drawn]
        # card, stage, x, y, slot, value (the active curve's points); every touchpoint with a
        # value on a drawn curve gets a slot, so the curves line up card by card.
        placed: list[_Placed] = []
        slots: list[tuple[Card, str, float]] = []
        for stage in journey.stages:
            feeling = [card for lane in journey.lanes
                       for card in by_cell.get((stage.id, lane.id), [])
                       if card.kind == "touchpoint" and card.emotions
                       and any(cid in card.emotions for cid in drawn_ids)]
            box = stage_x[stage.id]
            for i, card in enumerate(feeling):
                slot = box.column.w / len(feeling)
                cx = box.column.x + slot * (i + 0.5)
                slots.append((card, box.stage_id, cx))
                held = card.emotions.get(curve_id) if curve_id is not None else None
                if held is not None:
                    placed.append((card, box, cx, height_of(held.value), slot, held.value))
        # Labels alternate below and above the line, so neighbours seldom collide (at the
        # scale's ends they go inside the band). Each word may use up to half the distance to
        # the nearest label at its height (on either side of the line), and stays inside.
        tops = [_label_top(scale, i, cy, value)
                for i, (_card, _box, _cx, cy, _slot, value) in enumerate(placed)]
        fills = {box.stage_id: theme.Role.stage_column(box.colour) for box in stages}
        points = [self._curve_point(journey, placed, tops, i, rect, fills, curve_id)
                  for i in range(len(placed))]
        traces = [trace(journey, curve_style(journey, curve, curve.id == curve_id), slots,
                        height_of, points if curve.id == curve_id else None)
                  for curve in drawn if curve.id != curve_id]
        active = next((curve for curve in drawn if curve.id == curve_id), None)
        if active is not None:
            traces.append(trace(journey, curve_style(journey, active, True), slots, height_of,
                                points))
        segments = traces[-1].segments if active is not None else monotone_curve(
            [p.centre for p in points])
        styles = {t.style.curve_id: t.style for t in traces}
        key = curve_key([styles[curve.id] for curve in drawn], rect,
                        theme.line_height(FontRole.CAPTION),
                        self.one_line) if self._captions else []
        by_top: dict[float, list[int]] = {}
        for i, top in enumerate(tops):
            by_top.setdefault(top, []).append(i)
        self._band_states[lane_id] = _BandState(
            Rect(rect.x, rect.y, rect.w, rect.h), placed, tops,
            {entry[0].id: i for i, entry in enumerate(placed)}, by_top, fills, slots,
            {entry[0].id: i for i, entry in enumerate(slots)})
        return EmotionBand(lane_id, rect, level_y, points, segments,
                           {level: theme.face_tone(position(scale, level))
                            for level in level_y},
                           neutral_level(scale), scale.marks, traces, key)

    def _curve_point(self, journey: JourneyMap, placed: list[_Placed], tops: list[float],
                     i: int, rect: Rect, fills: dict[str, str],
                     curve_id: str | None) -> CurvePoint:
        """Point `i` of the curve, its word fitted in the room its neighbours leave."""
        card, box, cx, cy, slot, value = placed[i]
        line_h = theme.line_height(FontRole.CAPTION)
        room = min([2 * slot, *_gaps_to_labels_at_same_height(placed, tops, i)]) - 8
        label = label_box = None
        shown = card.emotions[curve_id] if curve_id is not None else None
        if room >= 36 and self._captions and shown is not None:
            label = self._curve_label(value_word(journey, shown), cx, tops[i], room)
            inside = max(rect.x + 4, min(label.x, rect.right - label.width - 4))
            label = label.translated(inside - label.x, 0)
            label_box = Rect(label.x - 3, tops[i] + 1, label.width + 6, line_h - 2)
        return CurvePoint(card.id, box.stage_id, value,
                          theme.face_tone(position(journey.scale, value)), (cx, cy), label,
                          label_box, fills[box.stage_id])

    def _update_band(self, journey: JourneyMap, band: EmotionBand,
                     cards: list[tuple[Card, Card]], curve_id: str | None) -> EmotionBand | None:
        """The band after the values of `cards` (before, after: touchpoints keeping their
        slot and their place on the active curve) changed: the active curve's points, the
        labels whose room they change and its segments near them; on the other drawn curves
        the moved points and the segments near them; a curve whose evidence band changed is
        traced again. None when it cannot tell (lay the band out whole)."""
        state = self._band_states.get(band.lane_id)
        if state is None or state.rect != band.rect:
            return None
        scale = journey.scale
        rect = band.rect
        pad = theme.EMOTION_BAND_PAD
        usable = rect.h - 2 * pad

        def height_of(value: float) -> float:
            return rect.y + pad + (1 - position(scale, value)) * usable

        placed, tops, slots = state.placed, state.tops, state.slots
        drawn_ids = [t.style.curve_id for t in band.traces]
        changed: list[int] = []  # the active curve's points that moved
        moved: dict[str, list[tuple[Card, Card]]] = {}  # curve -> cards whose value changed
        for before, card in cards:
            at = state.slot_index.get(card.id)
            if at is None or not any(c in card.emotions for c in drawn_ids):
                return None
            slots[at] = (card, *slots[at][1:])
            for drawn_id in drawn_ids:
                if before.emotions.get(drawn_id) != card.emotions.get(drawn_id):
                    moved.setdefault(drawn_id, []).append((before, card))
            held = card.emotions.get(curve_id) if curve_id is not None else None
            i = state.index.get(card.id)
            if (i is None) != (held is None):
                return None  # a point joins or leaves the active curve
            if i is None or held is None or curve_id is None:
                continue
            _old, box, cx, _cy, slot, _value = placed[i]
            placed[i] = (card, box, cx, height_of(held.value), slot, held.value)
            if before.emotions.get(curve_id) == held:
                continue
            top = _label_top(scale, i, placed[i][3], held.value)
            if top != tops[i]:
                state.by_top[tops[i]].remove(i)
                if not state.by_top[tops[i]]:
                    del state.by_top[tops[i]]
                bisect.insort(state.by_top.setdefault(top, []), i)
                tops[i] = top
            changed.append(i)
        # A label's room ends at the nearest label at its height on either side: only the
        # last point of each height before a changed point, and the first after it, can see
        # another neighbour now.
        again = set(changed)
        for k in changed:
            for indices in state.by_top.values():
                at = bisect.bisect_left(indices, k)
                if at > 0:
                    again.add(indices[at - 1])
                at = bisect.bisect_right(indices, k)
                if at < len(indices):
                    again.add(indices[at])
        points = list(band.points)
        for i in again:
            points[i] = self._curve_point(journey, placed, tops, i, rect, state.fills, curve_id)
        segments = _patched(band.segments, points, changed)
        traces = []
        for old in band.traces:
            style = old.style
            pairs = moved.get(style.curve_id)
            if not pairs:
                traces.append(old)
                continue
            if any((b.emotions.get(style.curve_id) is None) != (a.emotions.get(style.curve_id)
                                                              is None)
                   or b.emotions[style.curve_id].evidence != a.emotions[style.curve_id].evidence
                   for b, a in pairs):
                # A point joins or leaves this curve, or its evidence band changed.
                traces.append(trace(journey, style, slots, height_of,
                                    points if style.active else None))
                continue
            if style.active:
                traces.append(CurveTrace(style, points, segments, old.spreads))
                continue
            index = {p.card_id: i for i, p in enumerate(old.points)}
            trace_points = list(old.points)
            where = []
            for _before, card in pairs:
                i = index[card.id]
                value = card.emotions[style.curve_id].value
                point = trace_points[i]
                trace_points[i] = CurvePoint(card.id, point.stage_id, value,
                                             theme.face_tone(position(scale, value)),
                                             (point.centre[0], height_of(value)), None)
                where.append(i)
            traces.append(CurveTrace(style, trace_points,
                                     _patched(old.segments, trace_points, where), old.spreads))
        if traces and traces[-1].style.active:
            segments = traces[-1].segments
        return EmotionBand(band.lane_id, rect, band.level_y, points, segments,
                           band.level_tones, band.neutral, band.marks, traces, band.key)
