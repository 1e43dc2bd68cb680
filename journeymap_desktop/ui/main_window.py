"""One journey map in one window: canvas, inspector, palette, history, menus and files."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QToolBar,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from journeymap_desktop import APP_NAME, commands
from journeymap_desktop.canvas.items.card import CardItem
from journeymap_desktop.canvas.items.lane_header import LaneHeaderItem
from journeymap_desktop.canvas.items.stage_header import StageHeaderItem
from journeymap_desktop.canvas.mime import map_files_from_mime
from journeymap_desktop.canvas.scene import JourneyScene
from journeymap_desktop.canvas.view import JourneyView
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.layout import theme
from journeymap_desktop.model.map import CARD_KINDS, LANE_KINDS, CardKind
from journeymap_desktop.model.queries import (
    KIND_LABELS,
    LANE_KIND_LABELS,
    CardFilter,
)
from journeymap_desktop.model.scales import ANCHOR_NAMES, ANCHOR_WORDS, ANCHORS
from journeymap_desktop.model.templates import TEMPLATES
from journeymap_desktop.safe_text import file_name, file_path
from journeymap_desktop.storage import SaveError, changed_on_disk
from journeymap_desktop.storage.errors import ReadOnlyError
from journeymap_desktop.storage.files import FILE_SUFFIX, suggested_file_stem
from journeymap_desktop.ui.autosave import Autosaver
from journeymap_desktop.ui.dialogs import (
    OverwriteChoice,
    SaveChoice,
    ask_overwrite_changed_file,
    ask_save_changes,
    ask_save_path,
    confirm_read_only,
    quoted_name,
    show_error,
)
from journeymap_desktop.ui.edit_actions import EditActions
from journeymap_desktop.ui.find_bar import FindBar
from journeymap_desktop.ui.icons import face_icon, kind_icon, star_icon
from journeymap_desktop.ui.inspector import Inspector
from journeymap_desktop.ui.palette import Palette
from journeymap_desktop.ui.plain_text import menu_text, tooltip, window_title

if TYPE_CHECKING:
    from journeymap_desktop.ui.window_manager import WindowManager

FILE_FILTER = f"Journey maps (*{FILE_SUFFIX});;All files (*)"


class MainWindow(QMainWindow):
    def __init__(self, manager: WindowManager, document: JourneyDocument,
                 example_name: str | None = None, scene: JourneyScene | None = None) -> None:
        super().__init__()
        self.manager = manager
        self.document = document
        self.example_name = example_name
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
        self.find_bar = FindBar()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.find_bar)
        column.addWidget(self.view)
        self.setCentralWidget(central)

        self.inspector = Inspector(document, self.scene, self)
        self.palette_dock = Palette(self)
        self.history = QDockWidget("History", self)
        self.history.setObjectName("historyDock")
        self.undo_view = QUndoView(document.undo_stack)
        self.undo_view.setEmptyLabel("Opened")
        self.history.setWidget(self.undo_view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.palette_dock)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.history)

        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomLabel")
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.zoom_label)

        self._match_index = -1
        self.autosaver = Autosaver(document, manager.recovery, manager.autosave_interval_ms,
                                   self)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._connect()
        self._update_title()
        self._update_counts()
        self._on_zoom(self.view.zoom)
        self._update_actions()

    # ----- wiring ------------------------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], object],
                shortcut: QKeySequence.StandardKey | str | None = None,
                name: str | None = None, view_only: bool = False) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)  # every platform binding, e.g. Ctrl+Y and Ctrl+Shift+Z
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if view_only:
            # Plain-key shortcuts (1-5, N, Delete) act on the canvas, not in text fields.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        if name:
            action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        edits = self.edits
        std = QKeySequence.StandardKey
        self.act_new_window = self._action("New Window", lambda: self.manager.new_window(
            TEMPLATES[0].build()), "Ctrl+Shift+N", "newWindow")
        self.act_open = self._action("&Open…", self.open_dialog, std.Open, "open")
        self.act_save = self._action("&Save", self.save, std.Save, "save")
        self.act_save_as = self._action("Save &As…", self.save_as, std.SaveAs, "saveAs")
        self.act_export = self._action("&Export…", self.export_pdf, "Ctrl+Shift+E",
                                       "exportPdf")
        self.act_close = self._action("&Close Window", self.close, std.Close, "closeWindow")
        self.act_quit = self._action("&Quit", self.manager.quit, std.Quit, "quit")

        stack = self.document.undo_stack
        self.act_undo = self._action("&Undo", self.undo, std.Undo, "undo")
        self.act_redo = self._action("&Redo", self.redo, std.Redo, "redo")
        self.act_undo.setEnabled(stack.canUndo())
        self.act_redo.setEnabled(stack.canRedo())
        stack.canUndoChanged.connect(self.act_undo.setEnabled)
        stack.canRedoChanged.connect(self.act_redo.setEnabled)
        # The step's name goes in the tooltip: a changing label would move every toolbar
        # button after it under the user's mouse. It holds names from the map, so it goes
        # through `tooltip()` (a raw tooltip would render them as markup).
        stack.undoTextChanged.connect(
            lambda text: self.act_undo.setToolTip(tooltip(f"Undo {text}".strip())))
        stack.redoTextChanged.connect(
            lambda text: self.act_redo.setToolTip(tooltip(f"Redo {text}".strip())))
        self.act_cut = self._action("Cu&t", edits.cut, std.Cut, "cut", view_only=True)
        self.act_copy = self._action("&Copy", edits.copy, std.Copy, "copy", view_only=True)
        self.act_paste = self._action("&Paste", edits.paste, std.Paste, "paste",
                                      view_only=True)
        self.act_duplicate = self._action("&Duplicate", edits.duplicate, "Ctrl+D",
                                          "duplicate", view_only=True)
        self.act_delete = self._action("De&lete", edits.delete_selection, "Del",
                                       "delete", view_only=True)
        # Not the platform's Delete bindings: on X11 they include Ctrl+D, which is Duplicate.
        self.act_delete.setShortcuts([QKeySequence("Del"), QKeySequence("Backspace")])
        self.act_select_all = self._action("Select &All Cards", self.select_all, std.SelectAll,
                                           "selectAll", view_only=True)
        self.act_rename = self._action("&Edit Title", self.view.edit_selected, "F2", "rename",
                                       view_only=True)
        self.act_find = self._action("&Find…", self.find_bar.open_bar, std.Find, "find")

        self.act_add_card = self._action("Add &Card", self.add_card, "N", "addCard",
                                         view_only=True)
        self.act_add_stage = self._action("Add &Stage", self.add_stage, None, "addStage")
        self.act_add_lane = self._action("Add &Lane", self.add_lane, None, "addLane")
        self.emotion_actions = []
        # Keys 1-5 set the active curve's value, spread over the map's scale (scales.key_value).
        for key, (label, word) in enumerate(zip(ANCHOR_NAMES, ANCHOR_WORDS, strict=True),
                                            start=1):
            action = self._action(
                f"{label} ({word})", partial(edits.set_emotion, key), str(key),
                f"emotion{key}", view_only=True)
            action.setIcon(face_icon(theme.face_tone((key - 1) / (ANCHORS - 1))))
            self.emotion_actions.append(action)
        self.act_no_emotion = self._action("No Emotion", lambda: edits.set_emotion(None), "0",
                                           "emotion0", view_only=True)
        self.kind_actions = []
        for kind in CARD_KINDS:
            action = self._action(KIND_LABELS[kind], partial(edits.set_kind, kind), None,
                                  f"kind_{kind}")
            action.setIcon(kind_icon(kind))
            self.kind_actions.append(action)
        self.act_moment = self._action("&Moment of Truth", edits.toggle_moment_of_truth, "M",
                                       "momentOfTruth", view_only=True)
        self.act_moment.setIcon(star_icon())
        self.act_vote = self._action("Add &Vote", lambda: edits.add_vote(1), "+", "vote",
                                     view_only=True)
        self.act_unvote = self._action("Remove Vote", lambda: edits.add_vote(-1), "-",
                                       "unvote", view_only=True)

        self.act_zoom_in = self._action("Zoom &In", self.view.zoom_in, std.ZoomIn, "zoomIn")
        self.act_zoom_in.setShortcuts([*QKeySequence.keyBindings(std.ZoomIn),
                                       QKeySequence("Ctrl+=")])
        self.act_zoom_out = self._action("Zoom &Out", self.view.zoom_out, std.ZoomOut,
                                         "zoomOut")
        self.act_zoom_reset = self._action("&Actual Size", self.view.zoom_reset, "Ctrl+0",
                                           "zoomReset")
        self.act_fit = self._action("&Fit to Window", self.view.fit_to_window, "Ctrl+Shift+H",
                                    "fitToWindow")
        self.act_present = self._action("&Presentation Mode", self.toggle_presentation, "F11",
                                        "presentation")
        self.act_present.setCheckable(True)
        self._state_before_presenting: QByteArray | None = None

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        new_menu = file_menu.addMenu("&New from Template")
        new_menu.setObjectName("newFromTemplate")
        for index, template in enumerate(TEMPLATES):
            action = new_menu.addAction(template.label)
            action.setObjectName(f"template_{template.key}")
            if index == 0:
                action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
            action.triggered.connect(
                lambda _=False, t=template: self.manager.new_from_template(t, self))
        file_menu.addAction(self.act_new_window)
        file_menu.addAction(self.act_open)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.setObjectName("openRecent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.act_save)
        file_menu.addAction(self.act_save_as)
        file_menu.addAction(self.act_export)
        file_menu.addSeparator()
        file_menu.addAction(self.act_close)
        file_menu.addAction(self.act_quit)

        edit_menu = bar.addMenu("&Edit")
        for entry in (self.act_undo, self.act_redo, None, self.act_cut, self.act_copy,
                      self.act_paste, self.act_duplicate, self.act_delete, None,
                      self.act_select_all, self.act_rename, self.act_find):
            edit_menu.addSeparator() if entry is None else edit_menu.addAction(entry)

        card_menu = bar.addMenu("&Card")
        card_menu.addAction(self.act_add_card)
        self._add_card_actions(card_menu)
        card_menu.addAction(self.act_unvote)

        map_menu = bar.addMenu("&Map")
        map_menu.addAction(self.act_add_stage)
        map_menu.addAction(self.act_add_lane)
        map_menu.addSeparator()
        map_menu.addAction("Rename Selected Stage or Lane", self.view.edit_selected)
        map_menu.addAction("Duplicate Selected Stage or Lane", self.edits.duplicate)
        map_menu.addAction("Delete Selected Stage or Lane…", self.edits.delete_headers)

        view_menu = bar.addMenu("&View")
        for action in (self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset, self.act_fit):
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.act_present)
        view_menu.addSeparator()
        for dock in (self.inspector, self.palette_dock, self.history):
            view_menu.addAction(dock.toggleViewAction())

    def _add_card_actions(self, menu: QMenu) -> None:
        """Emotion and Kind sub-menus, moment of truth and vote: the Card menu's and the
        card's right-click menu's shared part."""
        emotion_menu = menu.addMenu("&Emotion")
        for action in (*self.emotion_actions, self.act_no_emotion):
            emotion_menu.addAction(action)
        kind_menu = menu.addMenu("&Kind")
        for action in self.kind_actions:
            kind_menu.addAction(action)
        menu.addAction(self.act_moment)
        menu.addAction(self.act_vote)

    def _build_toolbar(self) -> None:
        toolbar = self.toolbar = QToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        for action in (self.act_open, self.act_save, None, self.act_undo, self.act_redo, None,
                       self.act_add_card, self.act_add_stage, self.act_add_lane, None,
                       self.act_zoom_out, self.act_zoom_in, self.act_fit, None, self.act_find,
                       self.act_export):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)
        self.addToolBar(toolbar)

    def _connect(self) -> None:
        doc = self.document
        doc.modified_changed.connect(lambda _m: self._update_title())
        doc.path_changed.connect(self._update_title)
        doc.map_changed.connect(self._update_title)
        doc.edited.connect(self._update_counts)
        self.view.zoom_changed.connect(self._on_zoom)
        self.view.files_dropped.connect(self.open_files)
        self.view.context_requested.connect(self._context_menu)
        self.scene.selection_ids_changed.connect(self._update_actions)
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
        if self.example_name:
            return f"{self.example_name} (example)"
        return "Untitled"

    def _update_title(self) -> None:
        self.setWindowTitle(f"{window_title(self.title_name())}[*] — {APP_NAME}")
        self.setWindowModified(self.document.is_modified())

    def _update_counts(self) -> None:
        journey = self.document.map
        self.count_label.setText(f"{len(journey.stages)} stages · {len(journey.lanes)} lanes · "
                                 f"{len(journey.cards)} cards")
        if self.scene.matching is not None:
            self.find_bar.show_count(len(self.scene.matching), len(journey.cards))

    def _on_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f} %")

    def _update_actions(self) -> None:
        has_cards = bool(self.scene.selected_card_ids())
        for action in (self.act_cut, self.act_copy, self.act_rename, self.act_moment,
                       self.act_vote, self.act_unvote, self.act_no_emotion,
                       *self.emotion_actions, *self.kind_actions):
            action.setEnabled(has_cards)
        self.act_rename.setEnabled(len(self.scene.selectedItems()) == 1)
        self.act_delete.setEnabled(bool(self.scene.selectedItems()))
        self.act_duplicate.setEnabled(bool(self.scene.selectedItems()))

    def _show_autosave_problem(self) -> None:
        if self.autosaver.last_error:
            self.statusBar().showMessage(self.autosaver.last_error, 4_000)

    # ----- files -------------------------------------------------------------------------------
    def flush_edits(self) -> None:
        """Bring text still being typed (inspector, in-place editor) into the map."""
        self.view.commit_editor()
        self.inspector.commit_pending()

    def undo(self) -> None:
        self.flush_edits()
        self.document.undo_stack.undo()

    def redo(self) -> None:
        self.flush_edits()
        self.document.undo_stack.redo()

    def is_pristine(self) -> bool:
        """An untouched example or new map: opening a file may simply replace it."""
        return (not self.document.is_modified() and self.document.path is None
                and self.document.undo_stack.count() == 0)

    def open_dialog(self) -> None:
        start = str(self.document.path.parent) if self.document.path else self.manager.last_dir()
        name, _ = QFileDialog.getOpenFileName(self, "Open journey map", start, FILE_FILTER)
        if name:
            self.manager.open_path(Path(name), self)

    def open_files(self, paths: list[Path]) -> None:
        for path in paths:
            self.manager.open_path(path, self)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.manager.recent_files()
        if not recent:
            empty = self.recent_menu.addAction("No recent maps")
            empty.setEnabled(False)
            return
        for path in recent:
            action = self.recent_menu.addAction(menu_text(path.name))
            action.setToolTip(tooltip(str(path)))
            action.setStatusTip(file_path(path))
            action.triggered.connect(lambda _=False, p=path: self.manager.open_path(p, self))
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("Clear Menu", self.manager.clear_recent_files)

    def save(self) -> bool:
        self.flush_edits()
        path = self.document.path
        if path is None:
            return self.save_as()
        if changed_on_disk(path, self.document.stamp):
            choice = ask_overwrite_changed_file(self, path.name)
            if choice == OverwriteChoice.SAVE_AS:
                return self.save_as()
            if choice == OverwriteChoice.CANCEL:
                return False
        return self._save_to(path)

    def save_as(self) -> bool:
        self.flush_edits()
        suggested = self.document.path or Path(self.manager.last_dir()) / (
            suggested_file_stem(self.document.map.title) + FILE_SUFFIX)
        path = ask_save_path(self, "Save journey map", suggested, FILE_FILTER,
                             FILE_SUFFIX.lstrip("."))
        if path is None:
            return False
        other = self.manager.window_for(path)
        if other is not None and other is not self:
            show_error(self, "Could not save", f"{quoted_name(path)} is open in another "
                       "window. Close it there first, or choose another name.")
            return False
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        try:
            try:
                self.document.save(path)
            except ReadOnlyError:
                if not confirm_read_only(self, path):
                    return False
                self.document.save(path, overwrite_read_only=True)
        except SaveError as error:
            show_error(self, "Could not save", str(error))
            return False
        self.example_name = None
        self.manager.add_recent_file(path)
        self._update_title()
        self.statusBar().showMessage(f"Saved {file_name(path)}", 3_000)
        return True

    def export_pdf(self) -> None:
        from journeymap_desktop.ui.export_dialog import run_export_dialog

        self.flush_edits()
        run_export_dialog(self)

    def maybe_save(self) -> bool:
        """Ask about unsaved work; True when it is safe to close or replace this map."""
        self.flush_edits()
        if not self.document.is_modified():
            return True
        choice = ask_save_changes(self, self.title_name())
        if choice == SaveChoice.SAVE:
            return self.save()
        return choice == SaveChoice.DISCARD

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        if self.act_present.isChecked():
            # Leave full screen first, or the next window would open without its panels.
            self.act_present.setChecked(False)
            self.toggle_presentation()
        self.autosaver.discard()
        self.manager.window_closed(self)
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Map files dropped anywhere on the window open (cards only drop on the canvas)."""
        if map_files_from_mime(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = map_files_from_mime(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.open_files(files)

    # ----- editing -----------------------------------------------------------------------------
    def select_all(self) -> None:
        self.scene.select_only(list(self.scene.card_items.values()))

    def add_card(self, kind: CardKind | None = None) -> str | None:
        target = self.edits.insertion_target()
        if target is None:
            self.statusBar().showMessage("Add a stage and a lane first.", 4_000)
            return None
        return self.view.add_card(kind if kind in CARD_KINDS else None, target, edit=True)

    def add_stage(self) -> None:
        selected = self.scene.selected_stage_ids()
        stage_id = self.edits.add_stage(after=selected[-1] if selected else None)
        self.scene.select_only([self.scene.stage_items[stage_id]])
        self.view.edit_item(self.scene.stage_items[stage_id])

    def add_lane(self) -> None:
        selected = self.scene.selected_lane_ids()
        lane_id = self.edits.add_lane(after=selected[-1] if selected else None)
        self.scene.select_only([self.scene.lane_items[lane_id]])
        self.view.edit_item(self.scene.lane_items[lane_id])

    def _apply_filter(self, card_filter: CardFilter) -> None:
        matching = self.scene.apply_filter(card_filter)
        self.find_bar.show_count(None if matching is None else len(matching),
                                 len(self.document.map.cards))
        self._match_index = -1

    def toggle_presentation(self) -> None:
        """Full screen with only the map (and the menus): for a projector in a workshop.
        F11 again brings the panels back as they were."""
        if self.act_present.isChecked():
            self._state_before_presenting = self.saveState()
            for dock in (self.inspector, self.palette_dock, self.history):
                dock.hide()
            self.toolbar.hide()
            self.statusBar().hide()
            self.showFullScreen()
            # Fit once the window has its full-screen size (the resize arrives later).
            QTimer.singleShot(150, self.view.fit_to_window)
        else:
            self.showNormal()
            self.statusBar().show()
            if self._state_before_presenting is not None:
                self.restoreState(self._state_before_presenting)
            self.toolbar.show()

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

    # ----- context menus -----------------------------------------------------------------------
    def _context_menu(self, item: object, scene_pos: QPointF, global_pos: QPoint) -> None:
        menu = QMenu(self)
        menu.setObjectName("canvasContextMenu")
        self.edits.context_target = self.scene.layout.drop_target(scene_pos.x(), scene_pos.y())
        if isinstance(item, CardItem):
            self._add_card_actions(menu)
            menu.addSeparator()
            for action in (self.act_rename, self.act_cut, self.act_copy, self.act_paste,
                           self.act_duplicate, self.act_delete):
                menu.addAction(action)
        elif isinstance(item, StageHeaderItem):
            self._stage_menu(menu, item.stage_id)
        elif isinstance(item, LaneHeaderItem):
            self._lane_menu(menu, item.lane_id)
        else:
            target = self.edits.context_target
            if target is not None:
                for kind in CARD_KINDS:
                    menu.addAction(kind_icon(kind), f"Add {KIND_LABELS[kind]} Here",
                                   lambda k=kind, t=target: self.view.add_card(k, t, edit=True))
                paste = menu.addAction("Paste Here", self.edits.paste)
                paste.setEnabled(self.edits.can_paste())
                menu.addSeparator()
            menu.addAction(self.act_add_stage)
            menu.addAction(self.act_add_lane)
        menu.exec(global_pos)
        menu.deleteLater()  # with its sub-menus and the lambdas they hold

    def _stage_menu(self, menu: QMenu, stage_id: str) -> None:
        edits = self.edits
        menu.addAction("Rename", lambda: self.view.edit_item(self.scene.stage_items[stage_id]))
        menu.addAction("Insert Stage After", lambda: self._insert_stage_after(stage_id))
        menu.addAction("Duplicate Stage", lambda: edits.duplicate_header("stage", stage_id))
        menu.addSeparator()
        menu.addAction("Move Left", lambda: edits.move_header_by("stage", stage_id, -1))
        menu.addAction("Move Right", lambda: edits.move_header_by("stage", stage_id, 1))
        menu.addSeparator()
        menu.addAction("Delete Stage…", lambda: edits.delete_header("stage", stage_id))

    def _insert_stage_after(self, stage_id: str) -> None:
        new = self.edits.add_stage(after=stage_id)
        self.scene.select_only([self.scene.stage_items[new]])
        self.view.edit_item(self.scene.stage_items[new])

    def _lane_menu(self, menu: QMenu, lane_id: str) -> None:
        edits = self.edits
        menu.addAction("Rename", lambda: self.view.edit_item(self.scene.lane_items[lane_id]))
        kind_menu = menu.addMenu("Lane Kind")
        current = self.document.lane(lane_id).kind
        for kind in LANE_KINDS:
            action = kind_menu.addAction(
                LANE_KIND_LABELS[kind],
                partial(self._set_lane_kind, lane_id, kind))
            action.setCheckable(True)
            action.setChecked(kind == current)
        menu.addAction("Insert Lane Below", lambda: edits.add_lane(after=lane_id))
        menu.addAction("Duplicate Lane", lambda: edits.duplicate_header("lane", lane_id))
        menu.addSeparator()
        menu.addAction("Move Up", lambda: edits.move_header_by("lane", lane_id, -1))
        menu.addAction("Move Down", lambda: edits.move_header_by("lane", lane_id, 1))
        menu.addSeparator()
        menu.addAction("Delete Lane…", lambda: edits.delete_header("lane", lane_id))

    def _set_lane_kind(self, lane_id: str, kind: str) -> None:
        self.document.push(commands.SetFields(self.document, "lane", lane_id, {"kind": kind}))

    def restore_layout(self, state: QByteArray | None, geometry: QByteArray | None) -> None:
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
