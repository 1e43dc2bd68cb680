"""The A4/Letter handout: overview, a page per stage, ranked pain points and opportunities."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from journeymap_desktop.export import PdfOptions, export_pdf
from journeymap_desktop.export.handout_flow import PageArea, flow_text_pages
from journeymap_desktop.layout.display import Box, Text
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.model.map import Card, JourneyMap
from tests.helpers.maps import long_text_map, unicode_map
from tests.helpers.pdf import MM, normalised, page_texts


@pytest.mark.parametrize(("paper", "size_mm"), [("A4", (210, 297)), ("Letter", (215.9, 279.4))])
def test_pages_and_footers(small_map: JourneyMap, tmp_path: Path, paper: str,
                           size_mm: tuple[float, float]) -> None:
    out = tmp_path / "handout.pdf"
    result = export_pdf(small_map, out, PdfOptions(handout=True, paper=paper))
    texts = [normalised(t) for t in page_texts(out)]
    stages = len(small_map.stages)
    # Overview + one page per stage (these stages are short) + pain points + opportunities.
    assert len(texts) == result.pages == 1 + stages + 2
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text
        assert small_map.title in text
    for page in PdfReader(out).pages:
        assert float(page.mediabox.width) == pytest.approx(size_mm[0] * MM, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(size_mm[1] * MM, abs=0.5)
    assert "CUSTOMER JOURNEY MAP" in texts[0]
    for i, stage in enumerate(small_map.stages):
        assert f"STAGE {i + 1} OF {stages}" in texts[1 + i]
        assert stage.name in texts[1 + i]
    assert texts[-2].startswith("PAIN POINTS") or "Pain points" in texts[-2]
    assert "Hidden delivery fees" in texts[-2]
    assert "Opportunities" in texts[-1] and "No opportunities on this map." in texts[-1]


def test_stage_pages_show_every_card_with_its_emotion(small_map: JourneyMap,
                                                     tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    export_pdf(small_map, out, PdfOptions(handout=True))
    texts = [normalised(t) for t in page_texts(out)]
    first_stage = texts[1]
    assert "Sees an ad" in first_stage and "Hears from a friend" in first_stage
    assert "pleased (positive)" in first_stage  # face + word (+ the scale's name)
    assert "delighted (very positive)" in first_stage


def test_long_text_flows_onto_further_pages_and_is_never_cut(tmp_path: Path) -> None:
    journey = long_text_map(words=1500)
    out = tmp_path / "long.pdf"
    result = export_pdf(journey, out, PdfOptions(handout=True))
    texts = [normalised(t) for t in page_texts(out)]
    # The first stage needs several pages; each later one starts with a continuation head.
    assert result.pages > 1 + len(journey.stages) + 2
    assert "Awareness (continued)" in texts[2]
    words = " ".join(texts).split()
    found = {w for w in words if re.fullmatch(r"word\d{4}", w)}
    assert found == {f"word{i:04d}" for i in range(1500)}
    assert "…" not in " ".join(texts[1:-2])
    assert "The card after it" in " ".join(texts)


def test_no_text_item_runs_outside_the_page_area() -> None:
    area = PageArea(595.0, 842.0, 42.5, 42.5, 552.5, 771.0)
    measurer = FontMeasurer()
    from journeymap_desktop.export.draw import text_width
    from journeymap_desktop.layout import theme

    for journey in (long_text_map(words=1000), unicode_map()):
        for page in flow_text_pages(journey, area, measurer):
            for item in page.items:
                if not isinstance(item, Text):
                    continue
                spec = theme.FONTS[item.role]
                assert item.x >= area.left - 0.01
                assert item.x + text_width(item.text, spec.size, spec.bold) <= area.right + 0.5
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
    texts = [normalised(t) for t in page_texts(out)]
    pains, opportunities = texts[-2], texts[-1]
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


def test_handout_cards_are_never_split_and_headings_stay_with_their_cards(
        tmp_path: Path) -> None:
    from journeymap_desktop.export.handout_flow import PageArea, flow_text_pages
    from journeymap_desktop.layout.typeface import FontMeasurer
    from journeymap_desktop.resources import examples_dir
    from journeymap_desktop.storage import load_map

    journey = load_map(examples_dir() / "grocery-delivery.journeymap")
    area = PageArea(595, 842, 42, 42, 553, 800)
    pages = flow_text_pages(journey, area, FontMeasurer())
    boxes = [item for page in pages for item in page.items if isinstance(item, Box)
             and item.stroke is not None]
    assert len(boxes) == len(journey.cards), "one box per card: no card is cut in two"
    for page in pages:
        texts = sorted((item for item in page.items if hasattr(item, "baseline")),
                       key=lambda item: item.baseline)
        lanes = {lane.title for lane in journey.lanes}
        if texts and texts[-1].text in lanes:
            raise AssertionError(f"the lane heading {texts[-1].text!r} ends a page alone")


def test_a_lane_heading_stays_with_a_first_card_taller_than_half_a_page() -> None:
    from journeymap_desktop.export.handout_flow import PageArea, flow_text_pages
    from journeymap_desktop.layout.typeface import FontMeasurer
    from journeymap_desktop.model.map import Card
    from journeymap_desktop.model.templates import service_journey

    journey = service_journey()
    stage = journey.stages[0].id
    lanes = [lane.id for lane in journey.lanes]
    journey.cards = [
        Card(id="a", stage_id=stage, lane_id=lanes[0], title="Opening", body="word " * 60),
        Card(id="b", stage_id=stage, lane_id=lanes[1], title="Tall", body="word " * 250),
    ]
    area = PageArea(595, 842, 42, 42, 553, 800)
    pages = flow_text_pages(journey, area, FontMeasurer())
    for page in pages:
        texts = sorted((item for item in page.items if hasattr(item, "baseline")),
                       key=lambda item: item.baseline)
        assert not texts or texts[-1].text not in {lane.title for lane in journey.lanes}
    boxes = [item for page in pages for item in page.items
             if isinstance(item, Box) and item.stroke is not None]
    assert len(boxes) == 2
