"""Saved views as a user meets them: chosen from the toolbar (hidden lanes collapse, cards of
other kinds or tags are dimmed), kept in presentation mode, managed in a dialog (undoable),
and exported alone (`journeymap export --view NAME`, the export dialog)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.model.views import (
    SavedView,
    view_main_curve,
    view_map,
    view_summary,
)
from journeymap_desktop.storage import load_map
from journeymap_desktop.ui.main_window import MainWindow
from tests.helpers.pdf import normalised, page_texts


def _example(name: str = "grocery-delivery") -> JourneyMap:
    from journeymap_desktop.resources import examples_dir

    return load_map(Path(examples_dir()) / f"{name}.journeymap")


def _view(journey: JourneyMap, name: str) -> SavedView:
    return next(v for v in journey.views if v.name == name)


@pytest.fixture
def example(manager, examples_dir: Path, qtbot: QtBot) -> MainWindow:  # type: ignore[no-untyped-def]
    opened = manager.open_path(examples_dir / "grocery-delivery.journeymap")
    assert opened is not None
    opened.resize(1500, 950)
    qtbot.waitExposed(opened)
    return opened


# ----- the model and the document ---------------------------------------------------------------
def test_what_an_export_of_a_view_holds() -> None:
    journey = _example()
    backlog = view_map(journey, _view(journey, "Scored backlog"))
    assert [lane.name for lane in backlog.lanes] == ["Pain points", "Opportunities"]
    assert {c.kind for c in backlog.cards} == {"pain_point", "opportunity"}
    assert len(backlog.cards) == 15
    assert backlog.title == "Grocery delivery: weekly shop — Scored backlog"
    maya = _view(journey, "Maya's journey")
    shown = view_map(journey, maya)
    # Maya's own curve comes first (the one a single-curve map draws); Tom's is gone, and
    # no card keeps a value on it.
    assert view_main_curve(journey, maya).id == "maya-as-is"  # type: ignore[union-attr]
    assert shown.curves[0].id == "maya-as-is"
    assert "tom-as-is" not in {c.id for c in shown.curves}
    assert not any("tom-as-is" in card.emotions for card in shown.cards)
    assert all(card.persona_id in (None, "p-maya") for card in shown.cards)
    # The map itself is untouched.
    assert len(journey.cards) == 46 and "tom-as-is" in {c.id for c in journey.curves}
    assert view_summary(journey, maya) == \
        f"all lanes, {len(shown.cards)} of 46 cards, emotions of Maya · As-is"


def test_the_document_says_which_view_is_applied() -> None:
    document = JourneyDocument(_example())
    heard: list[SavedView | None] = []
    document.active_view_changed.connect(heard.append)
    backlog = _view(document.map, "Scored backlog")
    document.set_active_view(backlog.id)
    assert document.active_view == backlog and heard == [backlog]
    with pytest.raises(ValueError):
        document.set_active_view("no-such-view")
    from journeymap_desktop import commands

    document.push(commands.EditView(document, backlog.id, {"name": "Backlog"}))
    assert heard[-1] is not None and heard[-1].name == "Backlog"
    document.push(commands.RemoveView(document, backlog.id))
    assert document.active_view is None and heard[-1] is None
    document.undo_stack.undo()  # the view is back, not applied
    assert document.active_view is None and len(heard) == 3


# ----- the window --------------------------------------------------------------------------------
def _shown_lanes(window: MainWindow) -> list[str]:
    return [lane.lane_id for lane in window.scene.layout.lanes]


def _choose_in_toolbar(window: MainWindow, qtbot: QtBot, name: str) -> None:
    """Choose a view with the keyboard on the toolbar's combo, as a user may."""
    combo = window.view_chooser.combo
    combo.setFocus()
    if combo.currentText() != name:
        qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == name:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{name} is not offered")


