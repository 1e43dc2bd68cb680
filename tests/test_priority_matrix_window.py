"""The prioritisation matrix as a user drives it: View > Prioritisation Matrix, real mouse
drags on its viewport that score cards (one undo step each, Esc cancels), cards dragged in
from the tray, other axes, the card inspector's Priority group."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from pytestqt.qtbot import QtBot

from journeymap_desktop import commands
from journeymap_desktop.layout.matrix import MatrixAxes
from journeymap_desktop.model.priority import Priority, priority_value
from journeymap_desktop.ui.main_window import MainWindow
from journeymap_desktop.ui.matrix_window import MatrixWindow, matrix_window
from tests.helpers import click, drag, select_card, viewport_point


@pytest.fixture
def example(manager, examples_dir: Path, qtbot: QtBot) -> MainWindow:  # type: ignore[no-untyped-def]
    opened = manager.open_path(examples_dir / "grocery-delivery.journeymap")
    assert opened is not None
    opened.resize(1500, 950)
    qtbot.waitExposed(opened)
    return opened


def _open_matrix(window: MainWindow, qtbot: QtBot) -> MatrixWindow:
    window.action_map["matrix"].trigger()
    found = matrix_window(window)
    assert found is not None and found.isVisible()
    found.resize(1200, 800)
    qtbot.waitExposed(found)
    qtbot.waitUntil(lambda: found.scene.size[0] > 1000)
    return found


def _dot(matrix: MatrixWindow, card_id: str) -> QPointF:
    point = matrix.scene.scene_point_of(card_id)
    assert point is not None
    return QPointF(*point)


def _scored_card(window: MainWindow, title: str) -> str:
    return next(c.id for c in window.document.map.cards if c.title == title)


def test_the_view_menu_opens_and_closes_the_matrix(example: MainWindow, qtbot: QtBot) -> None:
    action = example.action_map["matrix"]
    assert action.shortcut().toString() == "Ctrl+Shift+M"
    matrix = _open_matrix(example, qtbot)
    assert action.isChecked()
    assert "Prioritisation Matrix" in matrix.windowTitle()
    assert matrix.info.text().startswith("15 on the matrix · 0 not yet scored")
    action.trigger()
    assert not matrix.isVisible() and not action.isChecked()
    # Closed, it does no work for the map's edits; opened again, it shows them.
    doc = example.document
    card_id = _scored_card(example, "Hold the chosen slot")
    doc.push(commands.SetPriority(doc, card_id, effort=0))
    assert matrix.scene.layout.marks[card_id].scores[0] == 4
    matrix = _open_matrix(example, qtbot)
    assert matrix.scene.layout.marks[card_id].scores[0] == 0


def test_a_drag_scores_the_card_in_one_undo_step(example: MainWindow, qtbot: QtBot) -> None:
    matrix = _open_matrix(example, qtbot)
    doc = example.document
    card_id = _scored_card(example, "Search buries familiar brands")  # effort 3, value 82.5
    before = doc.card(card_id).priority
    steps = doc.undo_stack.count()
    plot = matrix.scene.layout.plot
    target = plot.place(1, 40)
    drag(qtbot, matrix.view, _dot(matrix, card_id), target)  # type: ignore[arg-type]
    after = doc.card(card_id).priority
    assert after is not None and after.effort == 1
    assert priority_value(after) == 40
    # Both values moved by the same amount: their difference (5) is kept, to the one point
    # a whole mean allows.
    assert abs(after.customer_value - after.business_value - 5) <= 1  # type: ignore[operator]
    assert doc.undo_stack.count() == steps + 1
    assert doc.undo_stack.undoText().startswith("Score")
    # The mark now sits where the new scores are, and the map's canvas selected the card.
    assert matrix.scene.layout.marks[card_id].exact == pytest.approx(plot.place(1, 40))
    assert example.scene.selected_card_ids() == [card_id]
    example.undo()
    assert doc.card(card_id).priority == before
    assert matrix.scene.layout.marks[card_id].scores == (3, 82.5)


def test_the_drag_shows_where_it_lands_and_changes_nothing_until_release(
        example: MainWindow, qtbot: QtBot) -> None:
    matrix = _open_matrix(example, qtbot)
    doc = example.document
    card_id = _scored_card(example, "Hold the chosen slot")  # effort 4, value 77.5
    before = doc.card(card_id).priority
    plot = matrix.scene.layout.plot
    drag(qtbot, matrix.view, _dot(matrix, card_id), plot.place(1.2, 90), release=False)
    item = matrix.scene.marks[card_id]
    assert item.state == "dragged"
    assert (item.pos().x(), item.pos().y()) == pytest.approx(plot.place(1, 90), abs=0.6)
    assert matrix.scene.readout.isVisible()
    readout = " ".join(getattr(i, "text", "") for i in matrix.scene.readout._items)
    assert "Effort 1" in readout and "Value 90 %" in readout and "Quick wins" in readout
    assert doc.card(card_id).priority == before  # the model waits for the release
    # Esc cancels: the mark goes back and nothing is recorded.
    steps = doc.undo_stack.count()
    qtbot.keyClick(matrix.view, Qt.Key.Key_Escape)
    at = viewport_point(matrix.view, plot.place(1.2, 90))
    qtbot.mouseRelease(matrix.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert doc.card(card_id).priority == before
    assert doc.undo_stack.count() == steps
    mark = matrix.scene.layout.marks[card_id]
    assert matrix.scene.marks[card_id].pos() == QPointF(*mark.dot)
    assert not matrix.scene.readout.isVisible()


def test_a_card_from_the_tray_is_scored_where_it_is_dropped(example: MainWindow,
                                                             qtbot: QtBot) -> None:
    doc = example.document
    card_id = _scored_card(example, "Drop a pin on the map")
    doc.push(commands.SetPriority(doc, card_id, customer_value=None, business_value=None,
                                  effort=None))
    matrix = _open_matrix(example, qtbot)
    assert matrix.scene.layout.unscored == (card_id,)
    assert "14 on the matrix · 1 not yet scored" in matrix.info.text()
    chip = matrix.scene.layout.chips[card_id]
    start = QPointF(chip.rect.x + 30, chip.rect.y + 12)
    target = matrix.scene.layout.plot.place(0, 70)
    drag(qtbot, matrix.view, start, target)  # type: ignore[arg-type]
    assert doc.card(card_id).priority == Priority(customer_value=70, business_value=70,
                                                  effort=0)
    assert card_id in matrix.scene.layout.marks and not matrix.scene.layout.unscored
    # Dropped beside the matrix: nothing happens.
    doc.undo_stack.undo()
    chip = matrix.scene.layout.chips[card_id]
    steps = doc.undo_stack.count()
    drag(qtbot, matrix.view, QPointF(chip.rect.x + 30, chip.rect.y + 12),
         QPointF(chip.rect.x + 60, chip.rect.bottom + 80))
    assert doc.card(card_id).priority is None and doc.undo_stack.count() == steps


def test_other_axes_score_what_they_show(example: MainWindow, qtbot: QtBot) -> None:
    matrix = _open_matrix(example, qtbot)
    doc = example.document
    matrix.across.setCurrentIndex(matrix.across.findData("customer_value"))
    matrix.across.activated.emit(matrix.across.currentIndex())
    matrix.up.setCurrentIndex(matrix.up.findData("business_value"))
    matrix.up.activated.emit(matrix.up.currentIndex())
    assert matrix.scene.axes == MatrixAxes("customer_value", "business_value")
    card_id = _scored_card(example, "Refunds land days later")  # 45, 30, effort 2
    drag(qtbot, matrix.view, _dot(matrix, card_id),  # type: ignore[arg-type]
         matrix.scene.layout.plot.place(20, 90))
    assert doc.card(card_id).priority == Priority(customer_value=20, business_value=90,
                                                  effort=2)
    # Choosing the score the other axis shows swaps them; the swap button too.
    matrix.up.setCurrentIndex(matrix.up.findData("customer_value"))
    matrix.up.activated.emit(matrix.up.currentIndex())
    assert matrix.scene.axes == MatrixAxes("business_value", "customer_value")
    matrix.swap.click()
    assert matrix.scene.axes == MatrixAxes("customer_value", "business_value")
    assert matrix.across.currentData() == "customer_value"


def test_arrow_keys_nudge_the_selected_card_in_one_undo_step(example: MainWindow,
                                                              qtbot: QtBot) -> None:
    matrix = _open_matrix(example, qtbot)
    doc = example.document
    card_id = _scored_card(example, "Hold the chosen slot")  # effort 4, 80/75
    click(qtbot, matrix.view, _dot(matrix, card_id))  # type: ignore[arg-type]
    assert example.scene.selected_card_ids() == [card_id]
    assert matrix.scene.marks[card_id].state == "selected"
    steps = doc.undo_stack.count()
    for key in (Qt.Key.Key_Left, Qt.Key.Key_Left, Qt.Key.Key_Up):
        qtbot.keyClick(matrix.view, key)
    assert doc.card(card_id).priority == Priority(customer_value=85, business_value=80,
                                                  effort=2)
    assert doc.undo_stack.count() == steps + 1
    qtbot.keyClick(matrix.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.card(card_id).priority == Priority(customer_value=80, business_value=75,
                                                  effort=4)


def test_presenting_the_matrix_only_shows(example: MainWindow, qtbot: QtBot) -> None:
    matrix = _open_matrix(example, qtbot)
    example.modes.switch_to("present")
    doc = example.document
    card_id = _scored_card(example, "Hold the chosen slot")
    before = doc.card(card_id).priority
    drag(qtbot, matrix.view, _dot(matrix, card_id),  # type: ignore[arg-type]
         matrix.scene.layout.plot.place(0, 10))
    assert doc.card(card_id).priority == before
    example.modes.switch_to("edit")


def test_the_inspector_scores_pain_points_and_opportunities(example: MainWindow,
                                                            qtbot: QtBot) -> None:
    doc = example.document
    page = example.inspector.card_page
    group = page.priority_group
    card_id = _scored_card(example, "Refunds land days later")
    select_card(qtbot, example, card_id)
    assert group.isVisibleTo(page)
    assert (group.customer.value(), group.business.value()) == (45, 30)
    assert group.effort.currentData() == 2
    assert group.summary.text() == "Value 37.5 % · score 25 of 100 · Fill-in"
    group.customer.setValue(55)
    group.customer.setValue(60)  # two clicks of the spin box: one undo step
    group.effort.setCurrentIndex(group.effort.findData(1))
    group.effort.activated.emit(group.effort.currentIndex())
    assert doc.card(card_id).priority == Priority(customer_value=60, business_value=30,
                                                  effort=1)
    assert group.summary.text() == "Value 45 % · score 37.5 of 100 · Fill-in"
    example.undo()
    assert doc.card(card_id).priority == Priority(customer_value=45, business_value=30,
                                                  effort=2)
    assert group.customer.value() == 45
    # Back to not scored, through the spin box's lowest value.
    group.business.setValue(-1)
    assert doc.card(card_id).priority is not None
    assert doc.card(card_id).priority.business_value is None  # type: ignore[union-attr]
    assert group.business.text() == "Not scored"
    touchpoint = next(c.id for c in doc.map.cards if c.kind == "touchpoint")
    select_card(qtbot, example, touchpoint)
    assert not group.isVisibleTo(page)


def test_the_matrix_follows_the_saved_view_and_the_map(example: MainWindow,
                                                       qtbot: QtBot) -> None:
    from journeymap_desktop.ui.views import apply_view

    matrix = _open_matrix(example, qtbot)
    doc = example.document
    backlog = next(v for v in doc.map.views if v.name == "Scored backlog")
    maya = next(v for v in doc.map.views if v.name == "Maya's journey")
    apply_view(doc, backlog.id)
    assert len(matrix.scene.layout.marks) == 15
    assert "view “Scored backlog”" in matrix.info.text()
    doc.push(commands.EditView(doc, backlog.id, {"tags": ["checkout"]}))
    tagged = {c.id for c in doc.map.cards if "checkout" in c.tags
              and c.kind in ("pain_point", "opportunity")}
    assert set(matrix.scene.layout.marks) == tagged
    apply_view(doc, maya.id)
    apply_view(doc, None)
    assert len(matrix.scene.layout.marks) == 15
    # A card added to the map appears in the tray at once.
    pain = next(c for c in doc.map.cards if c.kind == "pain_point")
    doc.push(commands.AddCards(doc, [pain.model_copy(update={
        "id": "fresh", "title": "Fresh pain", "priority": None, "source_key": None})]))
    assert "fresh" in matrix.scene.layout.unscored


def test_the_window_draws_the_layouts_display_list(example: MainWindow, qtbot: QtBot) -> None:
    """What the window paints is layout.matrix's list (what the handout's page draws too)."""
    from journeymap_desktop.layout.matrix import mark_items, matrix_layout

    matrix = _open_matrix(example, qtbot)
    scene = matrix.scene
    width, height = scene.size
    layout = matrix_layout(example.document.map.cards, scene.measurer, width, height)
    assert scene.background is not None and scene.background.items == layout.background
    for card_id, mark in layout.marks.items():
        item = scene.marks[card_id]
        assert (item.pos().x(), item.pos().y()) == mark.dot
        assert item._items == mark_items(mark, item.state)
