"""The handout's text laid out as plain positioned items (pure, no canvas): every card in full,
in two newspaper columns that flow from page to page.

Stages follow one another without a page break: a stage heading, then each lane's heading and
its cards, each with the evidence it rests on. After the stages come the pain points and the
opportunities ranked by votes (each only when some card of that kind has votes), as an index.
Headings keep with the first card under them; a
card that does not fit what is left of a column moves to the next column; only a card taller
than a whole column is split. Every block is as tall as its own content. Coordinates are
points from the page's top-left, y down.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from journeymap_desktop.layout import theme
from journeymap_desktop.layout.card_depth import BADGE_RADIUS, CardDepth, card_depth
from journeymap_desktop.layout.display import (
    Bar,
    Box,
    Dots,
    Face,
    Lines,
    Marker,
    Star,
    Text,
    moved,
)
from journeymap_desktop.layout.engine import starts_right_to_left
from journeymap_desktop.layout.picture import confidence_badge, feeling_mark
from journeymap_desktop.layout.text import Wrapper
from journeymap_desktop.layout.theme import FontRole, Role
from journeymap_desktop.layout.typeface import FontMeasurer, ScaledMeasurer
from journeymap_desktop.model.confidence import (
    CONFIDENCE_LABELS,
    Confidence,
    card_metric,
    confidence,
)
from journeymap_desktop.model.curves import curve_value, default_curve, value_word
from journeymap_desktop.model.emotion import EmotionValue
from journeymap_desktop.model.evidence_text import distribution_text, evidence_line
from journeymap_desktop.model.map import Card, JourneyMap
from journeymap_desktop.model.queries import (
    CHANNEL_LABELS,
    KIND_LABELS,
    cells,
    ranked_by_votes,
    stage_by_id,
)
from journeymap_desktop.model.scales import level_name, position

ALL_LINES = 1_000_000  # "no limit" for the wrapper: handouts print every word
EVIDENCE_SCALE = 0.9  # the evidence under a card, as footnotes: captions at 9 pt
CARD_PAD = 6.0
CARD_GAP = 5.0
COLUMN_GAP = 14.0
BAR = float(theme.CARD_MARKER_WIDTH)
STAR_RADIUS = 5.0
MIN_CARD_START = 120.0  # a card taller than a column starts where at least this much is left

Item = Text | Box | Bar | Lines | Face | Marker | Star | Dots


@dataclass(frozen=True)
class PageArea:
    width: float
    height: float
    left: float
    top: float
    right: float
    bottom: float  # where the footer begins

    @property
    def inner_width(self) -> float:
        return self.right - self.left

    @property
    def column_width(self) -> float:
        return (self.inner_width - COLUMN_GAP) / 2


@dataclass(frozen=True)
class OutlineMark:
    """Where a section begins, for the PDF outline: `depth` 0 (a section) or 1 (a stage)."""

    title: str
    depth: int
    x: float
    y: float


@dataclass
class HandoutPage:
    kind: str  # "text" (the flow); the overview pages are the painter's
    items: list[Item] = field(default_factory=list)
    marks: list[OutlineMark] = field(default_factory=list)
    top: float = 0.0  # where the flow began on this page (below an overview part)

    @property
    def used(self) -> float:
        """How far down the page its items reach (the bottom of the lowest one)."""
        bottom = self.top
        for item in self.items:
            if isinstance(item, Text):
                bottom = max(bottom, item.baseline + 4)
            elif isinstance(item, Box | Bar):
                bottom = max(bottom, item.y + item.h)
        return bottom


@dataclass
class Row:
    height: float
    items: list[Item]  # y relative to the row's top


@dataclass
class Block:
    """Rows placed together in one column. A card's rows get a card box around them."""

    rows: list[Row]
    card: Card | None = None
    keep_with_next: bool = False  # a heading: never the last thing in a column
    mark: OutlineMark | None = None  # an outline entry where the block lands (x, y relative)
    gap_after: float = CARD_GAP
    running: Row | None = None  # a section heading: what heads the columns it goes on in

    @property
    def height(self) -> float:
        pad = 2 * CARD_PAD if self.card is not None else 0.0
        return sum(row.height for row in self.rows) + pad


def card_box(x: float, y: float, w: float, h: float, fill: str, bar: str) -> list[Item]:
    """A handout card's box: the fill and border, and its kind's colour along the left."""
    return [Box(x, y, w, h, fill, Role.CARD_BORDER, 0.75, theme.CARD_RADIUS),
            Bar(x, y, w, h, theme.CARD_RADIUS, theme.CARD_MARKER_WIDTH + 0.5, bar)]


