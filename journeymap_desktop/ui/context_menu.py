"""The canvas's right-click menus: on a card, a stage header, a lane header, or empty canvas.

In a mode that edits the map they offer the edits of what was clicked (a card's come from the
action table, ui/actions.CARD_MENU); in one that does not (Present) only what leaves the map
alone: copy, fit, and the way back to editing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtWidgets import QMenu

from journeymap_desktop import commands
from journeymap_desktop.canvas.items.card import CardItem
from journeymap_desktop.canvas.items.lane_header import LaneHeaderItem
from journeymap_desktop.canvas.items.stage_header import StageHeaderItem
from journeymap_desktop.layout.geometry import DropTarget
from journeymap_desktop.model.map import CARD_KINDS, LANE_KINDS
from journeymap_desktop.model.queries import KIND_LABELS, LANE_KIND_LABELS
from journeymap_desktop.ui.actions import CARD_MENU, fill_menu
from journeymap_desktop.ui.icons import kind_icon
from journeymap_desktop.ui.plain_text import menu_text

if TYPE_CHECKING:
    from journeymap_desktop.ui.main_window import MainWindow


class ContextMenus:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.edits = window.edits
        self.scene = window.scene
        self.view = window.view
        self._chosen: Callable[[], object] | None = None

    def show(self, item: object, scene_pos: QPointF, global_pos: QPoint) -> None:
        menu = QMenu(self.window)
        menu.setObjectName("canvasContextMenu")
        self.edits.context_target = self.scene.layout.drop_target(scene_pos.x(), scene_pos.y())
        if not self.view.mode.edits_map:
            self._viewing_menu(menu, item)
        elif isinstance(item, CardItem):
            fill_menu(menu, CARD_MENU, self.window)
        elif isinstance(item, StageHeaderItem):
            self._stage_menu(menu, item.stage_id)
        elif isinstance(item, LaneHeaderItem):
            self._lane_menu(menu, item.lane_id)
        else:
            self._canvas_menu(menu)
        menu.exec(global_pos)
        menu.deleteLater()  # with its sub-menus and the lambdas they hold
        chosen, self._chosen = self._chosen, None
        if chosen is not None:
            chosen()

    def _after_menu(self, command: Callable[[], object]) -> Callable[[], None]:
        """Run a menu's command once the menu has closed: an in-place editor it opens
        would otherwise lose the keyboard to the closing menu and close at once."""
        def choose() -> None:
            self._chosen = command
        return choose

    def _viewing_menu(self, menu: QMenu, item: object) -> None:
        actions = self.window.action_map
        if isinstance(item, CardItem):
            menu.addAction(actions["copy"])
            menu.addSeparator()
        for action_id in ("fitToWindow", "zoomReset", None, "presentation"):
            if action_id is None:
                menu.addSeparator()
            else:
                menu.addAction(actions[action_id])

    def _canvas_menu(self, menu: QMenu) -> None:
        target = self.edits.context_target
        if target is not None:
            for kind in CARD_KINDS:
                text, where = self._where_new_card_goes(kind, target)
                menu.addAction(kind_icon(kind), text, self._after_menu(
                    partial(self.view.add_card, kind, where, edit=True)))
            paste = menu.addAction("Paste Here", self.edits.paste)
            paste.setEnabled(self.edits.can_paste())
            menu.addSeparator()
        for action_id in ("addStage", "addLane"):  # they open the new header's editor
            action = self.window.action_map[action_id]
            menu.addAction(action.text(), self._after_menu(action.trigger))

    def _where_new_card_goes(self, kind: str, target: DropTarget) -> tuple[str, DropTarget]:
        """The menu text for adding a card of `kind` at `target`, and where it goes. A
        touchpoint asked for in the Emotions lane goes to the stage's touchpoints lane (the
        cards the curve is drawn from), and the menu says so."""
        document = self.window.document
        if kind == "touchpoint" and document.lane(target.lane_id).kind == "emotions":
            lane = next((lane for lane in document.map.lanes if lane.kind == "touchpoints"),
                        None)
            if lane is not None:
                count = len(self.scene.layout.cells.get((target.stage_id, lane.id), []))
                return (f"Add Touchpoint to “{menu_text(lane.name)}”",
                        DropTarget(target.stage_id, lane.id, count, (0, 0, 0, 0)))
        return f"Add {KIND_LABELS[kind]} Here", target

    def _stage_menu(self, menu: QMenu, stage_id: str) -> None:
        edits = self.edits
        menu.addAction("Rename", self._after_menu(
            lambda: self.view.edit_item(self.scene.stage_items[stage_id])))
        menu.addAction("Insert Stage Before",
                       self._after_menu(partial(self.window.add_stage, before=stage_id)))
        menu.addAction("Insert Stage After",
                       self._after_menu(partial(self.window.add_stage, after=stage_id)))
        menu.addAction("Duplicate Stage", lambda: edits.duplicate_header("stage", stage_id))
        menu.addSeparator()
        menu.addAction("Move Left", lambda: edits.move_header_by("stage", stage_id, -1))
        menu.addAction("Move Right", lambda: edits.move_header_by("stage", stage_id, 1))
        menu.addSeparator()
        menu.addAction("Delete Stage…", lambda: edits.delete_header("stage", stage_id))

    def _lane_menu(self, menu: QMenu, lane_id: str) -> None:
        edits = self.edits
        document = self.window.document
        menu.addAction("Rename", self._after_menu(
            lambda: self.view.edit_item(self.scene.lane_items[lane_id])))
        kind_menu = menu.addMenu("Lane Kind")
        current = document.lane(lane_id).kind
        for kind in LANE_KINDS:
            action = kind_menu.addAction(LANE_KIND_LABELS[kind],
                                         partial(self._set_lane_kind, lane_id, kind))
            action.setCheckable(True)
            action.setChecked(kind == current)
        menu.addAction("Insert Lane Above",
                       self._after_menu(partial(self.window.add_lane, before=lane_id)))
        menu.addAction("Insert Lane Below",
                       self._after_menu(partial(self.window.add_lane, after=lane_id)))
        menu.addAction("Duplicate Lane", lambda: edits.duplicate_header("lane", lane_id))
        menu.addSeparator()
        menu.addAction("Move Up", lambda: edits.move_header_by("lane", lane_id, -1))
        menu.addAction("Move Down", lambda: edits.move_header_by("lane", lane_id, 1))
        menu.addSeparator()
        menu.addAction("Delete Lane…", lambda: edits.delete_header("lane", lane_id))

    def _set_lane_kind(self, lane_id: str, kind: str) -> None:
        document = self.window.document
        document.push(commands.SetFields(document, "lane", lane_id, {"kind": kind}))
