"""Journey depth as the reader sees it: the confidence badge on cards, a metric lane card's
figure, a quote lane card's quote, the service blueprint's lines, and the legend entries for
them, on the canvas and on paper alike (one display list)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from journeymap_desktop.export import PdfOptions, export_pdf, export_svg
from journeymap_desktop.export.pdf import layout_map
from journeymap_desktop.export.titleblock import depth_legend_rows
from journeymap_desktop.layout import picture
from journeymap_desktop.layout.density import Density
from journeymap_desktop.layout.display import Box, Dots, Lines, Text, flatten
from journeymap_desktop.layout.engine import LayoutEngine
from journeymap_desktop.layout.theme import FontRole, Role
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.model.curves import EVERYONE_AS_IS_ID, everyone_as_is
from journeymap_desktop.model.emotion import Distribution, EmotionValue
from journeymap_desktop.model.evidence import (
    FileLink,
    MetricEvidence,
    QuoteEvidence,
    SurveyFigure,
)
from journeymap_desktop.model.evidence_text import (
    attribution,
    date_text,
    distribution_text,
    evidence_line,
    figure_text,
    metric_caption,
    number_text,
    quoted,
)
from journeymap_desktop.model.map import Card, JourneyMap, Lane, LaneKind, Stage
from journeymap_desktop.model.queries import blueprint_lines
from journeymap_desktop.model.templates import service_blueprint
from journeymap_desktop.resources import examples_dir
from journeymap_desktop.storage import load_map
from tests.helpers.pdf import normalised, page_texts

MEASURER = FontMeasurer()
QUOTE = QuoteEvidence(id="q1", text="I typed my postcode and only then found out.", who="P4",
                      source="Interview 4")
METRIC = MetricEvidence(id="m1", label="Install to sign-up", value=41.0, unit="%",
                        source="App install funnel", date=dt.date(2024, 4, 30))


def _map(kinds: list[LaneKind], cards: list[Card]) -> JourneyMap:
    return JourneyMap(title="Depth", stages=[Stage(id="s1", name="One"),
                                             Stage(id="s2", name="Two")],
                      lanes=[Lane(id=f"l{i}", name=kind.replace("_", " ").title(), kind=kind)
                             for i, kind in enumerate(kinds)],
                      curves=[everyone_as_is()], cards=cards)


def _bike() -> JourneyMap:
    return load_map(examples_dir() / "bike-service-blueprint.journeymap")


def _texts(items: list) -> list[str]:  # type: ignore[type-arg]
    return [item.text for item in flatten(items) if isinstance(item, Text)]


# ----- evidence as words ------------------------------------------------------------------------
@pytest.mark.parametrize(("value", "unit", "expected"), [
    (41.0, "%", "41%"), (7.5, "%", "7.5%"), (14.0, "min (median)", "14 min (median)"),
    (2.4, "of 5", "2.4 of 5"), (12400.0, "", "12,400"), (-3.0, "points", "−3 points"),
    (0.125, "", "0.125"),
])
def test_figures_read_as_people_write_them(value: float, unit: str, expected: str) -> None:
    assert figure_text(value, unit) == expected


def test_evidence_in_one_line_each() -> None:
    assert date_text(dt.date(2024, 4, 30)) == "30 Apr 2024"
    assert attribution(QUOTE) == "— P4, Interview 4"
    assert attribution(QuoteEvidence(id="q", text="x")) == ""
    assert quoted('"Deleted."') == "“Deleted.”" and quoted("Deleted.") == "“Deleted.”"
    # The card's title says what the metric measures already: not again under the figure.
    assert metric_caption(METRIC, "Install to sign-up") == "App install funnel · 30 Apr 2024"
    assert metric_caption(METRIC, "Sign-up") == \
        "Install to sign-up · App install funnel · 30 Apr 2024"
    assert evidence_line(QUOTE) == \
        "Quote: “I typed my postcode and only then found out.” — P4, Interview 4"
    assert evidence_line(SurveyFigure(id="s", question="Easy to find", n=312, value=41.0,
                                      unit="%", source="Spring survey")) == \
        "Survey: Easy to find: 41% (n = 312) · Spring survey"
    assert evidence_line(METRIC) == \
        "Metric: Install to sign-up: 41% · App install funnel · 30 Apr 2024"
    assert evidence_line(FileLink(id="f", path="research/notes.md", label="Notes")) == \
        "File: Notes (research/notes.md)"
    assert distribution_text(Distribution(n=298, mean=0.7, median=1, q1=0, q3=2,
                                          source="Spring survey")) == \
        "298 answers, median 1, half 0 to 2 · Spring survey"
    assert number_text(1e15) == "1,000,000,000,000,000"


# ----- cards ----------------------------------------------------------------------------------
def test_a_metric_lane_card_shows_its_figure_source_and_date() -> None:
    card = Card(id="c", stage_id="s1", lane_id="l0", kind="note", title="Install to sign-up",
                evidence=[METRIC])
    layout = LayoutEngine(MEASURER).layout(_map(["metric"], [card]))
    content = layout.cards["c"].content
    assert content.figure is not None and content.figure.text == "41%"
    assert content.figure.role is FontRole.STAGE
    assert content.figure_caption is not None
    assert content.figure_caption.text == "App install funnel · 30 Apr 2024"
    assert content.figure.baseline > content.title[-1].baseline
    items = picture.card_items(card, content, Role.CANVAS)
    assert "41%" in _texts(list(items))
    # The same card in another lane is an ordinary card with a badge.
    plain = LayoutEngine(MEASURER).layout(_map(["notes"], [card])).cards["c"].content
    assert plain.figure is None and plain.badge == "some"
    assert plain.height < content.height


def test_a_quote_lane_card_shows_the_quote_and_who_said_it() -> None:
    card = Card(id="c", stage_id="s1", lane_id="l0", kind="note", title="Postcode worry",
                evidence=[QUOTE])
    content = LayoutEngine(MEASURER).layout(_map(["quote"], [card])).cards["c"].content
    words = " ".join(line.text for line in content.title)
    assert words == "“I typed my postcode and only then found out.”"
    assert content.quote_caption is not None
    assert content.quote_caption.text == "— P4, Interview 4"
    # Without a quote yet, a card in a quote lane shows its title.
    empty = Card(id="c", stage_id="s1", lane_id="l0", kind="note", title="Postcode worry")
    content = LayoutEngine(MEASURER).layout(_map(["quote"], [empty])).cards["c"].content
    assert [line.text for line in content.title] == ["Postcode worry"]
    assert content.quote_caption is None


@pytest.mark.parametrize(("evidence", "level", "shapes"), [
    ([], "none", [Box]),
    ([QUOTE], "some", [Box, Dots]),
    ([QUOTE, METRIC, FileLink(id="f", path="notes.md")], "strong", [Dots]),
])
def test_the_badge_is_a_shape_and_a_word(evidence: list, level: str,  # type: ignore[type-arg]
                                         shapes: list[type]) -> None:
    card = Card(id="c", stage_id="s1", lane_id="l0", title="Short", evidence=evidence)
    content = LayoutEngine(MEASURER).layout(_map(["touchpoints"], [card])).cards["c"].content
    assert content.badge == level
    if level == "none":
        # No word for "none": the ring alone, or every card of a fresh map repeats it.
        assert content.badge_label is None
    else:
        assert content.badge_label is not None and content.badge_label.text == level
    badge = picture.confidence_badge(*content.badge_centre, 4.0, level)  # type: ignore[misc]
    assert [type(item) for item in badge] == shapes
    # Not colour alone: none and some are rings, strong a disc, in ink greys.
    assert {getattr(item, "stroke", None) or getattr(item, "colour", None)
            for item in badge} <= {Role.INK_SOFT, Role.INK_FAINT}
    items = list(picture.card_items(card, content, Role.CANVAS))
    assert all(item in items for item in badge)
    assert (level in _texts(items)) == (level != "none")


@pytest.mark.parametrize("kind", ["touchpoint", "pain_point", "opportunity", "note"])
def test_the_badge_never_cuts_the_kind_or_the_channel(kind: str) -> None:
    """Every channel, with and without the moment-of-truth star, at every badge level: the
    kind and the channel stay whole, and the badge keeps its word only where it fits."""
    levels = {"none": [], "some": [QUOTE],
              "strong": [QUOTE, METRIC, FileLink(id="f", path="notes.md")]}
    cards = [Card(id=f"{channel}-{star}-{level}", stage_id="s1", lane_id="l0", title="T",
                  kind=kind, channel=channel, moment_of_truth=star, evidence=evidence)
             for channel in (None, "web", "mobile_app", "social", "phone")
             for star in (False, True) for level, evidence in levels.items()]
    layout = LayoutEngine(MEASURER).layout(_map(["touchpoints"], cards))
    words = 0
    for card in cards:
        content = layout.cards[card.id].content
        assert content.kind_label is not None and "…" not in content.kind_label.text
        assert content.badge_centre is not None
        left_of_badge = content.badge_centre[0] - 4.0
        if content.channel_label is not None:
            assert "…" not in content.channel_label.text
            assert content.channel_label.x + content.channel_label.width <= left_of_badge
        else:
            assert content.kind_label.x + content.kind_label.width <= left_of_badge
        if content.badge_label is not None:
            words += 1
            assert content.badge_label.x > content.badge_centre[0]
            if content.star_centre is not None:
                assert content.badge_label.x + content.badge_label.width <= \
                    content.star_centre[0] - 6.0
    assert words >= len(cards) // 2  # most cards keep the word


def test_brief_densities_badge_compact_cards_and_leave_titles_alone() -> None:
    card = Card(id="c", stage_id="s1", lane_id="l0", kind="note", title="Install to sign-up",
                evidence=[METRIC], moment_of_truth=True,
                emotions={EVERYONE_AS_IS_ID: EmotionValue(value=1)})
    journey = _map(["metric"], [card])
    compact = LayoutEngine(MEASURER, Density.COMPACT).layout(journey).cards["c"].content
    assert compact.badge == "some" and compact.badge_label is None
    assert compact.figure is not None and compact.figure.text == "41%"
    assert compact.face_centre is not None and compact.star_centre is not None
    assert compact.badge_centre is not None
    assert compact.badge_centre[1] > compact.star_centre[1] > compact.face_centre[1]
    roles = {item.role for item in flatten(list(picture.card_items(card, compact,
                                                                   Role.CANVAS)))
             if isinstance(item, Text)}
    assert roles <= {FontRole.CARD_TITLE, FontRole.STAGE}  # nothing caption-sized
    titles = LayoutEngine(MEASURER, Density.TITLES).layout(journey).cards["c"].content
    assert titles.badge is None and titles.figure is None
    # A quote lane's card is its quote, at every density.
    quote = Card(id="q", stage_id="s1", lane_id="l0", kind="note", title="Quote",
                 evidence=[QUOTE])
    for density in (Density.COMPACT, Density.TITLES):
        content = LayoutEngine(MEASURER, density).layout(_map(["quote"], [quote])).cards["q"]
        assert content.content.title[0].text.startswith("“I typed")


def test_changed_evidence_lays_the_card_out_again() -> None:
    engine = LayoutEngine(MEASURER)
    card = Card(id="c", stage_id="s1", lane_id="l0", title="Short")
    journey = _map(["touchpoints"], [card])
    assert engine.layout(journey).cards["c"].content.badge == "none"
    journey.cards[0] = card.model_copy(update={"evidence": [QUOTE]})
    assert engine.layout(journey).cards["c"].content.badge == "some"


# ----- blueprint lines ------------------------------------------------------------------------
def test_the_blueprint_lines_lie_where_the_layers_meet() -> None:
    journey = _bike()
    layout = layout_map(journey)
    names = [line.name for line in blueprint_lines(journey)]
    assert names == ["Line of interaction", "Line of visibility",
                     "Line of internal interaction"]
    assert [rule.name for rule in layout.blueprint] == names
    lanes = {lane.lane_id: lane for lane in layout.lanes}
    for rule, found in zip(layout.blueprint, blueprint_lines(journey), strict=True):
        assert rule.y == lanes[found.upper_lane_id].row.bottom == \
            lanes[found.lower_lane_id].row.y
        assert (rule.x0, rule.x1) == (layout.grid.x, layout.grid.right)
        # Named at the start of the first stage, and again every fourth stage.
        assert [label.stage_id for label in rule.labels] == \
            [journey.stages[0].id, journey.stages[4].id]
        assert all(label.line.text == rule.name for label in rule.labels)
    items = picture.grid_items(layout)
    strokes = [item for item in items if isinstance(item, Lines) and item.width == 1.5]
    assert len(strokes) == 3
    assert len({item.dash for item in strokes}) == 3  # solid, dashed, dotted: not by colour
    assert _texts(items).count("Line of visibility") == 2
    # No card lies across a line.
    for box in layout.cards.values():
        for rule in layout.blueprint:
            assert not box.rect.y < rule.y < box.rect.bottom


def test_lines_need_adjacent_layers_in_order() -> None:
    assert [line.name for line in blueprint_lines(service_blueprint())] == [
        "Line of interaction", "Line of visibility", "Line of internal interaction"]
    apart = _map(["frontstage", "notes", "backstage"], [])
    assert blueprint_lines(apart) == [] and layout_map(apart).blueprint == []
    upside_down = _map(["backstage", "frontstage"], [])
    assert blueprint_lines(upside_down) == []


def test_brief_posters_name_the_lines_in_a_size_they_allow() -> None:
    layout = LayoutEngine(MEASURER, Density.COMPACT).layout(_bike())
    assert layout.blueprint and not layout.captions
    assert {label.line.role for rule in layout.blueprint for label in rule.labels} == {
        FontRole.CARD_TITLE}


# ----- legend, poster, SVG --------------------------------------------------------------------
def test_the_legend_explains_badges_lanes_and_lines() -> None:
    bike = [[entry.words for entry in row] for row in depth_legend_rows(_bike())]
    # The curves drawn come first (test_curve_overlays.py), then evidence and lines.
    assert bike == [["CURVES", "Everyone · As-is", "Everyone · To-be", "middle half of answers"],
                    ["EVIDENCE", "none", "some", "strong"],
                    ["BLUEPRINT LINES", "interaction", "visibility", "internal interaction"]]
    grocery = load_map(examples_dir() / "grocery-delivery.journeymap")
    rows = [[entry.words for entry in row] for row in depth_legend_rows(grocery)]
    assert rows == [["CURVES", "Everyone · As-is", "Everyone · To-be", "Maya · As-is"],
                    ["Tom · As-is", "middle half of answers"],
                    ["EVIDENCE", "none", "some", "strong", "metric: value, source, date"]]
    quotes = _map(["quote"], [])
    assert "quote: words, who" in [entry.words for entry in depth_legend_rows(quotes)[0]]


def test_poster_and_svg_show_lines_badges_and_legend(tmp_path: Path) -> None:
    journey = _bike()
    pdf = tmp_path / "bike.pdf"
    export_pdf(journey, pdf, PdfOptions(paper="A1"))
    text = normalised(" ".join(page_texts(pdf)))
    for words in ("Line of interaction", "Line of visibility", "Line of internal interaction",
                  "EVIDENCE", "BLUEPRINT LINES", "internal interaction", "strong"):
        assert words in text, words
    svg = tmp_path / "bike.svg"
    export_svg(journey, svg)
    document = svg.read_text(encoding="utf-8")
    assert ">visibility<" in document and "stroke-dasharray" in document


def test_map_text_in_figures_and_quotes_is_escaped_in_svg(tmp_path: Path) -> None:
    nasty = "<b>&amp;</b>"
    card = Card(id="c", stage_id="s1", lane_id="l0", kind="note", title="T", evidence=[
        MetricEvidence(id="m", label="x", value=1.0, unit="<%>", source=nasty),
    ])
    quote = Card(id="d", stage_id="s1", lane_id="l1", kind="note", title="T", evidence=[
        QuoteEvidence(id="q", text="<script>alert(1)</script>", who="A & B")])
    svg = tmp_path / "nasty.svg"
    export_svg(_map(["metric", "quote"], [card, quote]), svg)
    document = svg.read_text(encoding="utf-8")
    assert "<script>" not in document and "<b>" not in document
    assert "&lt;script&gt;" in document and "&lt;%&gt;" in document
