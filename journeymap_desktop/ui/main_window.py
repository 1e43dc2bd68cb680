"""One journey map in one window: the canvas, inspector, palette and history, put together.

What the window does is split by seam:

    ui/actions.py          every command as a row of a table; menus and toolbar built from it
    ui/file_controller.py  open, recent files, save, save as, export (formats from formats.py)
    ui/context_menu.py     the canvas's right-click menus
    ui/modes.py            Edit / Present: switching, and how the window looks in each
    ui/edit_actions.py     the edits the actions trigger, as commands

This module builds the widgets, wires their signals, and keeps the title, counts and zoom in
the status bar up to date.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from journeymap_desktop import APP_NAME
from journeymap_desktop.canvas.scene import JourneyScene
from journeymap_desktop.canvas.view import JourneyView
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.model.map import CARD_KINDS, CardKind
from journeymap_desktop.model.queries import CardFilter
from journeymap_desktop.safe_text import counted
from journeymap_desktop.ui import actions as action_table
from journeymap_desktop.ui import window_layout
from journeymap_desktop.ui.autosave import Autosaver
from journeymap_desktop.ui.context_menu import ContextMenus
from journeymap_desktop.ui.curves import fill_curves_menu, install_curves_button
from journeymap_desktop.ui.dialogs import show_error
from journeymap_desktop.ui.edit_actions import EditActions
from journeymap_desktop.ui.file_controller import FileController
from journeymap_desktop.ui.find_bar import FindBar
from journeymap_desktop.ui.inspector import Inspector
from journeymap_desktop.ui.inspector.base import TYPING_PAUSE_MS
from journeymap_desktop.ui.modes import ModeSwitcher
from journeymap_desktop.ui.palette import Palette
from journeymap_desktop.ui.plain_text import tooltip, window_title
from journeymap_desktop.ui.views import fill_views_menu, install_view_chooser

if TYPE_CHECKING:
    from journeymap_desktop.ui.window_manager import WindowManager


class MainWindow(QMainWindow):
    act_undo: QAction
    act_redo: QAction
    act_save: QAction
    act_present: QAction

    def __init__(self, manager: WindowManager, document: JourneyDocument,
                 untitled_name: str | None = None, scene: JourneyScene | None = None,
                 typing_pause_ms: int = TYPING_PAUSE_MS) -> None:
        super().__init__()
        self.manager = manager
        self.document = document
        # The title of a map with no file yet: "Grocery delivery (example)"; else "Untitled".
        self.untitled_name = untitled_name
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)

        # Qt parents, so the document and the scene die with the window in C++ order, never at
        # interpreter exit. The scene belongs to the view: ~QGraphicsView detaches from its
        # scene first, so a dying scene never calls back into a half-destroyed view.
        document.setParent(self)
        # A scene built beforehand (behind the progress dialog of a big map), or a new one.
        self.scene = scene if scene is not None else JourneyScene(document)
        self.view = JourneyView(self.scene)
        self.scene.setParent(self.view)
        self.edits = EditActions(document, self.scene, self)
        self.files = FileController(self)
        self.find_bar = FindBar()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.find_bar)
        column.addWidget(self.view)
        self.setCentralWidget(central)

        self.inspector = Inspector(document, self.scene, self, typing_pause_ms)
        self.palette_dock = Palette(self)
        self.history = QDockWidget("History", self)
        self.history.setObjectName("historyDock")
        self.undo_view = QUndoView(document.undo_stack)
        self.undo_view.setEmptyLabel("Opened")
        self.history.setWidget(self.undo_view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.palette_dock)
        # Under the inspector, hidden at first (ui/window_layout.py): beside the palette it
        # would widen the strip to a column.
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history)
        self.history.hide()
        inspector_toggle = self.inspector.toggleViewAction()
        inspector_toggle.setObjectName("toggleInspector")
        inspector_toggle.setShortcut(QKeySequence(window_layout.INSPECTOR_SHORTCUT))
        inspector_toggle.setToolTip(f"Show or hide the inspector "
                                    f"({window_layout.INSPECTOR_SHORTCUT})")
        self.act_toggle_inspector = inspector_toggle

        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomLabel")
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.zoom_label)

        self._match_index = -1
        self.autosaver = Autosaver(document, manager.recovery, manager.autosave_interval_ms,
                                   self)
        self.action_map = action_table.build_actions(self)
        self.modes = ModeSwitcher(self)
        self.context_menus = ContextMenus(self)
        action_table.build_menus(self)
        self.toolbar = action_table.build_toolbar(self, self)
        self.addToolBar(self.toolbar)
        self.view_chooser = install_view_chooser(self)
        self.curves_button = install_curves_button(self)
        self.toolbar.addSeparator()
        self.toolbar.addAction(inspector_toggle)
        self._connect()
        self.update_title()
        self._update_counts()
        self._on_zoom(self.view.zoom)
        self.modes.switch_to("edit")  # checks the mode's action, enables the others

    # ----- wiring ------------------------------------------------------------------------------
    def menu_part(self, name: str, menu: QMenu) -> None:
        """The parts of the menus (ui/actions.MENUS) that are not fixed actions."""
        if name == "recent":
            self.recent_menu = menu.addMenu("Open &Recent")
            self.recent_menu.setObjectName("openRecent")
            self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        elif name == "docks":
            for dock in self.docks():
                menu.addAction(dock.toggleViewAction())
        elif name == "views":
            views_menu = menu.addMenu("Saved &View")
            views_menu.setObjectName("savedViewsMenu")
            views_menu.aboutToShow.connect(partial(fill_views_menu, self, views_menu))
        elif name == "curves":
            curves_menu = menu.addMenu("&Curves")
            curves_menu.setObjectName("curvesMenu")
            curves_menu.aboutToShow.connect(
                partial(fill_curves_menu, self.document, curves_menu))
        else:
            raise KeyError(name)

    def docks(self) -> tuple[QDockWidget, ...]:
        return (self.inspector, self.palette_dock, self.history)

    def _connect(self) -> None:
        doc = self.document
        doc.modified_changed.connect(lambda _m: self.update_title())
        doc.path_changed.connect(self.update_title)
        doc.map_changed.connect(self.update_title)
        doc.edited.connect(self._update_counts)
        stack = doc.undo_stack
        for signal in (stack.canUndoChanged, stack.canRedoChanged):
            signal.connect(self.update_actions)
        # The step's name goes in the tooltip: a changing label would move every toolbar
        # button after it under the user's mouse. It holds names from the map, so it goes
        # through `tooltip()` (a raw tooltip would render them as markup).
        stack.undoTextChanged.connect(
            lambda text: self.act_undo.setToolTip(tooltip(f"Undo {text}".strip())))
        stack.redoTextChanged.connect(
            lambda text: self.act_redo.setToolTip(tooltip(f"Redo {text}".strip())))
        self.view.zoom_changed.connect(self._on_zoom)
        self.view.files_dropped.connect(self.files.open_paths)
        self.view.drop_refused.connect(self._show_drop_refused)
        self.view.context_requested.connect(self.context_menus.show)
        self.view.pressed.connect(self.edits.note_press)
        self.scene.selection_ids_changed.connect(self.update_actions)
        self.palette_dock.add_requested.connect(self.add_card)
        self.find_bar.filter_changed.connect(self._apply_filter)
        self.find_bar.next_requested.connect(lambda: self._step_match(1))
        self.find_bar.previous_requested.connect(lambda: self._step_match(-1))
        self.find_bar.closed.connect(lambda: self.view.setFocus())
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(5_000)
        self._status_timer.timeout.connect(self._show_autosave_problem)
        self._status_timer.start()

    # ----- window state ------------------------------------------------------------------------
    def title_name(self) -> str:
        if self.document.path is not None:
            return self.document.path.name
        return self.untitled_name or "Untitled"

    def update_title(self) -> None:
        self.setWindowTitle(f"{window_title(self.title_name())}[*] — {APP_NAME}")
        self.setWindowModified(self.document.is_modified())

    def _update_counts(self) -> None:
        journey = self.document.map
        self.count_label.setText(" · ".join(
            counted(len(things), noun) for things, noun in (
                (journey.stages, "stage"), (journey.lanes, "lane"), (journey.cards, "card"))))
        if self.scene.matching is not None:
            self.find_bar.show_count(len(self.scene.matching), len(journey.cards))

    def _on_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f} %")

    def update_actions(self) -> None:
        action_table.update_enabled(self, self.action_map)

    def _show_autosave_problem(self) -> None:
        if self.autosaver.last_error:
            self.statusBar().showMessage(self.autosaver.last_error, 4_000)

    def _show_drop_refused(self, message: str) -> None:
        # After the drop has finished: a modal box inside a drop event holds up the source.
        QTimer.singleShot(0, partial(show_error, self, "Could not open", message))

    # ----- files (ui/file_controller.py) -------------------------------------------------------
    def flush_edits(self) -> None:
        """Bring text still being typed (inspector, in-place editor) into the map."""
        self.view.commit_editor()
        self.inspector.commit_pending()

    def save(self) -> bool:
        return self.files.save()

    def save_as(self) -> bool:
        return self.files.save_as()

    def maybe_save(self) -> bool:
        return self.files.maybe_save()

    def _fill_recent_menu(self) -> None:
        self.files.fill_recent_menu(self.recent_menu)

    def is_pristine(self) -> bool:
        """An untouched example or new map: opening a file may simply replace it."""
        return (not self.document.is_modified() and self.document.path is None
                and self.document.undo_stack.count() == 0)

    def undo(self) -> None:
        self.flush_edits()
        self.document.undo_stack.undo()

    def redo(self) -> None:
        self.flush_edits()
        self.document.undo_stack.redo()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        # Leave full screen first, or the next window would open without its panels.
        self.modes.switch_to("edit")
        self.autosaver.discard()
        self.manager.window_closed(self)
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Files dropped anywhere on the window open (cards only drop on the canvas): the
        canvas's drop handlers decide, without a place on the map."""
        if self.view.drop_beside(event, dropping=False):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.view.drop_beside(event, dropping=True):
            event.acceptProposedAction()

    # ----- editing -----------------------------------------------------------------------------
    def select_all(self) -> None:
        self.scene.select_only(list(self.scene.card_items.values()))

    def add_card(self, kind: CardKind | None = None) -> str | None:
        if not self.view.mode.edits_map:
            return None
        target = self.edits.insertion_target()
        if target is None:
            self.statusBar().showMessage("Add a stage and a lane first.", 4_000)
            return None
        return self.view.add_card(kind if kind in CARD_KINDS else None, target, edit=True)

    def add_stage(self, after: str | None = None, before: str | None = None) -> None:
        """A new stage after `after`, before `before`, or else after the selected stage (or
        at the end): selected, with its name in edit."""
        if after is None and before is None:
            selected = self.scene.selected_stage_ids()
            after = selected[-1] if selected else None
        stage_id = self.edits.add_stage(after=after, before=before)
        self.scene.select_only([self.scene.stage_items[stage_id]])
        self.view.edit_item(self.scene.stage_items[stage_id])

    def add_lane(self, after: str | None = None, before: str | None = None) -> None:
        """A new lane below `after`, above `before`, or else below the selected lane (or at
        the end): selected, with its name in edit."""
        if after is None and before is None:
            selected = self.scene.selected_lane_ids()
            after = selected[-1] if selected else None
        lane_id = self.edits.add_lane(after=after, before=before)
        self.scene.select_only([self.scene.lane_items[lane_id]])
        self.view.edit_item(self.scene.lane_items[lane_id])

    def _apply_filter(self, card_filter: CardFilter) -> None:
        matching = self.scene.apply_filter(card_filter)
        self.find_bar.show_count(None if matching is None else len(matching),
                                 len(self.document.map.cards))
        self._match_index = -1

    def _step_match(self, step: int) -> None:
        matching = self.scene.matching
        if not matching:
            return
        ordered = [cid for cid in self.scene.card_ids_in_journey_order() if cid in matching]
        if not ordered:
            return
        self._match_index = (self._match_index + step) % len(ordered)
        card_id = ordered[self._match_index]
        self.scene.select_cards([card_id])
        self.view.reveal_card(card_id)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The inspector shrinks and grows with the window (the map keeps its share).
        if not self.isFullScreen():
            window_layout.fit_inspector(self, event.size().width(), event.oldSize().width())

    # Kept for callers written before the split (tests of other branches): the recent files
    # and opening dropped files live in the file controller now.
    def open_files(self, paths: list[Path]) -> None:
        self.files.open_paths(paths)