def _shift(item: Item, dx: float, dy: float) -> Item:
    return moved(item, dx, dy)  # type: ignore[return-value]


class Writer:
    """Text rows for one measurer: every line of every text, in a given width."""

    def __init__(self, measurer: FontMeasurer, journey: JourneyMap) -> None:
        self.measurer = measurer
        self.wrapper = Wrapper(measurer)
        self.journey = journey
        self.lane_kinds = {lane.id: lane.kind for lane in journey.lanes}
        self.small = Wrapper(ScaledMeasurer(measurer, EVIDENCE_SCALE))
        curve = default_curve(journey)
        self.curve_id = curve.id if curve is not None else None

    def shown_value(self, card: Card) -> EmotionValue | None:
        """The card's value on the curve the handout shows (the map's first)."""
        return curve_value(card, self.curve_id)

    def baseline(self, top: float, role: FontRole) -> float:
        return self.measurer.baseline(top, role)

    def width(self, text: str, role: FontRole) -> float:
        return self.wrapper.width(text, role)

    def text_item(self, text: str, x: float, baseline: float, role: FontRole,
                  colour: str) -> Text:
        return Text(text, x, baseline, role, colour, self.width(text, role))

    def rows(self, text: str, role: FontRole, colour: str, x: float, width: float) -> list[Row]:
        """One row per wrapped line, every line of the text (right-aligned when it reads
        from the right)."""
        wrapped = self.wrapper.wrap(text, role, width, ALL_LINES)
        h = theme.line_height(role)
        rtl = starts_right_to_left(text)
        return [Row(h, [self.text_item(line, x + width - self.width(line, role) if rtl else x,
                                       self.baseline(0, role), role, colour)])
                for line in wrapped.lines]

    def small_rows(self, text: str, colour: str, x: float, width: float) -> list[Row]:
        """Every line of a text in the evidence's size (captions, EVIDENCE_SCALE smaller)."""
        role = FontRole.CAPTION
        wrapped = self.small.wrap(text, role, width, ALL_LINES)
        baseline = self.measurer.baseline(0, role, EVIDENCE_SCALE)
        rtl = starts_right_to_left(text)
        rows = []
        for line in wrapped.lines:
            measured = self.small.width(line, role)
            rows.append(Row(theme.line_height(role) * EVIDENCE_SCALE, [Text(
                line, x + width - measured if rtl else x, baseline, role, colour, measured,
                EVIDENCE_SCALE)]))
        return rows

    # ----- a card -------------------------------------------------------------------------
    def card_rows(self, card: Card, width: float) -> list[Row]:
        """A card's rows, x from the card's left edge: kind and channel with the confidence
        badge at the right, title (a metric lane's card: its figure under it), body, then
        one flow of facts (feeling, moment of truth, votes, owner, tags) and the evidence
        the card rests on, an item a line. Nothing is cut and nothing overlaps: what does
        not fit beside goes on a row of its own."""
        left = BAR + CARD_PAD
        inner = width - BAR - 2 * CARD_PAD
        depth = card_depth(card, self.lane_kinds.get(card.lane_id))
        rows, badge_placed = self._header_rows(card, depth, left, inner)
        rows += self.rows(card.title or "Untitled", FontRole.CARD_TITLE, Role.INK, left, inner)
        if depth.figure is not None:
            rows += self._figure_rows(depth, left, inner)
        if card.body.strip():
            rows.append(Row(2, []))
            rows += self.rows(card.body, FontRole.CARD_BODY, Role.INK, left, inner)
        facts = self._facts_rows(card, left, inner,
                                 None if badge_placed else self._badge(depth.confidence))
        if facts:
            rows.append(Row(3, []))
            rows += facts
        evidence = self.evidence_rows(card, depth, left, inner)
        if evidence:
            rows.append(Row(3, []))
            rows += evidence
        return rows

    def _header_rows(self, card: Card, depth: CardDepth, left: float,
                     inner: float) -> tuple[list[Row], bool]:
        """The kind and channel, and the confidence badge at the right when it fits there
        (the second value says whether it did; else it goes with the facts)."""
        caption, bold = FontRole.CAPTION, FontRole.CAPTION_BOLD
        caption_h = theme.line_height(caption)
        kind_text = KIND_LABELS[card.kind].upper()
        header: list[Item] = [Marker(card.kind, left + 4, caption_h / 2, 4),
                              self.text_item(kind_text, left + 13, self.baseline(0, bold), bold,
                                             Role.kind_ink(card.kind))]
        used = left + 13 + self.width(kind_text, bold)
        if card.channel:
            channel = f"·  {CHANNEL_LABELS[card.channel]}"
            header.append(self.text_item(channel, used + 6, self.baseline(0, caption), caption,
                                         Role.INK_SOFT))
            used += 6 + self.width(channel, caption)
        badge = self._badge(depth.confidence)
        fits = used + 12 + badge.width <= left + inner
        if fits:
            header += _placed(badge, left + inner - badge.width, caption_h)
        return [Row(caption_h + 3, header)], fits

    def _badge(self, level: Confidence) -> Piece:
        """The confidence badge: its shape and its words ("Some evidence")."""
        caption = FontRole.CAPTION
        words = CONFIDENCE_LABELS[level]
        radius = BADGE_RADIUS + 0.5
        x = 2 * radius + 4
        items: list[Item] = [*confidence_badge(radius, 0.0, radius, level),
                             self.text_item(words, x, 0.0, caption, Role.INK_SOFT)]
        return Piece(items, x + self.width(words, caption), theme.line_height(caption))

    def _figure_rows(self, depth: CardDepth, left: float, inner: float) -> list[Row]:
        """A metric lane's card: its figure, and beside it (or under it) what, where from,
        when."""
        role = FontRole.STAGE
        figure = self.rows(depth.figure or "", role, Role.INK, left, inner)
        if not depth.figure_caption:
            return figure
        caption = FontRole.CAPTION
        x = left + self.width(depth.figure or "", role) + 8
        if len(figure) == 1 and x + self.width(depth.figure_caption, caption) <= left + inner:
            top = theme.line_height(role) - theme.line_height(caption) - 1
            figure[0].items.append(self.text_item(depth.figure_caption, x,
                                                  self.baseline(top, caption), caption,
                                                  Role.INK_SOFT))
            return figure
        return figure + self.rows(depth.figure_caption, caption, Role.INK_SOFT, left, inner)

    def _facts_rows(self, card: Card, left: float, inner: float,
                    badge: Piece | None = None) -> list[Row]:
        """The feeling (face and word), the moment-of-truth star, the votes, the confidence
        badge (when the header had no room for it), the owner and the tags, side by side
        while they fit, on further rows when not."""
        caption, bold = FontRole.CAPTION, FontRole.CAPTION_BOLD
        caption_h = theme.line_height(caption)
        pieces: list[Piece] = []
        feeling = self.shown_value(card)
        if feeling is not None:
            scale = self.journey.scale
            word = value_word(self.journey, feeling)
            scale_label = level_name(scale, feeling.value)
            text = word if word.casefold() == scale_label.casefold() else \
                f"{word} ({scale_label.lower()})"
            radius = float(theme.FACE_RADIUS_CARD)
            x = 2 * radius + 6
            pieces.append(Piece([feeling_mark(radius, 0.0, radius,
                                              theme.face_tone(position(scale, feeling.value)),
                                              scale.marks == "dots"),
                                 self.text_item(text, x, 0.0, caption, Role.INK_SOFT)],
                                x + self.width(text, caption), 2 * radius + 2))
        if card.moment_of_truth:
            label = "Moment of truth"
            x = 2 * STAR_RADIUS + 4
            pieces.append(Piece([Star(STAR_RADIUS, 0.0, STAR_RADIUS),
                                 self.text_item(label, x, 0.0, caption, Role.INK_SOFT)],
                                x + self.width(label, caption), caption_h))
        if card.votes:
            votes = f"{card.votes} vote{'s' if card.votes != 1 else ''}"
            shown = min(card.votes, theme.VOTE_DOTS_MAX)
            step = theme.VOTE_DOT_RADIUS * 2 + 3
            x = theme.VOTE_DOT_RADIUS * 2 + (shown - 1) * step + 5
            pieces.append(Piece([Dots(tuple((theme.VOTE_DOT_RADIUS + i * step, 0.0)
                                            for i in range(shown)),
                                      float(theme.VOTE_DOT_RADIUS), Role.VOTE),
                                 self.text_item(votes, x, 0.0, bold, Role.INK_SOFT)],
                                x + self.width(votes, bold), caption_h))
        if badge is not None:
            pieces.append(badge)
        words = ([f"Owner: {card.owner}"] if card.owner else []) + \
            ([" ".join(f"#{tag}" for tag in card.tags)] if card.tags else [])
        rows = _flow_pieces(pieces, left, inner)
        for value in words:
            width = self.width(value, caption)
            if rows and rows[-1].used + FACT_GAP + width <= left + inner:
                # beside what is there (text centred on the row's middle)
                row = rows[-1]
                row.row.items.extend(_placed(Piece([self.text_item(value, 0.0, 0.0, caption,
                                                                   Role.INK_SOFT)],
                                                   width, caption_h),
                                             row.used + FACT_GAP, row.row.height))
                row.used += FACT_GAP + width
            else:
                wrapped = self.rows(value, caption, Role.INK_SOFT, left, inner)
                rows += [_FlowRow(r, left + self.width(_row_text(r), caption))
                         for r in wrapped]
        return [flow.row for flow in rows]

    def evidence_rows(self, card: Card, depth: CardDepth, left: float,
                      inner: float) -> list[Row]:
        """What the card rests on, an item a paragraph in caption size: quotes, survey
        figures, metrics (not the one a metric lane's card shows as its figure), linked
        files, and the survey behind the shown feeling."""
        lines = []
        figure = card_metric(card) if depth.figure is not None else None
        for item in card.evidence:
            if item is figure:
                continue
            lines.append(evidence_line(item))
        feeling = self.shown_value(card)
        if feeling is not None and feeling.evidence is not None:
            lines.append(f"Feeling: {distribution_text(feeling.evidence)}")
        rows: list[Row] = []
        for line in lines:
            rows += self.small_rows(line, Role.INK_SOFT, left, inner)
        return rows


