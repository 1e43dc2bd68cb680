"""Several emotion curves drawn together: every shown curve in the emotions lane (colour by
persona, dash by scenario), evidence bands, the legend, the Curves menu's toggles, exports,
and the inspector's row per curve."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from journeymap_desktop.export import PdfOptions, export_pdf, export_svg
from journeymap_desktop.export.pdf import layout_map
from journeymap_desktop.layout import picture, theme
from journeymap_desktop.layout.display import Area, Curve, Dots, Face, flatten
from journeymap_desktop.layout.engine import LayoutEngine
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.model.emotion import Distribution, EmotionCurve, EmotionValue
from journeymap_desktop.model.map import Card, JourneyMap, Lane, Persona, Stage
from journeymap_desktop.model.views import SavedView
from journeymap_desktop.storage import save_map
from journeymap_desktop.ui.curves import fill_curves_menu
from journeymap_desktop.ui.main_window import MainWindow
from tests.helpers import centre, click
from tests.helpers.pdf import normalised, operators, page_texts

MEASURER = FontMeasurer()
CURVES = [EmotionCurve(id="ann-now", persona_id="p-ann"),
          EmotionCurve(id="ann-next", persona_id="p-ann", scenario="to-be"),
          EmotionCurve(id="bob-now", persona_id="p-bob"),
          EmotionCurve(id="bob-next", persona_id="p-bob", scenario="to-be")]
SPREAD = Distribution(n=40, mean=0.4, median=0.0, q1=-1.0, q3=1.0)


def _value(level: float, evidence: bool = False) -> EmotionValue:
    return EmotionValue(value=level, evidence=SPREAD if evidence else None)


def two_personas(evidence: bool = True) -> JourneyMap:
    """Two personas, each with an as-is and a to-be curve; Ann's as-is values rest on a
    survey (a band) when `evidence`."""
    cards = []
    for i, (stage, levels) in enumerate((("s1", (-1, 1, 0, 2)), ("s2", (1, 2, -2, 1)),
                                         ("s3", (0, 2, -1, 2)))):
        emotions = {curve.id: _value(level, evidence and curve.id == "ann-now")
                    for curve, level in zip(CURVES, levels, strict=True)}
        cards.append(Card(id=f"c{i}", stage_id=stage, lane_id="touch", title=f"Step {i}",
                          emotions=emotions))
    return JourneyMap(
        title="Two personas",
        personas=[Persona(id="p-ann", name="Ann"), Persona(id="p-bob", name="Bob")],
        stages=[Stage(id=f"s{i}", name=f"Stage {i}") for i in (1, 2, 3)],
        lanes=[Lane(id="feel", name="Emotions", kind="emotions"),
               Lane(id="touch", name="Touchpoints", kind="touchpoints")],
        curves=list(CURVES), cards=cards,
        views=[SavedView(id="v-ann", name="Ann only", persona_ids=["p-ann"])])


def _lane_items(journey: JourneyMap, shown: frozenset[str] | None = None) -> list:  # type: ignore[type-arg]
    engine = LayoutEngine(MEASURER)
    engine.shown_curve_ids = shown
    layout = engine.layout(journey)
    (band,) = layout.bands
    return flatten(picture.band_items(picture.band_picture(band)))


def _curves(items: list) -> list[Curve]:  # type: ignore[type-arg]
    return [item for item in items if isinstance(item, Curve)]


def test_the_lane_draws_four_curves_by_persona_colour_and_scenario_dash() -> None:
    items = _lane_items(two_personas())
    curves = _curves(items)
    assert len(curves) == 4
    styles = {(c.colour, c.dash) for c in curves}
    ann, bob = theme.Role.persona_curve(0), theme.Role.persona_curve(1)
    assert styles == {(ann, None), (ann, theme.TO_BE_DASH), (bob, None),
                      (bob, theme.TO_BE_DASH)}
    assert theme.colour(ann) != theme.colour(bob)
    # The active curve (the map's first: Ann's as-is) has faces; the others small dots.
    assert len([i for i in items if isinstance(i, Face)]) == 3
    dots = [i for i in items if isinstance(i, Dots) and i.radius == theme.OVERLAY_DOT_RADIUS]
    assert sorted(d.colour for d in dots) == sorted([ann, bob, bob])
    assert all(len(d.centres) == 3 for d in dots)
    active = next(c for c in curves if c.width == theme.CURVE_WIDTH)
    assert (active.colour, active.dash) == (ann, None)


def test_a_scenario_of_the_users_own_gets_a_dash_of_its_own() -> None:
    journey = two_personas()
    journey.curves.append(EmotionCurve(id="ann-pilot", persona_id="p-ann",
                                       scenario="2025 pilot"))
    for card in journey.cards:
        card.emotions["ann-pilot"] = _value(0)
    dashes = {c.dash for c in _curves(_lane_items(journey))}
    assert dashes == {None, theme.TO_BE_DASH, theme.OWN_SCENARIO_DASHES[0]}


def test_a_band_is_drawn_exactly_where_values_carry_a_distribution() -> None:
    items = _lane_items(two_personas(evidence=True))
    areas = [item for item in items if isinstance(item, Area)]
    assert len(areas) == 1, "one run of three neighbouring values with a distribution"
    assert areas[0].colour == theme.Role.persona_curve(0) and 0 < areas[0].opacity < 1
    ys = [y for s in areas[0].outline for _x, y in (s.start, s.end)]
    layout = LayoutEngine(MEASURER).layout(two_personas())
    band = layout.bands[0]
    assert min(ys) == pytest.approx(band.level_y[1]) and max(ys) == pytest.approx(
        band.level_y[-1]), "from the upper to the lower quartile"
    assert not [i for i in _lane_items(two_personas(evidence=False)) if isinstance(i, Area)]


def test_the_lane_header_keys_each_drawn_curve() -> None:
    layout = LayoutEngine(MEASURER).layout(two_personas())
    (band,) = layout.bands
    lane = next(lane for lane in layout.lanes if lane.kind == "emotions")
    header = picture.lane_header(lane, band)
    names = [item.text for item in header.background if hasattr(item, "text")]
    assert names == ["Ann · As-is", "Ann · To-be", "Bob · As-is", "Bob · To-be"]
    bold = [item.text for item in header.background if getattr(item, "bold", False)]
    assert bold == ["Ann · As-is"], "the active curve's name in bold"
    title_bottom = lane.title[-1].baseline
    assert all(item.baseline > title_bottom for item in header.background
               if hasattr(item, "baseline")), "under the lane's title"
    one = two_personas()
    one = one.model_copy(update={"curves": one.curves[:1]})
    layout = LayoutEngine(MEASURER).layout(one)
    assert layout.bands[0].key == [], "one curve needs no key"


def test_a_curve_left_out_is_not_drawn_but_the_active_one_always_is() -> None:
    journey = two_personas()
    curves = _curves(_lane_items(journey, frozenset({"bob-now"})))
    assert len(curves) == 2, "Bob's as-is and the active curve (Ann's as-is)"


def _rgb(role: str) -> tuple[float, ...]:
    return tuple(round(c, 2) for c in theme.hex_to_rgb(theme.colour(role)))


PERSONA_STROKES = {_rgb(theme.Role.persona_curve(0)), _rgb(theme.Role.persona_curve(1))}


def _stroked_curve_paths(path: Path) -> int:
    """Stroked paths of cubic segments in a persona's colour: the curves (faces' features
    are ink, the level guides straight, markers and bars filled)."""
    count = 0
    cubic = False
    stroke: tuple[float, ...] = ()
    for operands, operator in operators(path):
        if operator == b"RG":
            stroke = tuple(round(float(v), 2) for v in operands)  # type: ignore[arg-type]
        elif operator == b"c":
            cubic = True
        elif operator == b"S":
            count += cubic and stroke in PERSONA_STROKES
            cubic = False
        elif operator in (b"f", b"b", b"n", b"B", b"h"):
            cubic = False
    return count


def test_the_poster_draws_four_curves_and_names_each_in_the_legend(tmp_path: Path) -> None:
    journey = two_personas()
    out = tmp_path / "poster.pdf"
    export_pdf(journey, out, PdfOptions(paper="A3"))
    # Four curves in the lane, and a short sample of each in the legend and in the lane
    # header's key.
    assert _stroked_curve_paths(out) == 4 * 3
    text = normalised(" ".join(page_texts(out)))
    for name in ("Ann · As-is", "Ann · To-be", "Bob · As-is", "Bob · To-be",
                 "middle half of answers"):
        assert name in text
    single = tmp_path / "single.pdf"
    one = two_personas()
    one = one.model_copy(update={"curves": one.curves[:1]})
    export_pdf(one, single, PdfOptions(paper="A3"))
    assert _stroked_curve_paths(single) == 2, "the lane and the legend; no key for one curve"


def test_the_svg_has_the_dashes_and_the_band(tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    export_svg(two_personas(), out)
    svg = out.read_text(encoding="utf-8")
    assert svg.count("stroke-dasharray") >= 2 + 1  # two to-be lines, a to-be legend sample
    assert 'fill-opacity="0.16"' in svg


def test_export_of_a_view_draws_its_curves_only(tmp_path: Path) -> None:
    from journeymap_desktop.model.views import view_by_name, view_map

    journey = two_personas()
    shown = view_map(journey, view_by_name(journey, "Ann only"))  # type: ignore[arg-type]
    layout = layout_map(shown)
    assert len(layout.bands[0].traces) == 2
    out = tmp_path / "ann.pdf"
    export_pdf(shown, out, PdfOptions(paper="A3"))
    assert _stroked_curve_paths(out) == 2 * 3
    text = normalised(" ".join(page_texts(out)))
    assert "Ann · To-be" in text and "Bob · As-is" not in text


def test_journeymap_export_view_draws_the_views_curves(tmp_path: Path) -> None:
    import subprocess
    import sys

    source = tmp_path / "two.journeymap"
    save_map(two_personas(), source, keep_backup=False)
    out = tmp_path / "ann.pdf"
    run = subprocess.run([sys.executable, "-m", "journeymap_desktop", "export", str(source),
                          "--view", "ann ONLY", "-o", str(out), "--paper", "A3"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert _stroked_curve_paths(out) == 2 * 3
    text = normalised(" ".join(page_texts(out)))
    assert "Ann · As-is" in text and "Ann · To-be" in text
    assert "Bob · As-is" not in text and "Bob · To-be" not in text


def test_summarised_per_stage_every_curve_is_still_drawn() -> None:
    layout = LayoutEngine(MEASURER).layout(two_personas())
    (band,) = layout.bands
    drawn = picture.stage_mood_picture(band, layout.stages)
    items = flatten(picture.band_items(drawn))
    curves = _curves(items)
    assert len(curves) == 4
    assert {c.dash for c in curves} == {None, theme.TO_BE_DASH}
    assert not [i for i in items if isinstance(i, Area)], "bands belong to touchpoints"


# ----- in the window -----------------------------------------------------------------------------
@pytest.fixture
def curves_window(manager, tmp_path: Path, qtbot: QtBot) -> MainWindow:  # type: ignore[no-untyped-def]
    path = tmp_path / "two.journeymap"
    save_map(two_personas(), path, keep_backup=False)
    window = manager.open_path(path)
    window.resize(1600, 1000)
    qtbot.waitExposed(window)
    return window  # type: ignore[no-any-return]


def _canvas_curves(window: MainWindow) -> list[Curve]:
    (item,) = window.scene.curve_items.values()
    return _curves(flatten(item.display_items(1.0)))


def test_toggling_a_curve_off_removes_it_from_canvas_and_export(
        curves_window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    window = curves_window
    assert len(_canvas_curves(window)) == 4
    menu = QMenu()
    fill_curves_menu(window.document, menu)
    toggle = next(a for a in menu.actions() if a.objectName() == "showCurve:bob-next")
    assert toggle.isChecked()
    toggle.trigger()
    assert window.document.curve_hidden("bob-next")
    curves = _canvas_curves(window)
    assert len(curves) == 3
    assert (theme.Role.persona_curve(1), theme.TO_BE_DASH) not in {(c.colour, c.dash)
                                                                    for c in curves}
    from journeymap_desktop.ui.export_dialog import ExportDialog

    dialog = ExportDialog(window)
    exported = dialog.journey()
    assert [c.id for c in exported.curves] == ["ann-now", "ann-next", "bob-now"]
    dialog._update_advice()
    assert "1 left out by the view or the Curves menu" in dialog.advice.text()
    dialog.close()
    out = tmp_path / "shown.pdf"
    export_pdf(exported, out, PdfOptions(paper="A3"))
    assert _stroked_curve_paths(out) == 3 * 3
    assert "Bob · To-be" not in normalised(" ".join(page_texts(out)))
    # The active curve cannot be switched off; choosing another one as active works.
    active = next(a for a in menu.actions() if a.objectName() == "showCurve:ann-now")
    assert not active.isEnabled()
    choose = next(a for a in menu.actions() if a.objectName() == "activeCurve:bob-next")
    choose.trigger()
    assert window.document.active_curve_id == "bob-next"
    assert not window.document.curve_hidden("bob-next"), "the active curve is shown again"
    assert len(_canvas_curves(window)) == 4


def test_a_saved_view_draws_its_personas_curves(curves_window: MainWindow) -> None:
    from journeymap_desktop.ui.views import apply_view

    apply_view(curves_window.document, "v-ann")
    colours = {c.colour for c in _canvas_curves(curves_window)}
    assert colours == {theme.Role.persona_curve(0)}
    assert len(_canvas_curves(curves_window)) == 2


def test_keys_set_the_active_curves_value(curves_window: MainWindow, qtbot: QtBot) -> None:
    window = curves_window
    window.document.set_active_curve("bob-next")
    click(qtbot, window.view, centre(window.scene.layout.cards["c0"].rect))
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    card = window.document.card("c0")
    assert card.emotions["bob-next"].value == -2
    assert card.emotions["ann-now"].value == -1, "the other curves keep their values"


def test_the_inspector_edits_every_curves_value_with_undo(curves_window: MainWindow,
                                                          qtbot: QtBot) -> None:
    window = curves_window
    doc = window.document
    click(qtbot, window.view, centre(window.scene.layout.cards["c1"].rect))
    group = window.inspector.card_page.curves
    assert set(group.values) == {"ann-now", "ann-next", "bob-now", "bob-next"}
    combo = group.values["bob-now"]
    assert combo.currentData() == -2.0
    depth = doc.undo_stack.count()
    index = combo.findData(1.0)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert doc.card("c1").emotions["bob-now"].value == 1
    assert doc.card("c1").emotions["ann-now"].value == 1, "Ann's as-is stays"
    assert doc.undo_stack.count() == depth + 1
    # Choosing the level it has already adds no undo step.
    combo = group.values["bob-now"]
    combo.activated.emit(combo.currentIndex())
    assert doc.undo_stack.count() == depth + 1
    doc.undo_stack.undo()
    assert doc.card("c1").emotions["bob-now"].value == -2
    assert group.values["bob-now"].currentData() == -2.0
    # Clear keeps the distribution of no other curve; undo puts the value back.
    qtbot.mouseClick(group.clears["ann-now"], Qt.MouseButton.LeftButton)
    assert "ann-now" not in doc.card("c1").emotions
    doc.undo_stack.undo()
    assert doc.card("c1").emotions["ann-now"].evidence == SPREAD


# ----- the map inspector: scale and curves ---------------------------------------------------
def test_the_map_inspector_adds_a_curve_that_keys_then_fill_in(curves_window: MainWindow,
                                                               qtbot: QtBot) -> None:
    window = curves_window
    doc = window.document
    group = window.inspector.map_page.emotions
    group._fill_add_menu()
    labels = [a.text() for a in group.add_menu.actions() if a.text()]
    assert "Everyone · As-is" in labels and "Ann · As-is" not in labels, "only missing ones"
    next(a for a in group.add_menu.actions() if a.text() == "Everyone · To-be").trigger()
    added = doc.map.curves[-1]
    assert (added.persona_id, added.scenario) == (None, "to-be")
    assert doc.active_curve_id == added.id, "a new curve is the active one"
    (band,) = window.scene.layout.bands
    assert [t.style.curve_id for t in band.traces][-1] == added.id, "drawn, on top"
    click(qtbot, window.view, centre(window.scene.layout.cards["c2"].rect))
    qtbot.keyClick(window.view, Qt.Key.Key_5)
    assert doc.card("c2").emotions[added.id].value == 2
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert [c.id for c in doc.map.curves] == [c.id for c in CURVES]


def test_the_map_inspector_changes_the_scale_and_the_values_move(
        curves_window: MainWindow) -> None:
    window = curves_window
    doc = window.document
    group = window.inspector.map_page.emotions
    group.preset.setCurrentIndex(group.preset.findData("1..5"))
    group.preset.activated.emit(group.preset.currentIndex())
    assert (doc.map.scale.min, doc.map.scale.max) == (1, 5)
    assert doc.card("c0").emotions["ann-now"].value == 2, "-1 on -2..+2 is 2 on 1-5"
    doc.undo_stack.undo()
    assert doc.map.scale.preset == "-2..2"
    assert doc.card("c0").emotions["ann-now"].value == -1


def test_the_map_inspector_renames_and_removes_a_curve(curves_window: MainWindow,
                                                       qtbot: QtBot) -> None:
    window = curves_window
    doc = window.document
    group = window.inspector.map_page.emotions
    group.curves.setCurrentRow(3)
    assert group.selected_curve_id() == "bob-next"
    group.name.setFocus()
    group.name.selectAll()
    qtbot.keyClicks(group.name, "Bob after launch")
    qtbot.keyClick(group.name, Qt.Key.Key_Return)
    assert doc.curve("bob-next").name == "Bob after launch"
    group.remove.click()
    assert all(c.id != "bob-next" for c in doc.map.curves)
    assert all("bob-next" not in card.emotions for card in doc.map.cards)
    doc.undo_stack.undo()
    assert doc.card("c0").emotions["bob-next"].value == 2
