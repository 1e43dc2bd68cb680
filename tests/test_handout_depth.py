"""The handout with journey depth: every card's evidence listed under it, its confidence
badge, a metric card's figure, the legend's new rows, and an overview that packs its parts
(cut between lanes under repeated stage headers rather than leaving half a page empty)."""

from __future__ import annotations

import datetime as dt

import pytest

from journeymap_desktop.export import PdfOptions, export_pdf
from journeymap_desktop.export.handout import OVERVIEW_MIN_PT, _header_height, plan_overview
from journeymap_desktop.export.handout_flow import PageArea, Writer
from journeymap_desktop.layout.display import Text
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.model.curves import EVERYONE_AS_IS_ID, everyone_as_is
from journeymap_desktop.model.emotion import Distribution, EmotionValue
from journeymap_desktop.model.evidence import (
    FileLink,
    MetricEvidence,
    QuoteEvidence,
    SurveyFigure,
)
from journeymap_desktop.model.evidence_text import evidence_text
from journeymap_desktop.model.map import Card, JourneyMap, Lane, Stage
from journeymap_desktop.resources import examples_dir
from journeymap_desktop.storage import load_map
from tests.helpers.pdf import normalised, page_texts

AREA = PageArea(595.2756, 841.8898, 42.52, 42.52, 552.7556, 771.02)
EXAMPLES = ("grocery-delivery", "b2b-onboarding", "bike-service-blueprint")


@pytest.fixture(scope="module")
def handouts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("depth-handouts")
    texts = {}
    for name in EXAMPLES:
        out = folder / f"{name}.pdf"
        export_pdf(load_map(examples_dir() / f"{name}.journeymap"), out,
                   PdfOptions(handout=True))
        texts[name] = normalised(" ".join(page_texts(out)))
    return texts


def _journey(name: str) -> JourneyMap:
    return load_map(examples_dir() / f"{name}.journeymap")


def _row_texts(writer: Writer, card: Card) -> list[str]:
    return [" ".join(item.text for item in row.items if isinstance(item, Text))
            for row in writer.card_rows(card, AREA.column_width)]


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_piece_of_evidence_is_under_its_card(handouts: dict[str, str],
                                                   name: str) -> None:
    journey = _journey(name)
    text = handouts[name]
    stages_part = text.split("RANKED BY VOTES")[0]
    for card in journey.cards:
        for item in card.evidence:
            words = normalised(evidence_text(item))
            if isinstance(item, MetricEvidence) and item is card.evidence[0] and any(
                    lane.id == card.lane_id and lane.kind == "metric" for lane in journey.lanes):
                continue  # shown as the card's figure instead
            at = stages_part.find(words)
            assert at >= 0, (card.id, words)
            # after its own card's title
            assert stages_part.rfind(normalised(card.title), 0, at) >= 0


def test_a_cards_rows_badge_figure_facts_and_evidence_in_order() -> None:
    metric = MetricEvidence(id="m", label="Install to sign-up", value=41.0, unit="%",
                            source="App install funnel", date=dt.date(2024, 4, 30))
    card = Card(id="c", stage_id="s", lane_id="metrics", kind="note", title="Install to sign-up",
                body="Funnel, April.", owner="Growth", tags=["funnel"], evidence=[
                    metric,
                    QuoteEvidence(id="q", text="Too many steps.", who="P2", source="Interview 2"),
                    SurveyFigure(id="s", question="Easy sign-up", n=312, value=68.0, unit="%"),
                    FileLink(id="f", path="research/funnel.csv", label="Funnel export"),
                ], emotions={EVERYONE_AS_IS_ID: EmotionValue(value=1, evidence=Distribution(
                    n=298, mean=0.7, median=1, q1=0, q3=2, source="Spring survey"))})
    journey = JourneyMap(stages=[Stage(id="s", name="S")], curves=[everyone_as_is()],
                         lanes=[Lane(id="metrics", name="Metrics", kind="metric")], cards=[card])
    rows = _row_texts(Writer(FontMeasurer(), journey), card)
    flat = " ".join(rows)
    assert rows[0].startswith("NOTE") and rows[0].endswith("Strong evidence")
    order = [flat.index(words) for words in (
        "Install to sign-up", "41% App install funnel · 30 Apr 2024", "Funnel, April.",
        "positive", "Owner: Growth", "#funnel", "Quote: “Too many steps.” — P2, Interview 2",
        "Survey: Easy sign-up: 68% (n = 312)", "File: Funnel export (research/funnel.csv)",
        "Feeling: 298 answers, median 1, half 0 to 2 · Spring survey")]
    assert order == sorted(order)
    assert "Metric:" not in flat  # the figure is not listed twice