FACT_GAP = 12.0  # between side-by-side facts under a card


@dataclass
class Piece:
    """Something drawn on one row, its items at x from 0 with y 0 at the row's middle
    (text items hold their baseline offset from the middle)."""

    items: list[Item]
    width: float
    height: float


@dataclass
class _FlowRow:
    row: Row
    used: float  # the right edge of what is on it


def _placed(piece: Piece, x: float, row_height: float) -> list[Item]:
    """The piece's items on a row `row_height` tall, starting at x, centred vertically."""
    middle = row_height / 2
    out: list[Item] = []
    for item in piece.items:
        if isinstance(item, Text):
            spec = theme.FONTS[item.role]
            # the glyphs' middle on the row's middle (cap height about 0.72 of the size)
            out.append(_shift(item, x, middle + spec.size * 0.36))
        else:
            out.append(_shift(item, x, middle))
    return out


def _flow_pieces(pieces: list[Piece], left: float, inner: float) -> list[_FlowRow]:
    rows: list[_FlowRow] = []
    line: list[tuple[Piece, float]] = []
    x = left
    for piece in pieces:
        if line and x + FACT_GAP + piece.width > left + inner:
            rows.append(_flow_row(line))
            line, x = [], left
        start = x + FACT_GAP if line else x
        line.append((piece, start))
        x = start + piece.width
    if line:
        rows.append(_flow_row(line))
    return rows


