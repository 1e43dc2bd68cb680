"""The handout's voting results: a page per voting round (going on over the next page when it
has many cards), after the cards, drawn from the same rows as the projector's results screen
(layout.workshop_picture).

Only rounds whose votes the room has seen are printed (revealed or closed): a handout made
halfway through a workshop never shows dots that are still hidden. Who gave the dots is named
only in a named round. Pure: positioned items on HandoutPages, drawn by export/handout.py.
"""

from __future__ import annotations

from journeymap_desktop.export.handout_flow import HandoutPage, Item, OutlineMark, PageArea
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.display import Group, Text, flatten
from journeymap_desktop.layout.text import Wrapper
from journeymap_desktop.layout.theme import FontRole, Role
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.layout.workshop_picture import PictureRow, result_rows, results_heading
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.model.workshop import VotingRound, results

KICKER = "VOTING RESULTS"


def printed_rounds(journey: JourneyMap) -> list[tuple[int, VotingRound]]:
    """The rounds the handout prints: those whose votes have been revealed to the room."""
    return [(i, r) for i, r in enumerate(journey.workshop.rounds)
            if r.revealed or r.state == "closed"]


def results_pages(journey: JourneyMap, area: PageArea,
                  measurer: FontMeasurer) -> list[HandoutPage]:
    """A page (or more) per printed round: kicker, heading, then the ranked cards."""
    pages: list[HandoutPage] = []
    wrapper = Wrapper(measurer)
    width = area.inner_width
    kicker_h = theme.line_height(FontRole.CAPTION_BOLD) + 4
    for index, voting_round in printed_rounds(journey):
        rows = results_heading(journey, index, voting_round, measurer, width)
        ranked = result_rows(index, results(journey, voting_round), measurer, width)
        if not ranked:
            rows.append(PictureRow(theme.line_height(FontRole.CARD_BODY), (Text(
                "No dots were given in this round.", 0.0,
                measurer.baseline(0.0, FontRole.CARD_BODY), FontRole.CARD_BODY, Role.INK_SOFT,
                wrapper.width("No dots were given in this round.", FontRole.CARD_BODY)),)))
        page = HandoutPage("results", top=area.top)
        page.marks.append(OutlineMark(f"Votes: {voting_round.name}", 0, area.left, area.top))
        y = _kicker(page, KICKER, area, measurer, wrapper)
        for row in [*rows, *ranked]:
            if y + row.height > area.bottom and y > area.top + kicker_h + 1:
                pages.append(page)
                page = HandoutPage("results", top=area.top)
                y = _kicker(page, f"{KICKER} · {voting_round.name} (continued)", area,
                            measurer, wrapper)
            page.items.extend(_placed(row, area.left, y))
            y += row.height
        pages.append(page)
    return pages


def _kicker(page: HandoutPage, text: str, area: PageArea, measurer: FontMeasurer,
            wrapper: Wrapper) -> float:
    role = FontRole.CAPTION_BOLD
    line = wrapper.fit(text, role, area.inner_width)
    page.items.append(Text(line, area.left, measurer.baseline(area.top, role), role,
                           Role.INK_SOFT, wrapper.width(line, role)))
    return area.top + theme.line_height(role) + 4


def _placed(row: PictureRow, x: float, y: float) -> list[Item]:
    return flatten((Group(x, y, row.items),))  # type: ignore[return-value]
