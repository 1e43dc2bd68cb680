"""The handout's text laid out as plain positioned items (pure, no canvas): every card in full,
in two newspaper columns that flow from page to page.

Stages follow one another without a page break: a stage heading, then each lane's heading and
its cards. After the stages come the pain points and the opportunities ranked by votes (each
only when some card of that kind has votes). Headings keep with the first card under them; a
card that does not fit what is left of a column moves to the next column; only a card taller
than a whole column is split. Every block is as tall as its own content. Coordinates are
points from the page's top-left, y down.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from journeymap_desktop.layout import theme
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
from journeymap_desktop.layout.picture import feeling_mark
from journeymap_desktop.layout.text import Wrapper
from journeymap_desktop.layout.theme import FontRole, Role
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.model.curves import curve_value, default_curve, value_word
from journeymap_desktop.model.emotion import EmotionValue
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
CARD_PAD = 8.0
CARD_GAP = 6.0
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

    # ----- a card -------------------------------------------------------------------------
    def card_rows(self, card: Card, width: float) -> list[Row]:
        """A card's rows, x from the card's left edge: kind and channel (and the moment-of-
        truth star when it fits beside them), title, body, owner and tags, then the feeling
        and the votes. Nothing is cut and nothing overlaps: what does not fit beside goes
        on a row of its own."""
        left = BAR + CARD_PAD
        inner = width - BAR - 2 * CARD_PAD
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
        rows = [Row(caption_h + 3, header)]
        if card.moment_of_truth:
            label = "Moment of truth"
            label_w = self.width(label, caption)
            star_w = 2 * STAR_RADIUS + 4
            if used + 12 + star_w + label_w <= left + inner:
                x = left + inner - label_w - star_w
                row = header
            else:
                x = left
                row = []
                rows.append(Row(caption_h + 2, row))
            row.append(Star(x + STAR_RADIUS, caption_h / 2, STAR_RADIUS))
            row.append(self.text_item(label, x + star_w, self.baseline(0, caption), caption,
                                      Role.INK_SOFT))
        rows += self.rows(card.title or "Untitled", FontRole.CARD_TITLE, Role.INK, left, inner)
        if card.body.strip():
            rows.append(Row(2, []))
            rows += self.rows(card.body, FontRole.CARD_BODY, Role.INK, left, inner)
        meta = [f"Owner: {card.owner}"] if card.owner else []
        if card.tags:
            meta.append(" ".join(f"#{tag}" for tag in card.tags))
        if meta:
            rows.append(Row(3, []))
            rows += self.rows("  ·  ".join(meta), caption, Role.INK_SOFT, left, inner)
        footer = self._footer(card, left, inner)
        if footer is not None:
            rows.append(Row(3, []))
            rows.append(footer)
        return rows

    def _footer(self, card: Card, left: float, inner: float) -> Row | None:
        """The feeling (face and word) on the left, the votes on the right."""
        caption, bold = FontRole.CAPTION, FontRole.CAPTION_BOLD
        line_h = theme.line_height(caption)
        radius = float(theme.FACE_RADIUS_CARD)
        items: list[Item] = []
        right = left + inner
        middle = radius + 1
        if card.votes:
            votes = f"{card.votes} vote{'s' if card.votes != 1 else ''}"
            votes_w = self.width(votes, bold)
            items.append(self.text_item(votes, right - votes_w,
                                        self.baseline(middle - line_h / 2, bold), bold,
                                        Role.INK_SOFT))
            shown = min(card.votes, theme.VOTE_DOTS_MAX)
            step = theme.VOTE_DOT_RADIUS * 2 + 3
            first = right - votes_w - 6 - theme.VOTE_DOT_RADIUS - (shown - 1) * step
            items.append(Dots(tuple((first + i * step, middle) for i in range(shown)),
                              float(theme.VOTE_DOT_RADIUS), Role.VOTE))
            right = first - theme.VOTE_DOT_RADIUS - 10
        height = 2 * middle if items else 0.0
        feeling = self.shown_value(card)
        if feeling is not None:
            scale = self.journey.scale
            word = value_word(self.journey, feeling)
            scale_label = level_name(scale, feeling.value)
            text = word if word.casefold() == scale_label.casefold() else \
                f"{word} ({scale_label.lower()})"
            items.append(feeling_mark(left + radius, middle, radius,
                                      theme.face_tone(position(scale, feeling.value)),
                                      scale.marks == "dots"))
            x = left + 2 * radius + 6
            wrapped = self.rows(text, caption, Role.INK_SOFT, x, max(right - x, 40))
            top = middle - line_h / 2 if len(wrapped) == 1 else 0.0
            for i, row in enumerate(wrapped):
                items += [_shift(item, 0, top + i * line_h) for item in row.items]
            height = max(2 * middle, top + len(wrapped) * line_h)
        return Row(height, items) if items else None


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
        rows = [Row(10, [Box(0, 0, w, 5, Role.stage(colour), radius=2.5)])]
        rows += writer.rows(f"STAGE {number} OF {count}", FontRole.CAPTION_BOLD, Role.INK_SOFT,
                            0, w)
        rows += writer.rows(name, FontRole.STAGE, Role.INK, 0, w)
        if description.strip():
            rows += writer.rows(description, FontRole.CARD_BODY, Role.INK_SOFT, 0, w)
        rows.append(Row(6, []))
        running = writer.rows(f"{name} (continued)", FontRole.CAPTION_BOLD, Role.INK_FAINT, 0,
                              w)[0]
        running = Row(running.height + 4, running.items)
        return Block(rows, keep_with_next=True, mark=OutlineMark(name, 1, 0, 0), gap_after=2,
                     running=running)

    def lane_heading(self, title: str) -> Block:
        rows = self.writer.rows(title, FontRole.LANE, Role.INK, 0, self.area.column_width)
        rows.append(Row(3, []))
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
        rows = writer.rows(card.title or "Untitled", FontRole.CARD_TITLE, Role.INK, x, width)
        first = rows[0]
        first.items.insert(0, writer.text_item(f"{rank}", 0, writer.baseline(0, FontRole.STAGE)
                                               - 1, FontRole.STAGE, Role.kind_ink(card.kind)))
        first.items.insert(0, Marker(card.kind, number_w - 8,
                                     theme.line_height(FontRole.CARD_TITLE) / 2, 3.5))
        rows += writer.rows("  ·  ".join(f for f in facts if f), FontRole.CAPTION, Role.INK_SOFT,
                            x, width)
        if card.body.strip():
            rows.append(Row(2, []))
            rows += writer.rows(card.body, FontRole.CARD_BODY, Role.INK, x, width)
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
            out[-1].gap_after += 10
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
