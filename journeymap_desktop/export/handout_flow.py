"""The handout's text pages laid out as plain positioned items (pure, no canvas).

Each stage gets its own page (continuing onto further pages when its cards need them), its
cards two by two, then a page of pain points and one of opportunities, both ranked by votes.
Card text is never cut: it is wrapped in full. A card that does not fit what is left of a page
starts the next one; only a card taller than a whole page is split across pages.
Coordinates are points from the page's top-left, y down.
"""

from __future__ import annotations

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
CARD_PAD = 10.0
CARD_GAP = 8.0
COLUMN_GAP = 12.0  # between the two columns of cards on a stage page
CONTINUED_HEADING = 30.0  # room the "(continued)" line takes at the top of a page
BAR = float(theme.CARD_MARKER_WIDTH)


# ----- positioned items: the display list's primitives (layout.display) -------------------
Item = Text | Box | Bar | Lines | Face | Marker | Star | Dots


@dataclass
class HandoutPage:
    kind: str  # "overview", "stage", "pain_points", "opportunities"
    title: str  # for the PDF outline
    items: list[Item] = field(default_factory=list)
    continued: bool = False


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


# ----- a card or list entry, as rows that can be split between pages -------------------------
@dataclass
class Row:
    height: float
    items: list[Item]  # y relative to the row's top


def card_box(x: float, y: float, w: float, h: float, fill: str, bar: str) -> list[Item]:
    """A handout card's box: the fill and border, and its kind's colour along the left."""
    return [Box(x, y, w, h, fill, Role.CARD_BORDER, 0.75, theme.CARD_RADIUS),
            Bar(x, y, w, h, theme.CARD_RADIUS, theme.CARD_MARKER_WIDTH + 0.5, bar)]


def _shift(item: Item, dx: float, dy: float) -> Item:
    return moved(item, dx, dy)  # type: ignore[return-value]