def _flow_row(line: list[tuple[Piece, float]]) -> _FlowRow:
    height = max(piece.height for piece, _ in line)
    items: list[Item] = []
    for piece, x in line:
        items += _placed(piece, x, height)
    last, x = line[-1]
    return _FlowRow(Row(height, items), x + last.width)


def _row_text(row: Row) -> str:
    return " ".join(item.text for item in row.items if isinstance(item, Text))


class ColumnFlow:
    """Blocks placed down two columns, page after page."""

    def __init__(self, area: PageArea, first_top: float | None = None) -> None:
        self.area = area
        self.pages: list[HandoutPage] = []
        self.column = 0
        self.running: Row | None = None  # "<stage> (continued)" at the top of a column
        self._new_page(area.top if first_top is None else first_top)

    def _new_page(self, top: float) -> None:
        self.pages.append(HandoutPage("text", top=top))
        self.column = 0
        self.y = top

    @property
    def page(self) -> HandoutPage:
        return self.pages[-1]

    @property
    def x(self) -> float:
        return self.area.left + self.column * (self.area.column_width + COLUMN_GAP)

    def room(self) -> float:
        return self.area.bottom - self.y

    def full_column(self) -> float:
        return self.area.bottom - self.area.top

    def next_column(self, running: bool = True) -> None:
        """Go on at the top of the next column (of the next page after the second), under
        the running head of the section that goes on, unless a new one begins there."""
        if self.column == 0:
            self.column = 1
            self.y = self.page.top
        else:
            self._new_page(self.area.top)
        if running and self.running is not None:
            self.page.items.extend(_shift(item, self.x, self.y) for item in self.running.items)
            self.y += self.running.height

    @property
    def at_column_top(self) -> bool:
        return self.y <= self.page.top + 0.5

    def place(self, block: Block, following: float = 0.0) -> None:
        """Place a block; `following` is the least height that must come after it in the
        same column (a heading keeps with its first card)."""
        need = block.height
        if block.keep_with_next:
            # What follows comes whole if a column can hold it, else a good start of it.
            whole = block.height + following <= self.full_column()
            need += following if whole else MIN_CARD_START
        if block.card is not None and block.height > self.full_column():
            need = MIN_CARD_START  # split anyway: start it here if a good part fits
        if need > self.room() and not self.at_column_top:
            self.next_column(running=block.running is None)
        if block.running is not None:
            self.running = block.running
        if block.mark is not None:
            self.page.marks.append(OutlineMark(block.mark.title, block.mark.depth,
                                               self.x, self.y))
        if block.card is None:
            for row in block.rows:
                if row.height > self.room() and not self.at_column_top:
                    self.next_column()
                self.page.items.extend(_shift(item, self.x, self.y) for item in row.items)
                self.y += row.height
        else:
            self._place_card(block)
        self.y += block.gap_after

    def _place_card(self, block: Block) -> None:
        card = block.card
        assert card is not None
        fill, bar = Role.card(card.colour), Role.kind(card.kind)
        width = self.area.column_width
        index, top = len(self.page.items), self.y
        self.y += CARD_PAD
        for row in block.rows:
            if row.height > self.room() - CARD_PAD and self.y > top + CARD_PAD + 1:
                # Taller than a column: close this part of the box, go on in the next one.
                self.page.items[index:index] = card_box(self.x, top, width,
                                                        self.y + CARD_PAD - top, fill, bar)
                self.next_column()
                index, top = len(self.page.items), self.y
                self.y += CARD_PAD
            self.page.items.extend(_shift(item, self.x, self.y) for item in row.items)
            self.y += row.height
        self.y += CARD_PAD
        self.page.items[index:index] = card_box(self.x, top, width, self.y - top, fill, bar)


