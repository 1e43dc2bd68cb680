"""A laptop's view of a map: readable card titles at Fit to Window, zoom limits that make sense,
frozen headers that keep their size on screen, and header drags that never mix two headers'
words. Driven like a user (the window at 1366x768, the toolbar's actions, Ctrl+wheel, keys,
real mouse drags) and checked in what the canvas draws."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu
from pytestqt.qtbot import QtBot

from journeymap_desktop.canvas.items.stage_header import StageHeaderItem
from journeymap_desktop.layout import far, theme
from journeymap_desktop.layout.display import Item, Text, flatten
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.painter.render import QtRenderer
from journeymap_desktop.ui.main_window import MainWindow
from tests.helpers import drag

LAPTOP = (1366, 768)


def _open(manager: Any, qtbot: QtBot, path: Any, size: tuple[int, int]) -> MainWindow:
    window = manager.open_path(path)
    assert window is not None
    window.resize(*size)
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.view.viewport().width() > 300)
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # its shortcuts (Ctrl+=) reach it
    window.view.setFocus()
    return window


def _narrow_panels(window: MainWindow, qtbot: QtBot, view_width: int) -> None:
    """Give the map about `view_width` pixels, as compact side panels do."""
    docks = [dock for dock in window.findChildren(QDockWidget) if dock.isVisible()
             and not dock.isFloating()]
    extra = view_width - window.view.width()
    if extra > 0 and docks:
        window.resizeDocks(docks, [max(60, dock.width() - extra // len(docks))
                                   for dock in docks], Qt.Orientation.Horizontal)
        QApplication.processEvents()


def _record_draws(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Item, ...]]:
    drawn: list[tuple[Item, ...]] = []
    original = QtRenderer.draw

    def recording(self: QtRenderer, painter: QPainter, items: Any, dx: float = 0.0,
                  dy: float = 0.0) -> None:
        items = tuple(items)
        drawn.append(items)
        original(self, painter, items, dx, dy)

    monkeypatch.setattr(QtRenderer, "draw", recording)
    return drawn


def _wheel(view: Any, steps: int, modifiers: Qt.KeyboardModifier) -> None:
    viewport = view.viewport()
    at = QPointF(viewport.width() / 2, viewport.height() / 2)
    for _ in range(abs(steps)):
        event = QWheelEvent(at, viewport.mapToGlobal(at), QPoint(0, 0),
                            QPoint(0, 120 if steps > 0 else -120), Qt.MouseButton.NoButton,
                            modifiers, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(viewport, event)


# ----- titles at Fit to Window -----------------------------------------------------------------
@pytest.mark.parametrize("view_width", [0, 860], ids=["panels-as-they-are", "view-860px"])
def test_fit_to_window_on_a_40_card_example_draws_every_title_readably(
        manager: Any, qtbot: QtBot, examples_dir: Any, monkeypatch: pytest.MonkeyPatch,
        view_width: int) -> None:
    window = _open(manager, qtbot, examples_dir / "grocery-delivery.journeymap", LAPTOP)
    assert len(window.document.map.cards) >= 40
    if view_width:
        _narrow_panels(window, qtbot, view_width)
    drawn = _record_draws(monkeypatch)
    window.act_fit.trigger()
    view = window.view
    zoom = view.zoom
    assert zoom < far.FULL_FROM, "a 40-card map fits a laptop's view well below 50 %"
    drawn.clear()
    view.viewport().grab()
    texts = [item for items in drawn for item in flatten(items) if isinstance(item, Text)]
    titles = [t for t in texts if t.role is FontRole.CARD_TITLE]
    for card in window.document.map.cards:
        first_word = card.title.split()[0].strip("“”\"'")[:4]
        assert any(first_word in t.text for t in titles), f"no title drawn for {card.title!r}"
    # Large enough to read on screen: ~10 px (a little less, ~8 px, where a long word keeps
    # whole) ...
    assert min(t.size for t in titles) * zoom >= 8.0
    # ... and words are never broken between letters ("Substitutio|ns"): every word drawn is
    # a whole word of a title, or one cut with an ellipsis at the end of the last line.
    words = {word for card in window.document.map.cards for word in card.title.split()}
    for title in titles:
        for token in title.text.split():
            assert token in words or token.endswith("…"), f"broken word {token!r}"
    assert sorted(t.size * zoom for t in titles)[len(titles) // 2] >= 9.5
    # The stage names too.
    stage_names = [t for t in texts if t.role is FontRole.STAGE]
    assert {s.name.split()[0] for s in window.document.map.stages} <= {
        word for t in stage_names for word in t.text.split()}
    assert min(t.size for t in stage_names) * zoom * view.header_scale(zoom) >= 9
    # The whole map is in sight (to a pixel).
    pixel = 1.0 / zoom
    assert view.visible_scene_rect().contains(
        view.shown_rect(zoom).adjusted(pixel, pixel, -pixel, -pixel))


# ----- zoom limits -----------------------------------------------------------------------------
def test_zooming_out_stops_where_the_map_still_fills_half_the_view(
        window: MainWindow, qtbot: QtBot) -> None:
    view = window.view
    window.resize(*LAPTOP)
    qtbot.waitUntil(lambda: view.viewport().width() < 1000)
    _wheel(view, -40, Qt.KeyboardModifier.ControlModifier)
    least = view.zoom
    shown = view.shown_rect(least)
    viewport = view.viewport().rect()
    share = max(shown.width() * least / viewport.width(),
                shown.height() * least / viewport.height())
    assert share >= 0.5 - 1e-3, "no small stamp in a corner"
    for _ in range(10):
        qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(least)
    window.act_fit.trigger()
    assert view.zoom >= least


def test_a_big_map_zooms_out_to_its_fit_and_no_further(
        manager: Any, qtbot: QtBot, examples_dir: Any) -> None:
    window = _open(manager, qtbot, examples_dir / "b2b-onboarding.journeymap", LAPTOP)
    view = window.view
    fit = view.fit_zoom()
    _wheel(view, -40, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(min(fit, 0.25), rel=1e-3)


def test_zooming_in_stops_where_one_card_fills_the_view(
        manager: Any, qtbot: QtBot, examples_dir: Any) -> None:
    window = _open(manager, qtbot, examples_dir / "grocery-delivery.journeymap", LAPTOP)
    view = window.view
    _wheel(view, 40, Qt.KeyboardModifier.ControlModifier)
    most = view.zoom
    viewport = view.viewport().rect()
    assert theme.CARD_WIDTH * most <= viewport.width()
    assert most < 4.0, "a 1366x768 window's view is too small for 400 %"
    assert theme.CARD_WIDTH * most >= 0.6 * viewport.width(), "one card fills the view"
    for _ in range(10):
        qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(most)
    window.act_zoom_out.trigger()
    assert view.zoom < most


def test_actual_size_respects_the_limits_of_a_small_view(
        window: MainWindow, qtbot: QtBot) -> None:
    view = window.view
    window.act_fit.trigger()
    window.act_zoom_reset.trigger()
    assert view.zoom == 1.0
    view.set_zoom(view.max_zoom() * 2)
    assert view.zoom == pytest.approx(view.max_zoom())


# ----- frozen headers --------------------------------------------------------------------------
def test_at_400_percent_the_frozen_headers_take_under_a_quarter_of_the_view(
        manager: Any, qtbot: QtBot, examples_dir: Any) -> None:
    window = _open(manager, qtbot, examples_dir / "grocery-delivery.journeymap", (1920, 1080))
    view = window.view
    for _ in range(12):
        qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(4.0)
    # Somewhere in the middle of the map, the headers frozen over it.
    view.centerOn(window.scene.sceneRect().center())
    viewport = view.viewport().rect()
    lane_item = next(iter(window.scene.lane_items.values()))
    stage_item = next(iter(window.scene.stage_items.values()))
    lane_on_screen = view.mapFromScene(lane_item.sceneBoundingRect()).boundingRect()
    stage_on_screen = view.mapFromScene(stage_item.sceneBoundingRect()).boundingRect()
    assert lane_on_screen.left() <= 1 and stage_on_screen.top() <= 1, "frozen at the edges"
    assert lane_on_screen.width() / viewport.width() < 0.25
    assert stage_on_screen.height() / viewport.height() < 0.25
    # Their words are set at their size at 100 %, not four times larger.
    layout = window.scene.layout
    assert lane_on_screen.width() == pytest.approx(layout.corner.w, abs=2)

    # Still a header under the pointer: a click selects it, a double click renames it in
    # place in a font of its size on screen, a drag moves it.
    lane_id = lane_item.lane_id
    middle = lane_item.sceneBoundingRect().center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.mapFromScene(middle))
    assert window.scene.selected_lane_ids() == [lane_id]
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                      pos=view.mapFromScene(middle))
    editor = view.editor
    assert editor is not None
    assert editor.font().pixelSize() == theme.font_size(FontRole.LANE)
    assert editor.geometry().left() < lane_on_screen.right()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)

    # A right click on the header opens the header's menu.
    shown: list[list[str]] = []

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, read_menu)
            return
        shown.append([a.text().replace("&", "") for a in menu.actions() if a.text()])
        menu.close()

    window.scene.clearSelection()
    QTimer.singleShot(0, read_menu)
    point = view.mapFromScene(middle)
    QApplication.sendEvent(view.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, view.viewport().mapToGlobal(point)))
    assert window.scene.selected_lane_ids() == [lane_id]
    assert shown and any("Lane" in text for text in shown[0]), shown


def test_a_lane_header_dragged_at_400_percent_moves_the_lane(
        manager: Any, qtbot: QtBot, examples_dir: Any) -> None:
    window = _open(manager, qtbot, examples_dir / "grocery-delivery.journeymap", (1920, 1080))
    view = window.view
    view.set_zoom(4.0)
    assert view.zoom == pytest.approx(4.0)
    doc = window.document
    layout = window.scene.layout
    room = view.viewport().height() / view.zoom - layout.corner.h * view.header_scale(4.0)
    # From the foot of a lane's header to the middle of the next lane, both in sight.
    index = next(i for i, b in enumerate(layout.lanes[1:]) if b.row.h / 2 + 40 < room)
    first, second = layout.lanes[index].lane_id, layout.lanes[index + 1].lane_id
    row = layout.lanes[index].row
    view.scroll_to_start()
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + round(
        (row.bottom - 40 / view.zoom - layout.corner.bottom) * view.zoom))
    item = window.scene.lane_items[first]
    start = QPointF(item.sceneBoundingRect().center().x(), row.bottom - 20 / view.zoom)
    end = QPointF(start.x(), layout.lanes[index + 1].row.y
                  + layout.lanes[index + 1].row.h / 2 + 10)
    assert view.viewport().rect().contains(view.mapFromScene(end)), "both in sight"
    assert view.item_at(view.mapFromScene(start)) is item
    drag(qtbot, view, start, end)
    order = [lane.id for lane in doc.map.lanes]
    assert order.index(second) + 1 == order.index(first)


def _stage_drag_grabs(window: MainWindow, qtbot: QtBot) -> tuple[QImage, QImage, Any]:
    """Drag the first stage's header half a column right and hold it there: the screen, and
    the screen with the neighbour's header hidden, and the overlap on screen."""
    view = window.view
    scene = window.scene
    view.scroll_to_start()
    first, second = (scene.stage_items[s.stage_id] for s in scene.layout.stages[:2])
    start = first.sceneBoundingRect().center()
    end = QPointF(start.x() + scene.layout.stages[0].header.w * 0.6, start.y())
    drag(qtbot, view, start, end, release=False)
    assert first.pos().x() > scene.layout.stages[0].header.x + 50, "the header follows"
    overlap = view.mapFromScene(first.sceneBoundingRect().intersected(
        second.sceneBoundingRect())).boundingRect().adjusted(2, 2, -2, -2)
    assert overlap.width() > 40
    with_neighbour = view.viewport().grab().toImage()
    second.setVisible(False)
    without = view.viewport().grab().toImage()
    second.setVisible(True)
    return with_neighbour, without, overlap