class HandoutFlow:
    def __init__(self, journey: JourneyMap, area: PageArea,
                 measurer: FontMeasurer) -> None:
        self.journey = journey
        self.area = area
        self.measurer = measurer
        self.wrapper = Wrapper(measurer)
        self.pages: list[HandoutPage] = []
        self.y = area.top
        self._heading: tuple[str, str] = ("", "")

    # ----- text helpers -----------------------------------------------------------------------
    def baseline(self, top: float, role: FontRole) -> float:
        ascent = self.measurer.ascent(role)
        descent = self.measurer.descent(role)
        return top + (theme.line_height(role) - (ascent + descent)) / 2 + ascent

    def text_rows(self, text: str, role: FontRole, colour: str, x: float, width: float,
                  ) -> list[Row]:
        """One row per wrapped line, every line of the text."""
        wrapped = self.wrapper.wrap(text, role, width, ALL_LINES)
        h = theme.line_height(role)
        rtl = starts_right_to_left(text)  # Hebrew or Arabic reads from the right edge
        return [Row(h, [self.text_item(line, x + width - self.width(line, role) if rtl else x,
                                       self.baseline(0, role), role, colour)])
                for line in wrapped.lines]

    def width(self, text: str, role: FontRole) -> float:
        return self.wrapper.width(text, role)

    def text_item(self, text: str, x: float, baseline: float, role: FontRole,
                  colour: str) -> Text:
        return Text(text, x, baseline, role, colour, self.width(text, role))

    def fit(self, text: str, role: FontRole, width: float) -> str:
        return self.wrapper.fit(text, role, width)

    # ----- pages ------------------------------------------------------------------------------
    def new_page(self, kind: str, title: str, continued: bool = False) -> HandoutPage:
        page = HandoutPage(kind, title, continued=continued)
        self.pages.append(page)
        self.y = self.area.top
        return page

    @property
    def page(self) -> HandoutPage:
        return self.pages[-1]

    def room(self) -> float:
        return self.area.bottom - self.y

    def continue_page(self) -> None:
        """A fresh page for the same section, headed '<section> (continued)'."""
        kind, title = self._heading
        self.new_page(kind, title, continued=True)
        self.add(self.text_rows(f"{title} (continued)", FontRole.CAPTION_BOLD, Role.INK_SOFT,
                                self.area.left, self.area.inner_width))
        self.y += 6

    def add(self, rows: list[Row], keep_together: bool = False) -> None:
        """Place rows one after another, breaking to a new page between rows as needed."""
        if keep_together and sum(r.height for r in rows) > self.room():
            self.continue_page()
        for row in rows:
            if row.height > self.room() and self.y > self.area.top + 1:
                self.continue_page()
            self.page.items.extend(_shift(item, 0, self.y) for item in row.items)
            self.y += row.height

    def section(self, kind: str, title: str, kicker: str, colour: str | None,
                description: str = "") -> None:
        self.new_page(kind, title)
        self._heading = (kind, title)
        a = self.area
        if colour:
            self.page.items.append(Box(a.left, a.top, a.inner_width, 6, Role.stage(colour)))
            self.y += 14
        self.add(self.text_rows(kicker.upper(), FontRole.CAPTION_BOLD, Role.INK_SOFT, a.left,
                                a.inner_width))
        self.add(self.text_rows(title, FontRole.MAP_TITLE, Role.INK, a.left, a.inner_width))
        if description.strip():
            self.y += 2
            self.add(self.text_rows(description, FontRole.CARD_BODY, Role.INK_SOFT, a.left,
                                    a.inner_width))
        self.y += 10
        self.page.items.append(Lines(((a.left, self.y, a.right, self.y),), Role.GRID, 1.0))
        self.y += 12

    # ----- cards ------------------------------------------------------------------------------
    def shown_value(self, card: Card) -> EmotionValue | None:
        """The card's value on the curve the handout shows (the map's first)."""
        curve = default_curve(self.journey)
        return curve_value(card, curve.id if curve is not None else None)

    def card_rows(self, card: Card, x: float, width: float) -> list[Row]:
        left = x + BAR + CARD_PAD
        inner = width - BAR - 2 * CARD_PAD
        caption = FontRole.CAPTION
        caption_h = theme.line_height(caption)
        header: list[Item] = [Marker(card.kind, left + 4, caption_h / 2, 4)]
        kind_text = KIND_LABELS[card.kind].upper()
        header.append(self.text_item(kind_text, left + 13,
                                     self.baseline(0, FontRole.CAPTION_BOLD),
                                     FontRole.CAPTION_BOLD, Role.kind_ink(card.kind)))
        after_kind = left + 13 + self.width(kind_text, FontRole.CAPTION_BOLD)
        right = left + inner
        if card.votes:
            votes = f"{card.votes} vote{'s' if card.votes != 1 else ''}"
            vw = self.width(votes, FontRole.CAPTION_BOLD)
            header.append(self.text_item(votes, right - vw,
                                         self.baseline(0, FontRole.CAPTION_BOLD),
                                         FontRole.CAPTION_BOLD, Role.INK_SOFT))
            shown = min(card.votes, theme.VOTE_DOTS_MAX)
            step = theme.VOTE_DOT_RADIUS * 2 + 3
            first = right - vw - 6 - theme.VOTE_DOT_RADIUS - (shown - 1) * step
            header.append(Dots(tuple((first + i * step, caption_h / 2) for i in range(shown)),
                               float(theme.VOTE_DOT_RADIUS), Role.VOTE))
            right = first - theme.VOTE_DOT_RADIUS - 12
        if card.moment_of_truth:
            label = "Moment of truth"
            lw = self.width(label, caption)
            header.append(self.text_item(label, right - lw, self.baseline(0, caption),
                                         caption, Role.INK_SOFT))
            header.append(Star(right - lw - 9, caption_h / 2, 6))
            right -= lw + 24
        if card.channel:
            channel = self.fit(f"·  {CHANNEL_LABELS[card.channel]}", caption,
                               max(right - after_kind - 6, 10))
            header.append(self.text_item(channel, after_kind + 6, self.baseline(0, caption),
                                         caption, Role.INK_SOFT))
        rows = [Row(caption_h + 4, header)]
        rows += self.text_rows(card.title or "Untitled", FontRole.CARD_TITLE, Role.INK, left,
                               inner)
        if card.body.strip():
            rows.append(Row(3, []))
            rows += self.text_rows(card.body, FontRole.CARD_BODY, Role.INK, left, inner)
        meta = [f"Owner: {card.owner}"] if card.owner else []
        if card.tags:
            meta.append(" ".join(f"#{tag}" for tag in card.tags))
        if meta:
            rows.append(Row(4, []))
            rows += self.text_rows("  ·  ".join(meta), caption, Role.INK_SOFT, left, inner)
        feeling = self.shown_value(card)
        if feeling is not None:
            radius = float(theme.FACE_RADIUS_CARD)
            scale = self.journey.scale
            word = value_word(self.journey, feeling)
            scale_label = level_name(scale, feeling.value)
            text = word if word.casefold() == scale_label.casefold() else \
                f"{word} ({scale_label.lower()})"
            middle = radius + 2
            face_row: list[Item] = [feeling_mark(
                left + radius, middle, radius,
                theme.face_tone(position(scale, feeling.value)), scale.marks == "dots")]
            wrapped = self.text_rows(text, caption, Role.INK_SOFT, left + 2 * radius + 6,
                                     inner - 2 * radius - 6)
            line_h = theme.line_height(caption)
            for i, row in enumerate(wrapped):
                for item in row.items:
                    face_row.append(_shift(item, 0, middle - line_h / 2 + i * line_h))
            rows.append(Row(max(2 * middle, middle - line_h / 2 + len(wrapped) * line_h),
                            face_row))
        return rows

    def add_card(self, card: Card) -> None:
        """A card box; if it does not fit, the part that does stays here and the rest of the
        box continues at the top of the next page."""
        a = self.area
        rows = self.card_rows(card, a.left, a.inner_width)
        total = sum(r.height for r in rows) + 2 * CARD_PAD
        if total <= self.room() or self.y <= a.top + 40:
            pass
        elif self.room() < 3 * 16 + 2 * CARD_PAD:
            self.continue_page()  # too little room to start a card well: start it fresh
        fill = Role.card(card.colour)
        bar = Role.kind(card.kind)
        index = len(self.page.items)
        top = self.y
        self.y += CARD_PAD
        for row in rows:
            if row.height > self.room() - CARD_PAD and self.y > top + CARD_PAD + 1:
                self._close_box(index, top, self.y + CARD_PAD - 4, fill, bar)
                self.continue_page()
                index = len(self.page.items)
                top = self.y
                self.y += CARD_PAD
            self.page.items.extend(_shift(item, 0, self.y) for item in row.items)
            self.y += row.height
        self.y += CARD_PAD
        self._close_box(index, top, self.y, fill, bar)
        self.y += CARD_GAP

    def _close_box(self, index: int, top: float, bottom: float, fill: str, bar: str) -> None:
        a = self.area
        self.page.items[index:index] = card_box(a.left, top, a.inner_width, bottom - top, fill,
                                                bar)

    def page_height(self) -> float:
        """What a continuation page offers below its '(continued)' line."""
        return self.area.bottom - self.area.top - CONTINUED_HEADING

    def card_row_of(self, cards: list[Card]) -> tuple[float, list[tuple[Card, list[Row]]]]:
        """Up to two cards side by side: their rows at half width and the row's height."""
        a = self.area
        width = (a.inner_width - COLUMN_GAP) / 2
        built = [(card, self.card_rows(card, a.left + i * (width + COLUMN_GAP), width))
                 for i, card in enumerate(cards)]
        height = max(sum(r.height for r in rows) + 2 * CARD_PAD for _, rows in built)
        return height, built

    def add_card_row(self, cards: list[Card]) -> None:
        """Cards side by side, whole: a row that does not fit what is left of the page starts
        the next one. Only a card taller than a whole page is split (see `add_card`)."""
        a = self.area
        height, built = self.card_row_of(cards)
        if height > self.page_height():
            for card in cards:
                self.add_card(card)
            return
        if height > self.room():
            self.continue_page()
        width = (a.inner_width - COLUMN_GAP) / 2
        for i, (card, rows) in enumerate(built):
            x = a.left + i * (width + COLUMN_GAP)
            self.page.items += card_box(x, self.y, width, height, Role.card(card.colour),
                                        Role.kind(card.kind))
            y = self.y + CARD_PAD
            for row in rows:
                self.page.items.extend(_shift(item, 0, y) for item in row.items)
                y += row.height
        self.y += height + CARD_GAP

    # ----- the sections -----------------------------------------------------------------------
    def stage_pages(self) -> None:
        journey = self.journey
        by_cell = cells(journey)
        count = len(journey.stages)
        for number, stage in enumerate(journey.stages, start=1):
            colour = stage.colour or theme.DEFAULT_STAGE_COLOUR
            self.section("stage", stage.name, f"Stage {number} of {count}", colour,
                         stage.description)
            any_card = False
            for lane in journey.lanes:
                in_cell = by_cell.get((stage.id, lane.id), [])
                if not in_cell:
                    continue
                any_card = True
                heading = self.text_rows(lane.name, FontRole.LANE, Role.INK, self.area.left,
                                         self.area.inner_width)
                # A lane heading never ends a page alone: it goes with its first cards.
                first_row = self.card_row_of(in_cell[:2])[0]
                if first_row > self.page_height():
                    first_row = 3 * 16 + 2 * CARD_PAD  # split anyway: keep a card's start
                if sum(r.height for r in heading) + 4 + first_row > self.room():
                    self.continue_page()
                self.add(heading)
                self.y += 4
                for start in range(0, len(in_cell), 2):
                    self.add_card_row(in_cell[start:start + 2])
                self.y += 8
            if not any_card:
                self.add(self.text_rows("No cards in this stage yet.", FontRole.CARD_BODY,
                                        Role.INK_SOFT, self.area.left, self.area.inner_width))

    def ranked_page(self, kind: str, title: str, kicker: str, empty: str) -> None:
        journey = self.journey
        self.section(kind, title, kicker, None)
        wanted = "pain_point" if kind == "pain_points" else "opportunity"
        ranked = ranked_by_votes(journey, wanted)  # type: ignore[arg-type]
        if not ranked:
            self.add(self.text_rows(empty, FontRole.CARD_BODY, Role.INK_SOFT, self.area.left,
                                    self.area.inner_width))
            return
        for rank, card in enumerate(ranked, start=1):
            self.add_ranked(rank, card)

    def add_ranked(self, rank: int, card: Card) -> None:
        a = self.area
        number_w = 34.0
        x = a.left + number_w
        width = a.inner_width - number_w
        caption = FontRole.CAPTION
        stage = stage_by_id(self.journey, card.stage_id)
        facts = [stage.name if stage else "", f"{card.votes} vote{'s' if card.votes != 1 else ''}"]
        if card.owner:
            facts.append(f"Owner: {card.owner}")
        if card.tags:
            facts.append(" ".join(f"#{tag}" for tag in card.tags))
        feeling = self.shown_value(card)
        if feeling is not None:
            facts.append(f"feels {value_word(self.journey, feeling)}")
        if card.moment_of_truth:
            facts.append("moment of truth")
        title_rows = self.text_rows(card.title or "Untitled", FontRole.CARD_TITLE, Role.INK,
                                    x, width)
        first = title_rows[0]
        first.items.insert(0, self.text_item(f"{rank}", a.left,
                                             self.baseline(0, FontRole.STAGE) - 1,
                                             FontRole.STAGE, Role.kind_ink(card.kind)))
        first.items.insert(0, Marker(card.kind, a.left + number_w - 12,
                                         theme.line_height(FontRole.CARD_TITLE) / 2, 4))
        rows = title_rows
        rows += self.text_rows("  ·  ".join(f for f in facts if f), caption, Role.INK_SOFT,
                               x, width)
        if card.body.strip():
            rows.append(Row(3, []))
            rows += self.text_rows(card.body, FontRole.CARD_BODY, Role.INK, x, width)
        rows.append(Row(10, [Lines(((x, 5, a.right, 5),), Role.GRID, 0.75)]))
        rows.append(Row(6, []))
        # Keep an entry's title with its facts; a long body may flow on.
        if sum(r.height for r in rows[:3]) > self.room():
            self.continue_page()
        self.add(rows)


def flow_text_pages(journey: JourneyMap, area: PageArea,
                    measurer: FontMeasurer) -> list[HandoutPage]:
    flow = HandoutFlow(journey, area, measurer)
    flow.stage_pages()
    flow.ranked_page("pain_points", "Pain points", "Ranked by votes",
                     "No pain points on this map.")
    flow.ranked_page("opportunities", "Opportunities", "Ranked by votes",
                     "No opportunities on this map.")
    return flow.pages
