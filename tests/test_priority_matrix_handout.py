"""The handout's prioritisation page: the matrix drawn from layout.matrix (each card where its
scores put it, read back from the PDF), the ranked table, the cards not yet scored."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextContainer, LTTextLine

from journeymap_desktop.export import PdfOptions, export_pdf
from journeymap_desktop.layout.matrix import DOT_RADIUS, LABEL_GAP
from journeymap_desktop.model.map import Card, JourneyMap
from journeymap_desktop.model.priority import Priority
from journeymap_desktop.model.templates import service_journey
from tests.helpers.pdf import normalised, page_texts

PAPER_SCALE = 0.85  # export.handout_matrix.MATRIX_TEXT


def _scored_map(*cards: tuple[str, str, Priority | None]) -> JourneyMap:
    journey = service_journey()
    stage = journey.stages[0].id
    lanes = {lane.kind: lane.id for lane in journey.lanes}
    journey.cards = [
        Card(id=f"c{i}", stage_id=stage, order=i, kind=kind,  # type: ignore[arg-type]
             lane_id=lanes["pain_points" if kind == "pain_point" else "opportunities"],
             title=title, priority=priority)
        for i, (title, kind, priority) in enumerate(cards)]
    return journey


def _lines(path: Path, page: int) -> dict[str, tuple[float, float, float, float]]:
    """Each line of text on a page with its box (x0, y0, x1, y1), points from the bottom."""
    found: dict[str, tuple[float, float, float, float]] = {}
    layout = list(extract_pages(str(path), laparams=LAParams(char_margin=1.0,
                                                              line_margin=0.1)))[page]

    def walk(element) -> None:  # type: ignore[no-untyped-def]
        for child in element:
            if isinstance(child, LTTextLine):
                found.setdefault(child.get_text().strip(), child.bbox)
            elif isinstance(child, LTTextContainer):
                walk(child)

    walk(layout)
    return found


def test_the_matrix_page_places_each_card_by_its_scores(tmp_path: Path) -> None:
    journey = _scored_map(
        ("Alpha", "pain_point", Priority(customer_value=90, business_value=90, effort=0)),
        ("Beta", "pain_point", Priority(customer_value=10, business_value=20, effort=5)),
        ("Gamma", "opportunity", Priority(customer_value=60, business_value=40, effort=3)),
        ("Delta", "opportunity", Priority(customer_value=30)),
        ("Epsilon <b>&", "pain_point", None))
    out = tmp_path / "handout.pdf"
    result = export_pdf(journey, out, PdfOptions(handout=True))
    texts = [normalised(t) for t in page_texts(out)]
    assert "PRIORITISATION" in texts[-1] and result.pages == len(texts)
    lines = _lines(out, len(texts) - 1)

    def middle(box: tuple[float, float, float, float]) -> tuple[float, float]:
        return ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)

    # The axes' tick labels say where a score lies: effort across, value up.
    effort_x = {e: middle(lines["0 none" if e == 0 else str(e)])[0] for e in (0, 3, 5)}
    zero_y, hundred_y = middle(lines["0 %"])[1], middle(lines["100 %"])[1]

    def value_y(value: float) -> float:
        return zero_y + (hundred_y - zero_y) * value / 100

    beside = DOT_RADIUS * PAPER_SCALE + LABEL_GAP  # a title starts this far from its dot
    for label, effort, value in (("1 Alpha", 0, 90), ("2 Gamma", 3, 50), ("3 Beta", 5, 15)):
        box = lines[label]
        assert middle(box)[1] == pytest.approx(value_y(value), abs=1.0), label
        right_of = abs(box[0] - (effort_x[effort] + beside)) < 1.0
        left_of = abs(box[2] - (effort_x[effort] - beside)) < 1.0
        assert right_of or left_of, (label, box, effort_x[effort])
    page = texts[-1]
    assert "Quick wins" in page and "Money pits" in page
    # The table: ranked by value for effort, with the scores; the half-scored card without
    # a rank; the unscored one named (its markup printed as it is).
    table = page.split("Pain point or opportunity, by score", 1)[1]
    assert table.index("Alpha") < table.index("Gamma") < table.index("Beta") \
        < table.index("Delta")
    assert "Alpha 90 % 90 % 90 % 0 90 Quick win" in table
    assert "Beta 10 % 20 % 15 % 5 2.5 Money pit" in table
    assert "Delta 30 % – 30 % – – –" in table
    assert "Not yet scored: Epsilon <b>&." in table


def test_no_matrix_page_when_nothing_is_scored(tmp_path: Path) -> None:
    journey = _scored_map(("Alpha", "pain_point", Priority(customer_value=90)),
                          ("Beta", "opportunity", None))
    out = tmp_path / "handout.pdf"
    export_pdf(journey, out, PdfOptions(handout=True))
    assert "PRIORITISATION" not in " ".join(page_texts(out))


def test_a_long_ranking_goes_on_over_the_next_page(tmp_path: Path) -> None:
    journey = _scored_map(*[(f"Card number {i}", "pain_point",
                             Priority(customer_value=i % 100, business_value=50,
                                      effort=i % 6)) for i in range(40)])
    out = tmp_path / "handout.pdf"
    export_pdf(journey, out, PdfOptions(handout=True))
    texts = [normalised(t) for t in page_texts(out)]
    start = next(i for i, t in enumerate(texts) if t.startswith("PRIORITISATION")
                 or "PRIORITISATION" in t[:40])
    rest = " ".join(texts[start:])
    assert len(texts) - start >= 2
    assert "Prioritisation matrix (continued)" in texts[start + 1]
    for i in range(40):
        assert f"Card number {i} " in rest + " "