def test_badge_words_metric_figures_and_distributions_print(handouts: dict[str, str]) -> None:
    grocery = handouts["grocery-delivery"]
    for words in ("Strong evidence", "Some evidence", "No evidence",
                  "41% App install funnel · 30 Apr 2024",
                  "Feeling: 301 answers, median 1, half 0 to 1"):
        assert words in grocery, words
    assert "EVIDENCE none some strong metric: value, source, date" in grocery
    bike = handouts["bike-service-blueprint"]
    assert "BLUEPRINT LINES interaction visibility internal interaction" in bike
    assert "Line of visibility" in bike  # drawn on the overview too


def test_the_ranked_lists_index_the_cards_by_votes(handouts: dict[str, str]) -> None:
    ranked = handouts["b2b-onboarding"].split("RANKED BY VOTES")[1]
    assert "SSO errors give no clue Account & SSO · 11 votes" in ranked
    assert "strong evidence" in ranked


# ----- the overview -----------------------------------------------------------------------------
def test_a_part_that_does_not_fit_goes_on_under_its_stage_headers() -> None:
    journey = _journey("b2b-onboarding")
    # Less than a part is left on the first page, but more than a third of it.
    plan = plan_overview(journey, FontMeasurer(), AREA, first_top=360.0)
    first, second = plan.pages[0][0], plan.pages[1][0]
    assert first.part is second.part
    layout = first.part.layout
    assert (first.y0, first.repeat_header) == (layout.corner.y, False)
    assert (second.y0, second.repeat_header) == (first.y1, True)
    assert first.y1 in [lane.row.bottom for lane in layout.lanes]  # between lanes
    assert first.top + (first.y1 - first.y0) * plan.scale <= AREA.bottom + 0.01
    # Drawn under the stage headers again: the layout's header row, then the slice.
    assert first.windows == [(first.y0, first.y1)]
    assert second.windows == [(layout.corner.y, layout.lanes[0].row.y),
                              (second.y0, second.y1)]
    # Every lane of every part is shown once.
    shown: dict[int, float] = {}
    for page in plan.pages:
        for part_slice in page:
            start = shown.get(id(part_slice.part), part_slice.part.layout.corner.y)
            assert part_slice.y0 == pytest.approx(start)
            shown[id(part_slice.part)] = part_slice.y1
    assert all(end == part.layout.lanes[-1].row.bottom for part in {
        id(s.part): s.part for page in plan.pages for s in page}.values()
        for end in [shown[id(part)]])


def test_the_overview_shrinks_a_little_when_that_saves_a_cut() -> None:
    measurer = FontMeasurer()
    b2b = _journey("b2b-onboarding")
    grocery = _journey("grocery-delivery")

    class Context:
        def __init__(self, journey: JourneyMap) -> None:
            self.journey, self.measurer = journey, measurer

    b2b_plan = plan_overview(b2b, measurer, AREA, _header_height(Context(b2b), AREA))
    assert b2b_plan.smallest_pt == pytest.approx(OVERVIEW_MIN_PT)
    assert len(b2b_plan.pages) == 2
    assert not any(s.repeat_header for page in b2b_plan.pages for s in page)
    grocery_plan = plan_overview(grocery, measurer, AREA,
                                 _header_height(Context(grocery), AREA))
    assert grocery_plan.smallest_pt > OVERVIEW_MIN_PT + 0.1  # nothing to save: as large
