"""The A4/Letter handout: the overview at a readable size, then every card in full in two
columns flowing from page to page, then the pain points and opportunities ranked by votes."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from journeymap_desktop.export import PdfOptions, export_pdf
from journeymap_desktop.export.handout import OVERVIEW_MIN_PT
from journeymap_desktop.export.handout_flow import PageArea, Writer, flow_text_pages
from journeymap_desktop.layout.display import Box, Star, Text
from journeymap_desktop.layout.theme import Role
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.model.curves import EVERYONE_AS_IS_ID, everyone_as_is
from journeymap_desktop.model.emotion import EmotionValue
from journeymap_desktop.model.map import Card, JourneyMap, Lane, Stage
from journeymap_desktop.storage import load_map
from tests.helpers.maps import long_text_map, unicode_map
from tests.helpers.pdf import MM, normalised, page_texts
from tests.pdf_probe import text_sizes

AREA = PageArea(595, 842, 42, 42, 553, 800)
EXAMPLES = ("grocery-delivery", "b2b-onboarding", "bike-service-blueprint")


@pytest.fixture(scope="module")
def example_handouts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from journeymap_desktop.resources import examples_dir

    folder = tmp_path_factory.mktemp("handouts")
    out = {}
    for name in EXAMPLES:
        out[name] = folder / f"{name}.pdf"
        export_pdf(load_map(examples_dir() / f"{name}.journeymap"), out[name],
                   PdfOptions(handout=True))
    return out


def _journey(name: str) -> JourneyMap:
    from journeymap_desktop.resources import examples_dir

    return load_map(examples_dir() / f"{name}.journeymap")


@pytest.mark.parametrize(("paper", "size_mm"), [("A4", (210, 297)), ("Letter", (215.9, 279.4))])
def test_pages_and_footers(small_map: JourneyMap, tmp_path: Path, paper: str,
                           size_mm: tuple[float, float]) -> None:
    out = tmp_path / "handout.pdf"
    result = export_pdf(small_map, out, PdfOptions(handout=True, paper=paper))
    texts = [normalised(t) for t in page_texts(out)]
    assert len(texts) == result.pages
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text
        assert small_map.title in text
    for page in PdfReader(out).pages:
        assert float(page.mediabox.width) == pytest.approx(size_mm[0] * MM, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(size_mm[1] * MM, abs=0.5)
    assert "CUSTOMER JOURNEY MAP" in texts[0]
    everything = " ".join(texts)
    places = [everything.index(f"STAGE {i + 1} OF {len(small_map.stages)} {stage.name}")
              for i, stage in enumerate(small_map.stages)]
    assert places == sorted(places), "stages in order"
    assert "Hidden delivery fees" in everything.split("RANKED BY VOTES Pain points")[1]
    # Nobody voted on an opportunity: no ranked list of them.
    assert "Opportunities Ranked" not in everything and "RANKED BY VOTES Opportunities" \
        not in everything


def test_every_card_is_there_with_its_emotion(small_map: JourneyMap, tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    export_pdf(small_map, out, PdfOptions(handout=True))
    text = normalised(" ".join(page_texts(out)))
    for card in small_map.cards:
        assert card.title in text
    assert "pleased (positive)" in text  # face + word (+ the scale's name)
    assert "delighted (very positive)" in text


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_examples_fit_on_eight_pages_with_every_card_in_full(
        example_handouts: dict[str, Path], name: str) -> None:
    journey = _journey(name)
    texts = [normalised(t) for t in page_texts(example_handouts[name])]
    # Besides the pages of the map and its cards, one page of prioritisation (the matrix of
    # the scored pain points and opportunities, and their ranking) closes the handout.
    assert "PRIORITISATION" in texts[-1] and "PRIORITISATION" not in " ".join(texts[:-1])
    assert len(texts) - 1 <= 8
    flowed = normalised(" ".join(texts))
    for card in journey.cards:
        assert normalised(card.title) in flowed
        if card.body:
            assert normalised(card.body) in flowed, card.id
    assert "…" not in flowed


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_page_but_the_last_is_less_than_half_filled(example_handouts: dict[str, Path],
                                                       name: str) -> None:
    path = example_handouts[name]
    sizes = text_sizes(path)
    with pikepdf.open(path) as pdf:
        height = float(pdf.pages[0].MediaBox[3])
        pages = len(pdf.pages)
    top, bottom = height - 15 * MM, 15 * MM + 10 * MM  # margins and footer
    for page in range(pages - 1):
        body = [t.y for t in sizes if t.page == page and t.y > bottom + 1]
        filled = (top - min(body)) / (top - bottom)
        assert filled >= 0.5, f"page {page + 1} is {filled:.0%} filled"


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_overview_is_readable(example_handouts: dict[str, Path], name: str) -> None:
    sizes = text_sizes(example_handouts[name])
    assert min(t.size for t in sizes) >= OVERVIEW_MIN_PT - 0.01
    # Every card's title is on the overview pages, before the first stage's heading.
    journey = _journey(name)
    texts = [normalised(t) for t in page_texts(example_handouts[name])]
    before_cards = " ".join(texts).split("STAGE 1 OF")[0]
    for card in journey.cards:
        assert normalised(card.title)[:12] in before_cards


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_outline_counts_what_it_shows(example_handouts: dict[str, Path], name: str) -> None:
    journey = _journey(name)
    with pikepdf.open(example_handouts[name]) as pdf:
        root = pdf.Root.Outlines
        top = []
        item = root.First
        while item is not None:
            top.append(item)
            item = item.get("/Next")
        titles = [str(i.Title) for i in top]
        assert titles[:2] == ["Overview", "Stages"]
        stages = top[1]
        children = []
        child = stages.First
        while child is not None:
            children.append(str(child.Title))
            assert "/Count" not in child
            child = child.get("/Next")
        assert children == [s.name for s in journey.stages]
        assert int(stages.Count) == len(journey.stages)
        assert int(root.Count) == len(top) + len(children)


def test_ranked_lists_appear_only_with_votes(small_map: JourneyMap, tmp_path: Path) -> None:
    for card in small_map.cards:
        card.votes = 0
    out = tmp_path / "no-votes.pdf"
    export_pdf(small_map, out, PdfOptions(handout=True))
    assert "RANKED BY VOTES" not in normalised(" ".join(page_texts(out)))


def test_long_text_flows_onto_further_pages_and_is_never_cut(tmp_path: Path) -> None:
    journey = long_text_map(words=1500)
    out = tmp_path / "long.pdf"
    result = export_pdf(journey, out, PdfOptions(handout=True))
    texts = [normalised(t) for t in page_texts(out)]
    assert result.pages > 3
    assert "Awareness (continued)" in " ".join(texts[1:])
    words = " ".join(texts).split()
    found = {w for w in words if re.fullmatch(r"word\d{4}", w)}
    assert found == {f"word{i:04d}" for i in range(1500)}
    assert "The card after it" in " ".join(texts)


def test_no_text_item_runs_outside_its_column() -> None:
    area = PageArea(595.0, 842.0, 42.5, 42.5, 552.5, 771.0)
    measurer = FontMeasurer()
    from journeymap_desktop.export.draw import text_width
    from journeymap_desktop.layout import theme

    columns = [(area.left, area.left + area.column_width),
               (area.right - area.column_width, area.right)]
    for journey in (long_text_map(words=1000), unicode_map()):
        for page in flow_text_pages(journey, area, measurer):
            for item in page.items:
                if not isinstance(item, Text):
                    continue
                spec = theme.FONTS[item.role]
                right = item.x + text_width(item.text, spec.size, spec.bold)
                assert any(x0 - 0.01 <= item.x and right <= x1 + 0.5 for x0, x1 in columns)
                assert area.top <= item.baseline <= area.bottom


def test_pain_points_and_opportunities_are_ranked_by_votes(small_map: JourneyMap,
                                                           tmp_path: Path) -> None:
    stages = small_map.stages
    pain = next(lane for lane in small_map.lanes if lane.kind == "pain_points")
    opportunity = next(lane for lane in small_map.lanes if lane.kind == "opportunities")
    small_map.cards += [
        Card(id="p2", stage_id=stages[0].id, lane_id=pain.id, kind="pain_point",
             title="Slow loading", votes=9),
        Card(id="p3", stage_id=stages[1].id, lane_id=pain.id, kind="pain_point",
             title="Confusing prices", votes=1),
        Card(id="o1", stage_id=stages[1].id, lane_id=opportunity.id, kind="opportunity",
             title="Show total early", votes=2, owner="Pricing team", tags=["quick-win"]),
        Card(id="o2", stage_id=stages[2].id, lane_id=opportunity.id, kind="opportunity",
             title="Save the basket", votes=7, owner="Growth"),
    ]
    out = tmp_path / "ranked.pdf"
    export_pdf(small_map, out, PdfOptions(handout=True))
    text = normalised(" ".join(page_texts(out)))
    ranked = text.split("RANKED BY VOTES Pain points")[1]
    pains, opportunities = ranked.split("RANKED BY VOTES Opportunities")
    order = [pains.index(t) for t in ("Slow loading", "Hidden delivery fees",
                                      "Confusing prices")]
    assert order == sorted(order)
    assert opportunities.index("Save the basket") < opportunities.index("Show total early")
    assert "Owner: Pricing team" in opportunities and "#quick-win" in opportunities
    assert "9 votes" in pains


def test_unicode_and_markup_print_literally_in_full(tmp_path: Path) -> None:
    journey = unicode_map()
    out = tmp_path / "unicode.pdf"
    export_pdf(journey, out, PdfOptions(handout=True))
    text = normalised(" ".join(page_texts(out)))
    for card in journey.cards[:6]:
        assert normalised(card.title) in text
        assert normalised(card.body) in text


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("votes", [0, 3, 12])
def test_star_votes_and_channel_never_overlap_or_cut(votes: int) -> None:
    card = Card(id="c", stage_id="s", lane_id="l", title="Order summary with fees",
                kind="pain_point", channel="mobile_app", moment_of_truth=True, votes=votes,
                emotions={EVERYONE_AS_IS_ID: EmotionValue(value=-2, word="cheated")})
    writer = Writer(FontMeasurer(), JourneyMap(
        stages=[Stage(id="s", name="S")], lanes=[Lane(id="l", name="L")],
        curves=[everyone_as_is()], cards=[card]))
    width = AREA.column_width
    boxes = []
    y = 0.0
    for row in writer.card_rows(card, width):
        for item in row.items:
            if isinstance(item, Text):
                boxes.append((item.text, (item.x, y + item.baseline - item.size * 0.8,
                                          item.x + item.width, y + item.baseline)))
            elif isinstance(item, Star):
                boxes.append(("star", (item.cx - item.radius, y + item.cy - item.radius,
                                       item.cx + item.radius, y + item.cy + item.radius)))
        y += row.height
    texts = [name for name, _ in boxes]
    assert "·  Mobile app" in texts and "Moment of truth" in texts
    for i, (name, box) in enumerate(boxes):
        assert box[2] <= width + 0.5, name
        for other, other_box in boxes[i + 1:]:
            assert not _overlaps(box, other_box), (name, other)


def test_cards_are_never_split_and_headings_stay_with_their_cards() -> None:
    journey = _journey("grocery-delivery")
    pages = flow_text_pages(journey, AREA, FontMeasurer())
    boxes = [item for page in pages for item in page.items if _is_card_box(item)]
    assert len(boxes) == len(journey.cards), "one box per card: no card is cut in two"
    _headings_never_end_a_column(pages, {lane.name for lane in journey.lanes})


def _is_card_box(item: object) -> bool:
    """A card's box (a badge's ring is a stroked box too, in another colour)."""
    return isinstance(item, Box) and item.stroke == Role.CARD_BORDER


def _headings_never_end_a_column(pages: list, lanes: set[str]) -> None:  # type: ignore[type-arg]
    for page in pages:
        for column in (0, 1):
            x0 = AREA.left + column * (AREA.column_width + 14)
            texts = sorted((item for item in page.items if isinstance(item, Text)
                            and x0 - 1 <= item.x < x0 + AREA.column_width),
                           key=lambda item: item.baseline)
            if texts and texts[-1].text in lanes:
                raise AssertionError(f"the lane heading {texts[-1].text!r} ends a column")


def test_a_lane_heading_stays_with_a_first_card_taller_than_half_a_column() -> None:
    from journeymap_desktop.model.templates import service_journey

    journey = service_journey()
    stage = journey.stages[0].id
    lanes = [lane.id for lane in journey.lanes]
    journey.cards = [
        Card(id="a", stage_id=stage, lane_id=lanes[0], title="Opening", body="word " * 60),
        Card(id="b", stage_id=stage, lane_id=lanes[1], title="Tall", body="word " * 250),
    ]
    pages = flow_text_pages(journey, AREA, FontMeasurer())
    _headings_never_end_a_column(pages, {lane.name for lane in journey.lanes})
    boxes = [item for page in pages for item in page.items if _is_card_box(item)]
    assert len(boxes) >= 2
