"""The handout's prioritisation page: the value/effort matrix the window shows (layout.matrix,
set a little smaller for paper), then every pain point and opportunity ranked by value for
effort with its scores and quadrant, then those not yet scored. A table longer than the page
goes on over the next, under its header row. Pure: positioned display items, y down, points
from the page's top-left, like the handout's text flow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journeymap_desktop.export.handout_flow import OutlineMark, PageArea
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.display import Item, Lines, Marker, Text
from journeymap_desktop.layout.matrix import (
    MatrixAxes,
    matrix_items,
    matrix_layout,
    scored_cards,
)
from journeymap_desktop.layout.text import Wrapper
from journeymap_desktop.layout.theme import FontRole, Role
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.model.map import Card, JourneyMap
from journeymap_desktop.model.priority import (
    QUADRANT_LABELS,
    matrix_position,
    priority_score,
    priority_value,
    quadrant,
    ranked_by_priority,
    score_text,
)

TITLE = "Prioritisation matrix"
# Of the page's height, for the matrix itself: as much as leaves room for the table on the
# same page, within these bounds.
MATRIX_SHARE = (0.42, 0.52)
MATRIX_TEXT = 0.85  # paper sets the matrix's words at 8.5 pt
ROW_GAP = 5.0
# The table's columns: (heading, width); the card's title takes what is left.
NUMBER_W = 20.0
SCORE_COLUMNS = (("Customer", 48.0), ("Business", 48.0), ("Value", 40.0), ("Effort", 36.0),
                 ("Score", 36.0), ("Quadrant", 74.0))


@dataclass
class MatrixPage:
    items: list[Item] = field(default_factory=list)
    marks: list[OutlineMark] = field(default_factory=list)


def has_matrix(journey: JourneyMap) -> bool:
    """Whether the handout gets the page: some pain point or opportunity is scored on value
    and effort."""
    return any(matrix_position(card.priority, "effort", "value") is not None
               for card in scored_cards(journey.cards))


def _number(value: float | None, unit: str = "") -> str:
    return score_text(value, unit)


class _Writer:
    def __init__(self, measurer: FontMeasurer) -> None:
        self.measurer = measurer
        self.wrapper = Wrapper(measurer)

    def text(self, value: str, x: float, top: float, role: FontRole, colour: str) -> Text:
        return Text(value, x, self.measurer.baseline(top, role), role, colour,
                    self.wrapper.width(value, role))

    def lines(self, value: str, role: FontRole, width: float) -> tuple[str, ...]:
        return self.wrapper.wrap(value, role, width, 1_000).lines or ("",)


def prioritisation_pages(journey: JourneyMap, area: PageArea,
                         measurer: FontMeasurer) -> list[MatrixPage]:
    """The matrix page (and the table's further pages); none when nothing is scored."""
    if not has_matrix(journey):
        return []
    write = _Writer(measurer)
    cards = scored_cards(journey.cards)
    page = MatrixPage()
    pages = [page]
    y = area.top
    page.marks.append(OutlineMark("Prioritisation", 0, area.left, y))
    page.items.append(write.text("PRIORITISATION", area.left, y, FontRole.CAPTION_BOLD,
                                 Role.INK_SOFT))
    y += theme.line_height(FontRole.CAPTION_BOLD)
    page.items.append(write.text(TITLE, area.left, y, FontRole.STAGE, Role.INK))
    y += theme.line_height(FontRole.STAGE) + 2
    placed = sum(1 for card in cards
                 if matrix_position(card.priority, "effort", "value") is not None)
    intro = (f"{placed} of {len(cards)} pain points and opportunities scored: value is the "
             f"mean of customer and business value (0–100 %), effort runs from 0 (none) to 5 "
             f"(very high). The score ranks them by value for effort.")
    for line in write.lines(intro, FontRole.CARD_BODY, area.inner_width):
        page.items.append(write.text(line, area.left, y, FontRole.CARD_BODY, Role.INK_SOFT))
        y += theme.line_height(FontRole.CARD_BODY)
    y += 4
    ranked = ranked_by_priority(cards)
    header_h = theme.line_height(FontRole.CAPTION_BOLD) + 4
    rows: list[tuple[list[Item], float]] = []
    unscored: list[Card] = []
    rank = 0
    for card in ranked:
        if _unscored(card):
            unscored.append(card)
            continue
        ranked_here = priority_score(card.priority) is not None
        rank += ranked_here
        rows.append(_row(write, area, card, rank if ranked_here else None))
    table_h = header_h + sum(row_h for _, row_h in rows)
    page_h = area.bottom - area.top
    low, high = MATRIX_SHARE
    height = max(low * page_h, min(high * page_h, area.bottom - y - 10 - table_h))
    layout = matrix_layout(cards, measurer, area.inner_width, height, MatrixAxes(),
                           tray=False, text_scale=MATRIX_TEXT, numbered=True)
    page.items += [_moved(item, area.left, y) for item in matrix_items(layout)]
    y += layout.height + 10

    def header(at: float, target: MatrixPage) -> float:
        target.items += _header(write, area, at)
        return at + header_h

    y = header(y, page)
    for items, row_h in rows:
        if y + row_h > area.bottom:
            page = MatrixPage()
            pages.append(page)
            y = area.top
            page.items.append(write.text(f"{TITLE} (continued)", area.left, y,
                                         FontRole.CAPTION_BOLD, Role.INK_FAINT))
            y = header(y + theme.line_height(FontRole.CAPTION_BOLD) + 4, page)
        page.items += [_moved(item, 0, y) for item in items]
        y += row_h
    if unscored:
        names = "; ".join(card.title or "Untitled" for card in unscored)
        text = f"Not yet scored: {names}."
        lines = write.lines(text, FontRole.CAPTION, area.inner_width)
        needed = len(lines) * theme.line_height(FontRole.CAPTION) + 8
        if y + needed > area.bottom:
            page = MatrixPage()
            pages.append(page)
            y = area.top
        y += 8
        for line in lines:
            page.items.append(write.text(line, area.left, y, FontRole.CAPTION, Role.INK_SOFT))
            y += theme.line_height(FontRole.CAPTION)
    return pages


def _unscored(card: Card) -> bool:
    """Neither a value nor effort: only listed by name under the table."""
    return priority_value(card.priority) is None and (card.priority is None or
                                                      card.priority.effort is None)


def _moved(item: Item, dx: float, dy: float) -> Item:
    from journeymap_desktop.layout.display import moved

    return moved(item, dx, dy)


def _columns(area: PageArea) -> tuple[float, float, list[float]]:
    """The title column's left edge and width, and each score column's right edge."""
    scores_w = sum(width for _, width in SCORE_COLUMNS)
    title_x = area.left + NUMBER_W + 14
    title_w = area.inner_width - NUMBER_W - 14 - scores_w - 8
    rights: list[float] = []
    x = title_x + title_w + 8
    for _, width in SCORE_COLUMNS:
        x += width
        rights.append(x)
    return title_x, title_w, rights


def _header(write: _Writer, area: PageArea, y: float) -> list[Item]:
    bold = FontRole.CAPTION_BOLD
    title_x, _title_w, rights = _columns(area)
    items: list[Item] = [write.text("#", area.left, y, bold, Role.INK_SOFT),
                         write.text("Pain point or opportunity, by score", title_x, y, bold,
                                    Role.INK_SOFT)]
    for (heading, _), right in zip(SCORE_COLUMNS, rights, strict=True):
        width = write.wrapper.width(heading, bold)
        items.append(write.text(heading, right - width, y, bold, Role.INK_SOFT))
    line_y = y + theme.line_height(bold) + 2
    items.append(Lines(((area.left, line_y, area.right, line_y),), Role.INK_FAINT, 0.75))
    return items


def _row(write: _Writer, area: PageArea, card: Card,
         rank: int | None) -> tuple[list[Item], float]:
    """One card's row, y from the row's top."""
    caption, title_role = FontRole.CAPTION, FontRole.CAPTION_BOLD
    title_x, title_w, rights = _columns(area)
    lines = write.lines(card.title or "Untitled", title_role, title_w)
    line_h = theme.line_height(caption)
    top = ROW_GAP / 2
    items: list[Item] = []
    if rank is not None:
        items.append(write.text(str(rank), area.left, top, FontRole.CAPTION_BOLD,
                                Role.kind_ink(card.kind)))
    items.append(Marker(card.kind, title_x - 8, top + line_h / 2, 4.0))
    for index, line in enumerate(lines):
        items.append(write.text(line, title_x, top + index * line_h, title_role, Role.INK))
    priority = card.priority
    where = quadrant(priority)
    cells = [_number(priority.customer_value if priority else None, " %"),
             _number(priority.business_value if priority else None, " %"),
             _number(priority_value(priority), " %"),
             _number(priority.effort if priority else None),
             _number(priority_score(priority)),
             QUADRANT_LABELS[where] if where is not None else "–"]
    for value, right in zip(cells, rights, strict=True):
        width = write.wrapper.width(value, caption)
        items.append(write.text(value, right - width, top, caption, Role.INK))
    row_h = len(lines) * line_h + ROW_GAP
    items.append(Lines(((area.left, row_h, area.right, row_h),), Role.GRID, 0.5))
    return items, row_h