def test_choosing_a_view_collapses_lanes_and_dims_cards(example: MainWindow,
                                                        qtbot: QtBot) -> None:
    combo = example.view_chooser.combo
    journey = example.document.map
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All", "Maya's journey", "To-be vs as-is, touchpoints", "Scored backlog"]
    all_lanes = _shown_lanes(example)
    _choose_in_toolbar(example, qtbot, "To-be vs as-is, touchpoints")
    view = _view(journey, "To-be vs as-is, touchpoints")
    assert _shown_lanes(example) == view.lane_ids
    items = example.scene.card_items
    for card in journey.cards:
        assert items[card.id].isVisible() == (card.lane_id in view.lane_ids), card.id
    status = example.view_chooser.status
    assert status.isVisible() and status.text().startswith(
        "View “To-be vs as-is, touchpoints”: 3 of 7 lanes, 17 of 46 cards")
    # Another view: its lanes, and cards of other kinds are dimmed like a find's misses.
    _choose_in_toolbar(example, qtbot, "Scored backlog")
    assert _shown_lanes(example) == ["ln-pain-points", "ln-opportunities"]
    maya = _view(journey, "Maya's journey")
    from journeymap_desktop import commands

    toms = [c.id for c in journey.cards if c.kind == "touchpoint"][:2]
    for card_id in toms:  # two cards only for Tom
        example.document.push(commands.SetFields(example.document, "card", card_id,
                                                 {"persona_id": "p-tom"}))
    journey = example.document.map
    _choose_in_toolbar(example, qtbot, "Maya's journey")
    assert _shown_lanes(example) == all_lanes
    assert all(items[cid].dimmed for cid in toms)
    assert not any(items[c.id].dimmed for c in journey.cards if c.persona_id != "p-tom")
    assert example.document.active_curve_id == "maya-as-is"
    assert example.document.active_view == maya
    # "All" again: every lane, nothing dimmed, the status line gone.
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    assert combo.currentText() == "All"
    assert example.document.active_view is None
    assert _shown_lanes(example) == all_lanes
    assert all(item.isVisible() and not item.dimmed for item in items.values())
    assert not status.isVisible()


def test_the_find_filter_and_a_view_dim_together(example: MainWindow, qtbot: QtBot) -> None:
    from journeymap_desktop import commands
    from journeymap_desktop.ui.views import apply_view

    doc = example.document
    pains = [c.id for c in doc.map.cards if c.kind == "pain_point"]
    doc.push(commands.SetFields(doc, "card", pains[0], {"persona_id": "p-tom"}))
    journey = doc.map
    apply_view(example.document, _view(journey, "Maya's journey").id)
    example.find_bar.open_bar()
    qtbot.keyClicks(example.find_bar.field, "kind:pain")
    items = example.scene.card_items
    for card in journey.cards:
        expected = card.kind != "pain_point" or card.persona_id == "p-tom"
        assert items[card.id].dimmed == expected, card.id
    example.find_bar.close_bar()
    assert not any(items[c.id].dimmed for c in journey.cards if c.persona_id != "p-tom")


def test_presentation_keeps_the_view_and_the_menu_changes_it(example: MainWindow,
                                                             qtbot: QtBot) -> None:
    journey = example.document.map
    _choose_in_toolbar(example, qtbot, "Scored backlog")
    example.modes.switch_to("present")
    assert _shown_lanes(example) == ["ln-pain-points", "ln-opportunities"]
    assert not example.action_map["manageViews"].isEnabled()  # the views dialog edits
    menu = example.findChild(type(example.menuBar().actions()[0].menu()), "savedViewsMenu")
    assert menu is not None
    menu.aboutToShow.emit()
    entries = [a for a in menu.actions() if a.isCheckable()]
    assert [a.text() for a in entries] == ["All", "Maya's journey",
                                           "To-be vs as-is, touchpoints", "Scored backlog"]
    assert entries[3].isChecked()
    entries[2].trigger()
    assert _shown_lanes(example) == _view(journey, "To-be vs as-is, touchpoints").lane_ids
    example.modes.switch_to("edit")
    assert example.view_chooser.combo.currentText() == "To-be vs as-is, touchpoints"


