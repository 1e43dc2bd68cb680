"""Turns a journey map into geometry: stage columns, lane rows, card boxes, the emotion curve.

Pure Python. The engine keeps each card's inner arrangement (its wrapped text) while the card's
words do not change, so a relayout after a drag only restacks boxes.
"""

from __future__ import annotations

import gc
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
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
    EmotionBand,
    LaneBox,
    MapLayout,
    Rect,
    StageBox,
    TextLine,
)
from journeymap_desktop.layout.shapes import Point, monotone_curve
from journeymap_desktop.layout.text import FIT_SLACK, TextMeasurer, Wrapper
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.model.curves import curve_by_id, default_curve, value_word
from journeymap_desktop.model.evidence_text import BADGE_WORDS
from journeymap_desktop.model.map import Card, JourneyMap
from journeymap_desktop.model.queries import (
    CHANNEL_LABELS,
    KIND_LABELS,
    LANE_KIND_LABELS,
    cells,
)
from journeymap_desktop.model.scales import levels, neutral_level, position

_CardKey = tuple[object, ...]
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
            # and channel still fit whole beside it.
            word = BADGE_WORDS[depth.confidence]
            word_w = self.wrapper.width(word, FontRole.CAPTION)
            beside = self.wrapper.width(KIND_LABELS[card.kind].upper(), FontRole.CAPTION_BOLD)
            if card.channel:
                beside += 6 + self.wrapper.width(CHANNEL_LABELS[card.channel], FontRole.CAPTION)
            ball = 2 * BADGE_RADIUS
            middle_y = header_top + theme.CARD_HEADER_HEIGHT / 2
            if beside + 4 + ball + 2 + word_w <= right_edge - label_x - 2 * FIT_SLACK:
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
        columns = self._card_columns(journey, by_cell, contents)
        left = theme.MARGIN
        top = theme.MARGIN
        grid_x = left + theme.LANE_HEADER_WIDTH

        stage_texts = []
        header_h = float(theme.STAGE_HEADER_MIN_HEIGHT)
        for stage in journey.stages:
            text_w = column_width(columns[stage.id]) - 2 * theme.HEADER_PAD
            name_top = top + theme.STAGE_BAND + theme.HEADER_PAD - 2
            name, _ = self.lines(stage.name, FontRole.STAGE, 0, name_top, text_w,
                                 theme.STAGE_NAME_MAX_LINES)
            desc_top = name_top + len(name) * theme.line_height(FontRole.STAGE) + 2
            description, _ = self.lines(stage.description, FontRole.CAPTION, 0, desc_top,
                                        text_w, self._description_lines)
            needed = (desc_top - top) + len(description) * theme.line_height(
                FontRole.CAPTION) + theme.HEADER_PAD
            header_h = max(header_h, needed)
            stage_texts.append((name, description))

        stages = []
        x: float = grid_x
        for index, (stage, (name, description)) in enumerate(
                zip(journey.stages, stage_texts, strict=True)):
            col_w = column_width(columns[stage.id])
            dx = x + theme.HEADER_PAD
            stages.append(StageBox(
                stage_id=stage.id, index=index, header=Rect(x, top, col_w, header_h),
                column=Rect(x, top + header_h, col_w, 0),
                name=tuple(line.translated(dx, 0) for line in name),
                description=tuple(line.translated(dx, 0) for line in description),
                colour=stage.colour or theme.DEFAULT_STAGE_COLOUR,
                card_columns=columns[stage.id],
            ))
            x += col_w

        cards: dict[str, CardBox] = {}
        lanes: list[LaneBox] = []
        bands: list[EmotionBand] = []
        cell_ids: dict[tuple[str, str], list[str]] = {}
        y = top + header_h
        grid_w = x - grid_x
        for index, lane in enumerate(journey.lanes):
            band_h = self._band_height if lane.kind == "emotions" else 0.0
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
            header_needed += theme.HEADER_PAD

            row_h = max(self._lane_min_height, header_needed, band_h)
            for stage_box in stages:
                in_cell = by_cell.get((stage_box.stage_id, lane.id), [])
                if not in_cell:
                    continue
                cell_top = y + band_h
                bottom = cell_top
                ids = []
                for card, (cx, cy) in zip(in_cell, _grid_positions(
                        [contents[c.id].height for c in in_cell], stage_box.card_columns,
                        stage_box.column.x + theme.CELL_PAD_X, cell_top + theme.CELL_PAD_Y),
                        strict=True):
                    content = contents[card.id]
                    cards[card.id] = CardBox(card.id, Rect(cx, cy, theme.CARD_WIDTH,
                                                           content.height), content)
                    ids.append(card.id)
                    bottom = max(bottom, cy + content.height)
                cell_ids[(stage_box.stage_id, lane.id)] = ids
                row_h = max(row_h, bottom + theme.CELL_PAD_Y - y)
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
        return MapLayout(
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

    def _card_columns(self, journey: JourneyMap, by_cell: dict[tuple[str, str], list[Card]],
                      contents: dict[str, CardContent]) -> dict[str, int]:
        """How many cards side by side each stage holds. One, unless a stage has a crowded
        cell: then crowded stages widen, one column at a time, wherever that makes the map's
        proportions closest to landscape paper's, so a big map prints large on a poster (and
        reads the same on screen) instead of as a tall strip."""
        columns = {stage.id: 1 for stage in journey.stages}
        crowded = [stage.id for stage in journey.stages
                   if max((len(by_cell.get((stage.id, lane.id), ()))
                           for lane in journey.lanes), default=0) >= theme.WIDEN_FROM_CARDS]
        if not crowded or len(journey.stages) > theme.MAX_STAGES_TO_WIDEN:
            return columns
        heights = {cell: [contents[card.id].height for card in in_cell]
                   for cell, in_cell in by_cell.items()}
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
            (sid, lane.id): [
                (self._band_height if lane.kind == "emotions" else 0.0)
                + _cell_height(heights.get((sid, lane.id), []), k)
                for k in range(theme.MAX_CARD_COLUMNS + 1)
            ]
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
        most = {sid: max(len(by_cell.get((sid, lane.id), ())) for lane in journey.lanes)
                for sid in crowded}
        for rows in range(1, max(most.values()) + 1):
            choice = {**columns, **{sid: min(theme.MAX_CARD_COLUMNS, -(-most[sid] // rows))
                                    for sid in crowded}}
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
        placed: list[tuple[Card, StageBox, float, float, float, float]] = []
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
        line_h = theme.line_height(FontRole.CAPTION)
        tops = []
        for i, (_card, _box, _cx, cy, _slot, value) in enumerate(placed):
            below = value > scale.min and (value >= scale.max or i % 2 == 0)
            tops.append(cy + theme.FACE_RADIUS_CURVE + 3 if below
                        else cy - theme.FACE_RADIUS_CURVE - 3 - line_h)
        fills = {box.stage_id: theme.Role.stage_column(box.colour) for box in stages}
        points: list[CurvePoint] = []
        for i, (card, box, cx, cy, slot, value) in enumerate(placed):
            room = min([2 * slot, *_gaps_to_labels_at_same_height(placed, tops, i)]) - 8
            label = label_box = None
            shown = card.emotions[curve_id] if curve_id is not None else None
            if room >= 36 and self._captions and shown is not None:
                label = self._curve_label(value_word(journey, shown), cx, tops[i], room)
                inside = max(rect.x + 4, min(label.x, rect.right - label.width - 4))
                label = label.translated(inside - label.x, 0)
                label_box = Rect(label.x - 3, tops[i] + 1, label.width + 6, line_h - 2)
            points.append(CurvePoint(card.id, box.stage_id, value,
                                     theme.face_tone(position(scale, value)), (cx, cy), label,
                                     label_box, fills[box.stage_id]))
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
        key = curve_key([styles[curve.id] for curve in drawn], rect, line_h,
                        self.one_line) if self._captions else []
        return EmotionBand(lane_id, rect, level_y, points, segments,
                           {level: theme.face_tone(position(scale, level))
                            for level in level_y},
                           neutral_level(scale), scale.marks, traces, key)