class HandoutFlow:
    def __init__(self, journey: JourneyMap, area: PageArea, measurer: FontMeasurer) -> None:
        self.journey = journey
        self.area = area
        self.writer = Writer(measurer, journey)

    # ----- blocks ---------------------------------------------------------------------------
    def stage_heading(self, number: int, count: int, colour: str, name: str,
                      description: str) -> Block:
        w = self.area.column_width
        writer = self.writer
        rows = [Row(8, [Box(0, 0, w, 4, Role.stage(colour), radius=2.0)])]
        rows += writer.rows(f"STAGE {number} OF {count}", FontRole.CAPTION_BOLD, Role.INK_SOFT,
                            0, w)
        rows += writer.rows(name, FontRole.STAGE, Role.INK, 0, w)
        if description.strip():
            rows += writer.rows(description, FontRole.CARD_BODY, Role.INK_SOFT, 0, w)
        rows.append(Row(4, []))
        running = writer.rows(f"{name} (continued)", FontRole.CAPTION_BOLD, Role.INK_FAINT, 0,
                              w)[0]
        running = Row(running.height + 4, running.items)
        return Block(rows, keep_with_next=True, mark=OutlineMark(name, 1, 0, 0), gap_after=2,
                     running=running)

    def lane_heading(self, title: str) -> Block:
        rows = self.writer.rows(title, FontRole.CAPTION_BOLD, Role.INK, 0,
                                self.area.column_width)
        rows.append(Row(2, []))
        return Block(rows, keep_with_next=True, gap_after=0)

    def card_block(self, card: Card) -> Block:
        return Block(self.writer.card_rows(card, self.area.column_width), card)

    def section_heading(self, title: str, kicker: str) -> Block:
        w = self.area.column_width
        rows = [Row(8, [])]
        rows += self.writer.rows(kicker.upper(), FontRole.CAPTION_BOLD, Role.INK_SOFT, 0, w)
        rows += self.writer.rows(title, FontRole.STAGE, Role.INK, 0, w)
        rows.append(Row(8, [Lines(((0, 3, w, 3),), Role.GRID, 1.0)]))
        running = self.writer.rows(f"{title} (continued)", FontRole.CAPTION_BOLD,
                                   Role.INK_FAINT, 0, w)[0]
        return Block(rows, keep_with_next=True, mark=OutlineMark(title, 0, 0, 0), gap_after=2,
                     running=Row(running.height + 4, running.items))

    def ranked_block(self, rank: int, card: Card) -> Block:
        """An entry of a ranked list, an index of the cards: rank, title, and its stage,
        votes, owner, tags, feeling and evidence in a line (its text is under its stage)."""
        writer = self.writer
        w = self.area.column_width
        number_w = 26.0
        x, width = number_w, w - number_w
        stage = stage_by_id(self.journey, card.stage_id)
        facts = [stage.name if stage else "",
                 f"{card.votes} vote{'s' if card.votes != 1 else ''}"]
        if card.owner:
            facts.append(f"Owner: {card.owner}")
        if card.tags:
            facts.append(" ".join(f"#{tag}" for tag in card.tags))
        feeling = self.writer.shown_value(card)
        if feeling is not None:
            facts.append(f"feels {value_word(self.journey, feeling)}")
        if card.moment_of_truth:
            facts.append("moment of truth")
        facts.append(CONFIDENCE_LABELS[confidence(card)].lower())
        rows = writer.rows(card.title or "Untitled", FontRole.CARD_TITLE, Role.INK, x, width)
        first = rows[0]
        first.items.insert(0, writer.text_item(f"{rank}", 0, writer.baseline(0, FontRole.STAGE)
                                               - 1, FontRole.STAGE, Role.kind_ink(card.kind)))
        first.items.insert(0, Marker(card.kind, number_w - 8,
                                     theme.line_height(FontRole.CARD_TITLE) / 2, 3.5))
        rows += writer.rows("  ·  ".join(f for f in facts if f), FontRole.CAPTION, Role.INK_SOFT,
                            x, width)
        rows.append(Row(8, [Lines(((x, 4, w, 4),), Role.GRID, 0.75)]))
        return Block(rows, gap_after=2)

    # ----- the sequence ----------------------------------------------------------------------
    def blocks(self) -> list[Block]:
        journey = self.journey
        by_cell = cells(journey)
        out: list[Block] = []
        count = len(journey.stages)
        for number, stage in enumerate(journey.stages, start=1):
            out.append(self.stage_heading(number, count, stage.colour or
                                          theme.DEFAULT_STAGE_COLOUR, stage.name,
                                          stage.description))
            any_card = False
            for lane in journey.lanes:
                in_cell = by_cell.get((stage.id, lane.id), [])
                if not in_cell:
                    continue
                any_card = True
                out.append(self.lane_heading(lane.name))
                out += [self.card_block(card) for card in in_cell]
            if not any_card:
                out.append(Block(self.writer.rows("No cards in this stage yet.",
                                                  FontRole.CARD_BODY, Role.INK_SOFT, 0,
                                                  self.area.column_width)))
            out[-1].gap_after += 8
        for kind, title in (("pain_point", "Pain points"), ("opportunity", "Opportunities")):
            ranked = [card for card in ranked_by_votes(journey, kind)  # type: ignore[arg-type]
                      if card.votes > 0]
            if not ranked:
                continue
            out.append(self.section_heading(title, "Ranked by votes"))
            out += [self.ranked_block(rank, card) for rank, card in enumerate(ranked, start=1)]
        return out


def flow_blocks(blocks: Iterable[Block], area: PageArea,
                first_top: float | None = None) -> list[HandoutPage]:
    listed = list(blocks)
    flow = ColumnFlow(area, first_top)
    for i, block in enumerate(listed):
        following = listed[i + 1].height if i + 1 < len(listed) else 0.0
        if block.keep_with_next and i + 2 < len(listed) and listed[i + 1].keep_with_next:
            following += listed[i + 2].height  # a stage heading keeps a lane and a card
        flow.place(block, following)
    return [page for page in flow.pages if page.items or page is flow.pages[0]]


def flow_text_pages(journey: JourneyMap, area: PageArea, measurer: FontMeasurer,
                    first_top: float | None = None) -> list[HandoutPage]:
    """The flowed pages; the first begins at `first_top` (below an overview part) if given."""
    return flow_blocks(HandoutFlow(journey, area, measurer).blocks(), area, first_top)