def test_managing_views_is_undoable(example: MainWindow, qtbot: QtBot,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    from journeymap_desktop.ui.views_dialog import ViewsDialog

    doc = example.document
    example.find_bar.open_bar()
    qtbot.keyClicks(example.find_bar.field, "#checkout kind:pain")
    dialog = ViewsDialog(example)
    qtbot.addWidget(dialog)
    answers = iter([("Checkout pains", True), ("Checkout pain points", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: next(answers))
    steps = doc.undo_stack.count()
    dialog.findChild(type(dialog.rename), "newView").click()
    made = doc.map.views[-1]
    assert (made.name, made.kinds, made.tags) == ("Checkout pains", ["pain_point"],
                                                  ["checkout"])
    assert example.view_chooser.combo.itemText(4) == "Checkout pains"
    dialog.rename.click()
    assert doc.map.views[-1].name == "Checkout pain points"
    # Ticking a lane narrows the view, one undo step per click.
    lanes = dialog.lanes
    pain_row = next(r for r in range(lanes.count())
                    if lanes.item(r).data(Qt.ItemDataRole.UserRole) == "ln-pain-points")
    lanes.item(pain_row).setCheckState(Qt.CheckState.Checked)
    assert doc.map.views[-1].lane_ids == ["ln-pain-points"]
    dialog.apply.click()
    assert doc.active_view is not None and doc.active_view.id == made.id
    assert _shown_lanes(example) == ["ln-pain-points"]
    dialog.delete.click()
    assert len(doc.map.views) == 3 and doc.active_view is None
    assert doc.undo_stack.count() == steps + 4
    for _ in range(4):
        example.undo()
    assert [v.name for v in doc.map.views] == ["Maya's journey",
                                               "To-be vs as-is, touchpoints", "Scored backlog"]
    # A name taken already is refused with the reason, and nothing changes.
    answers = iter([("scored BACKLOG", True)])
    dialog.views.setCurrentRow(0)
    monkeypatch.setattr("journeymap_desktop.ui.views_dialog.show_error",
                        lambda *_a, **_k: None)
    dialog.rename.click()
    assert doc.map.views[0].name == "Maya's journey"
    assert dialog.problem.text()


def test_the_export_dialog_exports_the_view_applied(example: MainWindow, qtbot: QtBot,
                                                    tmp_path: Path) -> None:
    from journeymap_desktop.ui.export_dialog import ExportDialog
    from journeymap_desktop.ui.views import apply_view

    journey = example.document.map
    backlog = _view(journey, "Scored backlog")
    apply_view(example.document, backlog.id)
    dialog = ExportDialog(example)
    qtbot.addWidget(dialog)
    assert dialog.view.currentText() == "Scored backlog"
    dialog.kind.setCurrentIndex(dialog.kind.findData("poster"))
    out = tmp_path / "backlog.pdf"
    dialog.output.setText(str(out))
    dialog.export_button.click()
    assert dialog.result_ is not None, dialog.problem.text()
    text = normalised(" ".join(page_texts(out)))
    _only_the_views_cards(journey, backlog, text)


def _only_the_views_cards(journey: JourneyMap, view: SavedView, text: str) -> None:
    from journeymap_desktop.model.views import view_card_ids

    shown = view_card_ids(journey, view)
    assert shown
    for card in journey.cards:
        if card.id in shown:
            assert normalised(card.title)[:14] in text, card.title
        else:
            assert normalised(card.title) not in text, card.title


# ----- the command line -------------------------------------------------------------------------
def _export(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "journeymap_desktop", "export", *args],
                          capture_output=True, text=True, check=False)


def test_export_view_writes_only_the_views_cards(examples_dir: Path, tmp_path: Path) -> None:
    journey = _example()
    source = str(examples_dir / "grocery-delivery.journeymap")
    out = tmp_path / "touchpoints.pdf"
    run = _export(source, "--view", "to-be VS AS-IS, Touchpoints", "-o", str(out))
    assert run.returncode == 0, run.stderr
    text = normalised(" ".join(page_texts(out)))
    view = _view(journey, "To-be vs as-is, touchpoints")
    _only_the_views_cards(journey, view, text)
    assert "To-be vs as-is, touchpoints" in text
    assert len(PdfReader(out).pages) == 1
    # A handout of a view: its cards, and its matrix page only for what it shows.
    handout = tmp_path / "backlog.pdf"
    run = _export(source, "--view", "Scored backlog", "--handout", "-o", str(handout))
    assert run.returncode == 0, run.stderr
    _only_the_views_cards(journey, _view(journey, "Scored backlog"),
                          normalised(" ".join(page_texts(handout))))


def test_an_unknown_view_names_the_views_there_are(examples_dir: Path,
                                                   tmp_path: Path) -> None:
    out = tmp_path / "x.svg"
    run = _export(str(examples_dir / "grocery-delivery.journeymap"), "--view", "Nope\x1b[31m",
                  "-o", str(out))
    assert run.returncode == 1 and not out.exists()
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "has no view named “Nope\\x1b[31m”" in lines[0]
    assert "its views: “Maya's journey”, “To-be vs as-is, touchpoints”, “Scored backlog”" \
        in lines[0]
    from journeymap_desktop.model.templates import service_journey
    from journeymap_desktop.storage import save_map

    plain = tmp_path / "plain.journeymap"
    save_map(service_journey(), plain, keep_backup=False)
    run = _export(str(plain), "--view", "Any", "-o", str(out))
    assert run.returncode == 1 and "has no saved views" in run.stderr


# ----- text from the map is data -----------------------------------------------------------------
def test_view_names_and_card_titles_show_literally(manager, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                    qtbot: QtBot) -> None:
    from PySide6.QtGui import QImage

    from journeymap_desktop.model.map import Card
    from journeymap_desktop.model.priority import Priority
    from journeymap_desktop.storage import save_map
    from journeymap_desktop.ui.matrix_window import matrix_window
    from journeymap_desktop.ui.views import apply_view
    from journeymap_desktop.ui.views_dialog import ViewsDialog
    from tests.test_untrusted_text import H1, LINK, PROBE, Walk, _hostile_map, watching

    # An image that markup could load: the test sees whether anything opens it.
    probe = tmp_path / "probe"
    probe.mkdir()
    picture = QImage(40, 40, QImage.Format.Format_RGB32)
    picture.fill(0xFF0000)
    assert picture.save(str(probe / PROBE))
    image = f'<img src="{probe / PROBE}">'
    journey = _hostile_map(image)
    pains = next(lane for lane in journey.lanes if lane.kind == "pain_points")
    journey.cards.append(Card(id="p", stage_id=journey.stages[0].id, lane_id=pains.id,
                              kind="pain_point", title=image,
                              priority=Priority(customer_value=80, business_value=70,
                                                effort=1)))
    journey.cards.append(Card(id="q", stage_id=journey.stages[0].id, lane_id=pains.id,
                              kind="pain_point", title=LINK, order=1))
    journey.views = [SavedView(id="v1", name=image, lane_ids=[pains.id]),
                     SavedView(id="v2", name=H1, kinds=["pain_point"])]
    path = tmp_path / "hostile.journeymap"
    save_map(journey, path, keep_backup=False)
    walk = Walk(image)
    with watching(probe) as watch:
        window = manager.open_path(path)
        assert window is not None
        window.resize(1400, 900)
        qtbot.waitExposed(window)
        apply_view(window.document, "v1")
        window.action_map["matrix"].trigger()
        matrix = matrix_window(window)
        assert matrix is not None
        matrix.scene.marks["p"].set_state("selected")
        dialog = ViewsDialog(window)
        qtbot.addWidget(dialog)
        dialog.show()
        window.scene.select_cards(["p"])
        walk.render([window, matrix, dialog])
        walk.widgets([window, matrix, dialog])
        opened = watch.opened()
    assert walk.problems == []
    assert opened == 0
    assert image in walk.seen and H1 in walk.seen
