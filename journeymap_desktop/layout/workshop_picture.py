"""What a workshop adds to the picture, as display lists: the dots on a card during and after a
voting round, the "private" mark on a card captured privately, and a round's ranked results
(the projector's results screen and the handout's results page draw the same rows).

Every round has its Okabe-Ito colour (theme.round_colour) and always its letter (A, B, ...)
beside it, so rounds side by side stay apart in grey scale too. Pure: no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap_desktop.layout import theme
from journeymap_desktop.layout.display import Box, Dots, Item, Lines, Marker, Text
from journeymap_desktop.layout.text import TextMeasurer, Wrapper
from journeymap_desktop.layout.theme import FontRole, Role
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.model.workshop import (
    ResultRow,
    VotingRound,
    done_count,
    round_letter,
    round_summary,
)

BADGE_HEIGHT = 20.0
BADGE_GAP = 4.0
BADGE_TEXT_SCALE = 1.2  # the badge's count: caption size, a little larger
MINE_DOT_RADIUS = 4.0
MINE_DOTS_MAX = 5
PRIVATE_LABEL = "PRIVATE"


@dataclass(frozen=True, slots=True)
class Badge:
    """One mark above a card's top-right corner, right to left: a revealed round's total
    ("A 7" in the round's colour), the current participant's own dots in the open round (dots
    in the round's colour on white), or "PRIVATE"."""

    kind: str  # "total", "mine" or "private"
    round_index: int = 0
    count: int = 0


def badge_items(badges: list[Badge], measurer: TextMeasurer,
                right: float) -> tuple[Item, ...]:
    """The badges laid out leftwards from `right` (a card's right edge, less a margin), their
    middles on y = 0 (the card's top edge), relative to the card's corner."""
    wrapper = Wrapper(measurer)
    role = FontRole.CAPTION_BOLD
    h = BADGE_HEIGHT
    top = -h / 2
    baseline = _baseline(measurer, top, h, role, BADGE_TEXT_SCALE)
    items: list[Item] = []
    x = right
    for badge in badges:
        if badge.kind == "private":
            width = wrapper.width(PRIVATE_LABEL, role)
            w = width + 14
            x -= w
            items.append(Box(x, top, w, h, Role.INK_SOFT, Role.PAPER, 1.5, h / 2))
            items.append(Text(PRIVATE_LABEL, x + 7, _baseline(measurer, top, h, role, 1.0),
                              role, Role.PAPER, width))
        elif badge.kind == "mine":
            shown = min(badge.count, MINE_DOTS_MAX)
            more = f"+{badge.count - shown}" if badge.count > shown else ""
            more_w = wrapper.width(more, role) * BADGE_TEXT_SCALE if more else 0.0
            step = 2 * MINE_DOT_RADIUS + 3
            w = 10 + max(1, shown) * step - 3 + (more_w + 4 if more else 0)
            x -= w
            colour = Role.round(badge.round_index)
            items.append(Box(x, top, w, h, Role.PAPER, colour, 2.0, h / 2))
            if shown:
                items.append(Dots(tuple((x + 5 + MINE_DOT_RADIUS + i * step, 0.0)
                                        for i in range(shown)), MINE_DOT_RADIUS, colour))
            if more:
                items.append(Text(more, x + w - 5 - more_w, baseline, role, Role.INK, more_w,
                                  BADGE_TEXT_SCALE))
        else:
            label = f"{round_letter(badge.round_index)} {badge.count}"
            width = wrapper.width(label, role) * BADGE_TEXT_SCALE
            w = width + 14
            x -= w
            items.append(Box(x, top, w, h, Role.round(badge.round_index), Role.PAPER, 1.5,
                             h / 2))
            items.append(Text(label, x + 7, baseline, role, Role.round_ink(badge.round_index),
                              width, BADGE_TEXT_SCALE))
        x -= BADGE_GAP
    return tuple(items)


def _baseline(measurer: TextMeasurer, top: float, height: float, role: FontRole,
              scale: float) -> float:
    ascent = measurer.ascent(role) * scale
    descent = measurer.descent(role) * scale
    return top + (height - (ascent + descent)) / 2 + ascent


# ----- a round's results ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PictureRow:
    """A horizontal band of a results list: its height and its items (y from its top)."""

    height: float
    items: tuple[Item, ...]


RANK_WIDTH = 44.0
BAR_SHARE = 0.26  # of the width: the longest bar (the most dots)
BAR_HEIGHT = 12.0
CHIP_SIZE = 26.0
TITLE_LINES = 2


def round_chip(index: int, x: float, y: float, size: float,
               measurer: TextMeasurer) -> list[Item]:
    """The round's colour as a square with its letter in it."""
    letter = round_letter(index)
    role = FontRole.STAGE
    scale = size / 26.0
    width = Wrapper(measurer).width(letter, role) * scale
    return [Box(x, y, size, size, Role.round(index), None, 0.0, 4.0),
            Text(letter, x + (size - width) / 2, _baseline(measurer, y, size, role, scale),
                 role, Role.round_ink(index), width, scale)]


def results_heading(journey: JourneyMap, index: int, voting_round: VotingRound,
                    measurer: TextMeasurer, width: float) -> list[PictureRow]:
    """The round's chip and name, what it was about, and how many took part."""
    wrapper = Wrapper(measurer)
    rows: list[PictureRow] = []
    name_role = FontRole.MAP_TITLE
    name_lines = wrapper.wrap(voting_round.name, name_role, width - CHIP_SIZE - 12, 2).lines
    line_h = theme.line_height(name_role)
    items: list[Item] = round_chip(index, 0.0, (line_h - CHIP_SIZE) / 2, CHIP_SIZE, measurer)
    for i, line in enumerate(name_lines):
        items.append(Text(line, CHIP_SIZE + 12, _line_baseline(measurer, i * line_h, name_role),
                          name_role, Role.INK, wrapper.width(line, name_role)))
    rows.append(PictureRow(max(CHIP_SIZE, len(name_lines) * line_h) + 4, tuple(items)))
    caption = FontRole.CARD_BODY
    done, people = done_count(voting_round)
    total = sum(vote.count for vote in voting_round.votes)
    facts = [round_summary(voting_round, journey),
             f"{total} dot{'s' if total != 1 else ''} given · {done} of {people} said they "
             "were done" + (" · closed" if voting_round.state == "closed" else "")]
    for fact in facts:
        for line in wrapper.wrap(fact, caption, width, 3).lines:
            rows.append(PictureRow(theme.line_height(caption), (Text(
                line, 0.0, _line_baseline(measurer, 0.0, caption), caption, Role.INK_SOFT,
                wrapper.width(line, caption)),)))
    rows.append(PictureRow(12.0, (Lines(((0.0, 6.0, width, 6.0),), Role.GRID, 1.0),)))
    return rows


def result_rows(index: int, rows: list[ResultRow], measurer: TextMeasurer,
                width: float) -> list[PictureRow]:
    """One band per card: its rank ("2=" and "tied" for a tie), a bar as long as its share of
    the most dots, the count, the title (two lines at most), where it is, and who gave the
    dots where the round's anonymity allows."""
    wrapper = Wrapper(measurer)
    most = max((row.dots for row in rows), default=1)
    bar_w = width * BAR_SHARE
    text_x = RANK_WIDTH + 14
    count_w = wrapper.width("99 dots", FontRole.CARD_TITLE)
    text_w = width - text_x - bar_w - count_w - 24
    title_role, caption = FontRole.CARD_TITLE, FontRole.CAPTION
    out: list[PictureRow] = []
    for row in rows:
        items: list[Item] = []
        rank = f"{row.rank}=" if row.tied else str(row.rank)
        rank_role = FontRole.MAP_TITLE
        items.append(Text(rank, 0.0, _line_baseline(measurer, 0.0, rank_role), rank_role,
                          Role.INK, wrapper.width(rank, rank_role)))
        title_h = theme.line_height(title_role)
        items.append(Marker(row.kind, RANK_WIDTH + 4, title_h / 2, 4.0))
        lines = wrapper.wrap(row.title, title_role, text_w, TITLE_LINES).lines or ("",)
        y = 0.0
        for line in lines:
            items.append(Text(line, text_x, _line_baseline(measurer, y, title_role), title_role,
                              Role.INK, wrapper.width(line, title_role)))
            y += title_h
        where = " · ".join(part for part in (row.stage, row.lane) if part)
        if row.tied:
            where = f"tied · {where}" if where else "tied"
        for detail in (where, ", ".join(f"{name} {dots}" for name, dots in row.voters)):
            if not detail:
                continue
            line = wrapper.fit(detail, caption, text_w)
            items.append(Text(line, text_x, _line_baseline(measurer, y, caption), caption,
                              Role.INK_SOFT, wrapper.width(line, caption)))
            y += theme.line_height(caption)
        bar_x = width - bar_w - count_w - 10
        length = max(4.0, bar_w * row.dots / most)
        items.append(Box(bar_x, (title_h - BAR_HEIGHT) / 2, bar_w, BAR_HEIGHT,
                         Role.round_tint(index), None, 0.0, BAR_HEIGHT / 2))
        items.append(Box(bar_x, (title_h - BAR_HEIGHT) / 2, length, BAR_HEIGHT,
                         Role.round(index), None, 0.0, BAR_HEIGHT / 2))
        count = f"{row.dots} dot{'s' if row.dots != 1 else ''}"
        items.append(Text(count, width - count_w, _line_baseline(measurer, 0.0, title_role),
                          title_role, Role.INK, wrapper.width(count, title_role)))
        height = max(y, theme.line_height(rank_role)) + 10
        items.append(Lines(((text_x, height - 5, width, height - 5),), Role.GRID, 0.75))
        out.append(PictureRow(height, tuple(items)))
    return out


def _line_baseline(measurer: TextMeasurer, top: float, role: FontRole) -> float:
    return _baseline(measurer, top, theme.line_height(role), role, 1.0)
