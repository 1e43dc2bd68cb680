"""View > Prioritisation Matrix (Ctrl+Shift+M): a window of its own beside the map, where pain
points and opportunities sit by value and effort (or the two scores chosen) and are dragged
to score them.

It belongs to its map's window (closes with it, follows its saved view and selection): a
click on a card selects it on the map, so the inspector shows its scores; a drag is one undo
step of the map (Ctrl+Z works here too). In presentation mode the matrix only shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from journeymap_desktop.canvas.matrix.scene import MatrixScene
from journeymap_desktop.canvas.matrix.view import MatrixView
from journeymap_desktop.layout.matrix import AXIS_TITLES, MatrixAxes
from journeymap_desktop.model.priority import MATRIX_AXES, PriorityAxis
from journeymap_desktop.safe_text import shown
from journeymap_desktop.ui.plain_text import plain_label, window_title
from journeymap_desktop.ui.window_layout import fit_on_screen

if TYPE_CHECKING:
    from journeymap_desktop.ui.main_window import MainWindow

_GEOMETRY_KEY = "matrix/geometry"
_HINT = ("Drag a card to score it (Esc cancels; Ctrl+Z undoes). Arrow keys nudge the "
         "selected card. Drag a card from “Not yet scored” into the matrix to score it.")


def _axis_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for axis in MATRIX_AXES:
        combo.addItem(AXIS_TITLES[axis], axis)
    return combo


class MatrixWindow(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window, Qt.WindowType.Window)
        self.main = window
        self.document = window.document
        self.setObjectName("matrixWindow")
        self.scene = MatrixScene(self.document)
        self.view = MatrixView(self.scene)
        self.scene.setParent(self.view)
        self.view.can_edit = lambda: self.main.view.mode.edits_map

        self.across = _axis_combo("matrixAcross")
        self.up = _axis_combo("matrixUp")
        self.swap = QToolButton()
        self.swap.setObjectName("matrixSwap")
        self.swap.setText("⇄ Swap")
        self.swap.setToolTip("Swap the axes")
        self.info = plain_label()
        self.info.setObjectName("matrixInfo")
        bar = QHBoxLayout()
        bar.setContentsMargins(10, 8, 10, 4)
        for widget in (QLabel("Across:"), self.across, QLabel("Up:"), self.up, self.swap):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.info)
        self.hint = plain_label(_HINT)
        self.hint.setObjectName("matrixHint")
        self.hint.setStyleSheet("color: #5B6068;")
        self.hint.setContentsMargins(10, 2, 10, 6)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(bar)
        column.addWidget(self.view, 1)
        column.addWidget(self.hint)
        self._show_axes(self.scene.axes)

        stack = self.document.undo_stack
        undo = stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = stack.createRedoAction(self, "&Redo")
        redo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
        close = QAction("Close", self)
        close.setShortcuts([QKeySequence(QKeySequence.StandardKey.Close),
                            QKeySequence("Ctrl+Shift+M")])
        close.triggered.connect(self.close)
        for action in (undo, redo, close):
            self.addAction(action)

        self.across.activated.connect(lambda _i: self._axis_chosen(self.across, self.up))
        self.up.activated.connect(lambda _i: self._axis_chosen(self.up, self.across))
        self.swap.clicked.connect(self._swap)
        self.view.card_clicked.connect(self._card_clicked)
        window.scene.selection_ids_changed.connect(self._follow_selection)
        self.document.edited.connect(self._update_info)
        self.document.active_view_changed.connect(self._update_info)
        self.document.path_changed.connect(self._update_title)
        self._update_title()
        self._update_info()
        self._follow_selection()
        self.resize(1120, 760)
        geometry = QSettings().value(_GEOMETRY_KEY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        fit_on_screen(self)

    # ----- axes ----------------------------------------------------------------------------
    def set_axes(self, axes: MatrixAxes) -> None:
        self.scene.set_axes(axes)
        self._show_axes(axes)

    def _show_axes(self, axes: MatrixAxes) -> None:
        self.across.setCurrentIndex(self.across.findData(axes.x))
        self.up.setCurrentIndex(self.up.findData(axes.y))

    def _axis_chosen(self, chosen: QComboBox, other: QComboBox) -> None:
        picked: PriorityAxis = chosen.currentData()
        axes = self.scene.axes
        old_x, old_y = axes.x, axes.y
        x: PriorityAxis = picked if chosen is self.across else old_x
        y: PriorityAxis = picked if chosen is self.up else old_y
        if x == y:  # the same score both ways: the other axis takes the one given up
            if chosen is self.across:
                y = old_x
            else:
                x = old_y
        self.set_axes(MatrixAxes(x, y))

    def _swap(self) -> None:
        axes = self.scene.axes
        self.set_axes(MatrixAxes(axes.y, axes.x))

    # ----- selection and text --------------------------------------------------------------
    def _card_clicked(self, card_id: str) -> None:
        scene = self.main.scene
        if not card_id:
            scene.clearSelection()
            return
        if card_id in scene.card_items:
            scene.select_cards([card_id])
            if scene.card_items[card_id].isVisible():
                self.main.view.reveal_card(card_id)
        self.scene.set_selected({card_id})

    def _follow_selection(self) -> None:
        self.scene.set_selected(set(self.main.scene.selected_card_ids()))

    def _update_title(self) -> None:
        self.setWindowTitle(f"Prioritisation Matrix — {window_title(self.main.title_name())}")

    def _update_info(self, *_: object) -> None:
        layout = self.scene.layout
        scored = len(layout.marks)
        waiting = len(layout.unscored)
        text = f"{scored} on the matrix · {waiting} not yet scored"
        view = self.document.active_view
        if view is not None:
            text += f" · view “{shown(view.name, 40)}”"
        if not self.main.view.mode.edits_map:
            text += " · presenting: read only"
        self.info.setText(text)

    def showEvent(self, event: QShowEvent) -> None:
        self.scene.set_active(True)
        self._update_info()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.view.cancel_drag()
        self.scene.set_active(False)
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue(_GEOMETRY_KEY, self.saveGeometry())
        self.view.cancel_drag()
        action = self.main.action_map.get("matrix")
        if action is not None:
            action.setChecked(False)
        event.accept()


def matrix_window(window: MainWindow, create: bool = False) -> MatrixWindow | None:
    """The map window's matrix window (made when `create`)."""
    found = window.findChild(MatrixWindow)
    if found is None and create:
        found = MatrixWindow(window)
    return found


def toggle_matrix(window: MainWindow) -> None:
    """Show the matrix window, or close it if it is showing."""
    found = matrix_window(window)
    if found is not None and found.isVisible():
        found.close()
        return
    found = matrix_window(window, create=True)
    assert found is not None
    found.show()
    found.raise_()
    found.activateWindow()
    window.action_map["matrix"].setChecked(True)