@pytest.mark.parametrize("zoom", [1.0, 0.4])
def test_a_dragged_stage_header_never_shows_its_neighbours_words_through(
        manager: Any, qtbot: QtBot, examples_dir: Any, zoom: float) -> None:
    window = _open(manager, qtbot, examples_dir / "grocery-delivery.journeymap", LAPTOP)
    window.view.set_zoom(zoom)
    assert isinstance(next(iter(window.scene.stage_items.values())), StageHeaderItem)
    with_neighbour, without, overlap = _stage_drag_grabs(window, qtbot)
    seen = with_neighbour.copy(overlap)
    alone = without.copy(overlap)
    with_neighbour.save(f"/tmp/10b-stage-drag-{zoom}.png")
    assert seen == alone, "the neighbour's header (its words, its colour) shows through"
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.document.undo_stack.count() == 0


def test_from_afar_a_low_lane_header_leaves_out_lines_rather_than_cut_them(
        window: MainWindow, qtbot: QtBot) -> None:
    from journeymap_desktop import commands

    doc = window.document
    lane = next(lane for lane in doc.map.lanes if not any(
        card.lane_id == lane.id for card in doc.map.cards) and lane.kind != "emotions")
    doc.push(commands.SetFields(doc, "lane", lane.id, {
        "name": "Back-office systems and the people who keep them running overnight"}))
    view = window.view
    window.resize(*LAPTOP)
    qtbot.waitUntil(lambda: view.viewport().width() < 1000)
    _wheel(view, -40, Qt.KeyboardModifier.ControlModifier)
    item = window.scene.lane_items[lane.id]
    assert item.header_scale > 1.2, "from afar the headers are larger than laid out"
    header = item.box.header
    assert len(item.box.title) == 3
    drawn = [t for t in item._words_that_fit() if isinstance(t, Text)]
    assert drawn and drawn[0].text.startswith(item.box.title[0].text.rstrip("…"))
    assert drawn[-1].text.endswith("…"), "the name goes on"
    for line in drawn:
        bottom = (line.baseline + line.size * 0.3 - header.y + item.text_offset) \
            * item.header_scale
        assert bottom <= header.h, f"{line.text!r} would be cut by the lane's edge"


def test_a_map_shown_to_a_room_lets_its_headers_grow_further(
        window: MainWindow, qtbot: QtBot) -> None:
    from journeymap_desktop.canvas.modes import EDIT, PRESENT

    view = window.view
    view.set_zoom(2.0)
    lane_item = next(iter(window.scene.lane_items.values()))
    width = view.mapFromScene(lane_item.sceneBoundingRect()).boundingRect().width()
    assert width == pytest.approx(theme.LANE_HEADER_WIDTH, abs=2)
    view.set_mode(PRESENT)
    width = view.mapFromScene(lane_item.sceneBoundingRect()).boundingRect().width()
    assert width == pytest.approx(theme.LANE_HEADER_WIDTH * 1.5, abs=2)
    view.set_mode(EDIT)
    width = view.mapFromScene(lane_item.sceneBoundingRect()).boundingRect().width()
    assert width == pytest.approx(theme.LANE_HEADER_WIDTH, abs=2)
