"""Saved views in the window: the toolbar's chooser ("All" first), the View > Saved View menu,
and a line in the status bar saying which view is applied and what it leaves out.

Choosing a view is not an edit (no undo, the file is unchanged): the document remembers it
(`document.active_view`, `active_view_changed`), the canvas collapses the lanes it hides and
dims the cards it leaves out (canvas/scene.py), the matrix shows only its cards, presentation
mode keeps it, and the export dialog offers it. The emotions lane draws the view's curves
(less those switched off in the Curves menu, ui/curves.py); a view naming personas or
scenarios also makes its main curve the active one (model.views.view_main_curve), so the
faces, words and keys 1-5 follow it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QActionGroup, QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.model.views import SavedView, view_main_curve, view_summary
from journeymap_desktop.safe_text import shown
from journeymap_desktop.ui.plain_text import menu_text, plain_label, tooltip

if TYPE_CHECKING:
    from journeymap_desktop.ui.main_window import MainWindow

ALL = "All"


def apply_view(document: JourneyDocument, view_id: str | None) -> None:
    """Look at the map through a saved view (None: all of it); a view of personas or
    scenarios also shows its main curve."""
    document.set_active_view(view_id)
    view = document.active_view
    if view is not None and (view.persona_ids or view.scenarios):
        main = view_main_curve(document.map, view)
        if main is not None:
            document.set_active_curve(main.id)


def status_text(document: JourneyDocument, view: SavedView | None) -> str:
    if view is None:
        return ""
    return f"View “{shown(view.name, 60)}”: {view_summary(document.map, view)}"


class ViewChooser(QWidget):
    """"View: [All ▾] [⋯]" in the toolbar; the status bar line is `status`."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.document = window.document
        self.setObjectName("viewChooserBox")
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 0, 6, 0)
        row.setSpacing(4)
        label = QLabel("View:")
        self.combo = QComboBox()
        self.combo.setObjectName("viewChooser")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setMinimumContentsLength(10)
        self.combo.setToolTip("Saved views: named filters of lanes, kinds, tags, personas and "
                              "scenarios, stored in the map")
        self.manage = QToolButton()
        self.manage.setObjectName("manageViews")
        self.manage.setText("⋯")
        self.manage.setToolTip("Manage saved views…")
        self.manage.clicked.connect(self._manage)
        label.setBuddy(self.combo)
        row.addWidget(label)
        row.addWidget(self.combo)
        row.addWidget(self.manage)
        self.status = plain_label()
        self.status.setObjectName("viewStatus")
        self.status.setStyleSheet("color: #005A8C; font-weight: bold;")
        self.combo.activated.connect(self._chosen)
        self.document.views_changed.connect(self.refill)
        self.document.reset.connect(self.refill)
        self.document.active_view_changed.connect(self.refill)
        self.document.edited.connect(self._update_status)
        self.refill()

    def refill(self, *_: object) -> None:
        document = self.document
        active = document.active_view
        blocked = self.combo.blockSignals(True)
        try:
            self.combo.clear()
            self.combo.addItem(ALL, None)
            self.combo.setItemData(0, "The whole map", Qt.ItemDataRole.ToolTipRole)
            for view in document.map.views:
                self.combo.addItem(shown(view.name, 60), view.id)
                self.combo.setItemData(self.combo.count() - 1,
                                       tooltip(view_summary(document.map, view)),
                                       Qt.ItemDataRole.ToolTipRole)
            index = self.combo.findData(active.id) if active is not None else 0
            self.combo.setCurrentIndex(max(0, index))
        finally:
            self.combo.blockSignals(blocked)
        font = QFont(self.combo.font())
        font.setBold(active is not None)
        self.combo.setFont(font)
        self._update_status()

    def _update_status(self) -> None:
        text = status_text(self.document, self.document.active_view)
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _chosen(self, index: int) -> None:
        apply_view(self.document, self.combo.itemData(index))

    def _manage(self) -> None:
        from journeymap_desktop.ui.views_dialog import manage_views

        manage_views(self.window_)


def fill_views_menu(window: MainWindow, menu: QMenu) -> None:
    """View > Saved View: "All" and every view, checkable, then "Manage Saved Views…" (also
    in presentation mode, whose full screen hides the toolbar)."""
    menu.clear()
    document = window.document
    group = QActionGroup(menu)
    active = document.active_view
    entries: list[tuple[str, str | None]] = [(ALL, None)]
    entries += [(menu_text(view.name, 60), view.id) for view in document.map.views]
    for text, view_id in entries:
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setChecked((active.id if active is not None else None) == view_id)
        action.setActionGroup(group)
        action.triggered.connect(lambda _=False, vid=view_id: apply_view(document, vid))
    menu.addSeparator()
    menu.addAction(window.action_map["manageViews"])


def install_view_chooser(window: MainWindow) -> ViewChooser:
    """The chooser at the end of the toolbar, its line in the status bar."""
    chooser = ViewChooser(window)
    window.toolbar.addSeparator()
    window.toolbar.addWidget(chooser)
    window.statusBar().insertPermanentWidget(0, chooser.status)
    return chooser
