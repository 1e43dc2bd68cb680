"""View > Saved View > Manage Saved Views…: create a view from what the canvas shows now,
rename, delete, and tick what a view shows. Every change is one undo step of the map
(AddView, EditView, RemoveView), made as it is clicked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journeymap_desktop import commands
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.model.curves import scenario_label
from journeymap_desktop.model.emotion import AS_IS, TO_BE
from journeymap_desktop.model.fields import CARD_KINDS
from journeymap_desktop.model.ids import new_id
from journeymap_desktop.model.queries import KIND_LABELS, folded
from journeymap_desktop.model.views import SavedView, view_summary
from journeymap_desktop.safe_text import one_line, shown
from journeymap_desktop.ui.dialogs import show_error
from journeymap_desktop.ui.inspector.card_page import parse_tags
from journeymap_desktop.ui.plain_text import plain_label
from journeymap_desktop.ui.views import apply_view
from journeymap_desktop.ui.window_layout import fit_on_screen

if TYPE_CHECKING:
    from journeymap_desktop.ui.main_window import MainWindow

_CHECKED = Qt.CheckState.Checked
_UNCHECKED = Qt.CheckState.Unchecked


def current_filter(window: MainWindow) -> dict[str, Any]:
    """What the canvas shows now, as a view's filters: the view applied (if any) narrowed by
    the find bar's kind and tag."""
    view = window.document.active_view
    fields: dict[str, Any] = {"persona_ids": [], "scenarios": [], "lane_ids": [], "kinds": [],
                              "tags": []}
    if view is not None:
        fields = {name: list(getattr(view, name)) for name in fields}
    found = window.find_bar.current_filter() if window.find_bar.isVisible() else None
    if found is not None and found.kind is not None:
        fields["kinds"] = [found.kind]
    if found is not None and found.tag.strip():
        fields["tags"] = [found.tag.strip().lstrip("#")]
    return fields


def unused_name(document: JourneyDocument, stem: str = "View") -> str:
    taken = {folded(view.name.strip()) for view in document.map.views}
    number = len(document.map.views) + 1
    while folded(f"{stem} {number}") in taken:
        number += 1
    return f"{stem} {number}"


class ViewsDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.document = window.document
        self._loading = False
        self.setObjectName("viewsDialog")
        self.setWindowTitle("Saved Views")
        self.resize(760, 600)
        fit_on_screen(self)

        self.views = QListWidget()
        self.views.setObjectName("viewsList")
        new = QPushButton("New from Current Filter")
        new.setObjectName("newView")
        new.setToolTip("A view of what the canvas shows now: the view applied and the find "
                       "bar's kind and tag")
        self.rename = QPushButton("Rename…")
        self.rename.setObjectName("renameView")
        self.delete = QPushButton("Delete")
        self.delete.setObjectName("deleteView")
        self.apply = QPushButton("Show This View")
        self.apply.setObjectName("applyView")
        left = QVBoxLayout()
        left.addWidget(self.views, 1)
        for button in (new, self.rename, self.delete, self.apply):
            left.addWidget(button)

        self.summary = plain_label()
        self.summary.setObjectName("viewSummary")
        self.summary.setWordWrap(True)
        self.lanes = self._checklist("viewLanes", 176)
        self.kinds = self._checklist("viewKinds", 92)
        self.personas = self._checklist("viewPersonas", 92)
        self.scenarios = self._checklist("viewScenarios", 92)
        self.tags = QLineEdit()
        self.tags.setObjectName("viewTags")
        self.tags.setPlaceholderText("comma, separated, tags (none: any)")
        form = QFormLayout()
        form.addRow("Lanes shown", self.lanes)
        form.addRow("Card kinds", self.kinds)
        form.addRow("Tags", self.tags)
        form.addRow("Personas", self.personas)
        form.addRow("Scenarios", self.scenarios)
        hint = plain_label("Nothing ticked in a list means all of it. Hidden lanes collapse on "
                           "the canvas; cards of other kinds, tags or personas are dimmed, and "
                           "left out of exports of the view.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5B6068;")
        self.problem = plain_label()
        self.problem.setObjectName("viewProblem")
        self.problem.setStyleSheet("color: #A13F00;")
        self.problem.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addLayout(form, 1)
        right.addWidget(hint)
        right.addWidget(self.problem)
        self.editor = QWidget()
        self.editor.setLayout(right)

        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addWidget(self.editor, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(columns, 1)
        outer.addWidget(buttons)

        new.clicked.connect(self.new_view)
        self.rename.clicked.connect(self.rename_view)
        self.delete.clicked.connect(self.delete_view)
        self.apply.clicked.connect(self.apply_view)
        self.views.currentRowChanged.connect(lambda _row: self.load_view())
        self.views.itemDoubleClicked.connect(lambda _item: self.rename_view())
        for checklist in (self.lanes, self.kinds, self.personas, self.scenarios):
            checklist.itemChanged.connect(self._ticked)
        self.tags.editingFinished.connect(self._tags_edited)
        self.document.views_changed.connect(self.refill)
        self.document.reset.connect(self.refill)
        self.refill()
        active = self.document.active_view
        if active is not None:
            self.select(active.id)

    @staticmethod
    def _checklist(name: str, height: int) -> QListWidget:
        checklist = QListWidget()
        checklist.setObjectName(name)
        checklist.setMaximumHeight(height)
        return checklist

    # ----- the list ------------------------------------------------------------------------
    def current_id(self) -> str | None:
        item = self.views.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def select(self, view_id: str) -> None:
        for row in range(self.views.count()):
            if self.views.item(row).data(Qt.ItemDataRole.UserRole) == view_id:
                self.views.setCurrentRow(row)
                return

    def refill(self) -> None:
        chosen = self.current_id()
        self._loading = True
        try:
            self.views.clear()
            for view in self.document.map.views:
                item = QListWidgetItem(shown(view.name, 80))
                item.setData(Qt.ItemDataRole.UserRole, view.id)
                self.views.addItem(item)
        finally:
            self._loading = False
        if chosen is not None:
            self.select(chosen)
        if self.views.currentItem() is None and self.views.count():
            self.views.setCurrentRow(0)
        self.load_view()

    def load_view(self) -> None:
        view_id = self.current_id()
        has = view_id is not None and any(v.id == view_id for v in self.document.map.views)
        for widget in (self.editor, self.rename, self.delete, self.apply):
            widget.setEnabled(has)
        journey = self.document.map
        self._loading = True
        try:
            view = self.document.view(view_id) if has and view_id is not None else None
            self.summary.setText(view_summary(journey, view) if view is not None else
                                 "No saved views yet: make one from what the canvas shows.")
            self._fill(self.lanes, [(lane.id, lane.name) for lane in journey.lanes],
                       view.lane_ids if view else [])
            self._fill(self.kinds, [(kind, KIND_LABELS[kind]) for kind in CARD_KINDS],
                       list(view.kinds) if view else [])
            self._fill(self.personas, [(p.id, p.name) for p in journey.personas],
                       view.persona_ids if view else [])
            scenarios = [AS_IS, TO_BE]
            scenarios += [c.scenario for c in journey.curves if c.scenario not in scenarios]
            self._fill(self.scenarios, [(s, scenario_label(s)) for s in scenarios],
                       view.scenarios if view else [])
            self.tags.setText(", ".join(view.tags) if view else "")
        finally:
            self._loading = False

    @staticmethod
    def _fill(checklist: QListWidget, entries: list[tuple[str, str]],
              ticked: Sequence[str]) -> None:
        checklist.clear()
        for key, label in entries:
            item = QListWidgetItem(shown(label, 80))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(_CHECKED if key in ticked else _UNCHECKED)
            checklist.addItem(item)

    # ----- edits ---------------------------------------------------------------------------
    def _push(self, build: Any) -> bool:
        try:
            command = build()
        except ValueError as error:
            self.problem.setText(one_line(str(error)))
            self.load_view()
            return False
        self.problem.clear()
        self.document.push(command)
        return True

    def new_view(self) -> None:
        name, ok = QInputDialog.getText(self, "New View", "Name of the new view:",
                                        QLineEdit.EchoMode.Normal,
                                        unused_name(self.document))
        if not ok or not name.strip():
            return
        view = SavedView(id=new_id("view"), name=name.strip()[:200],
                         **current_filter(self.window_))
        if self._push(lambda: commands.AddView(self.document, view)):
            self.select(view.id)

    def rename_view(self) -> None:
        view_id = self.current_id()
        if view_id is None:
            return
        old = self.document.view(view_id).name
        name, ok = QInputDialog.getText(self, "Rename View", "New name:",
                                        QLineEdit.EchoMode.Normal, old)
        if not ok or not name.strip() or name.strip() == old:
            return
        if not self._push(lambda: commands.EditView(self.document, view_id,
                                                    {"name": name.strip()[:200]})):
            show_error(self, "Could not rename the view", self.problem.text())

    def delete_view(self) -> None:
        view_id = self.current_id()
        if view_id is not None:
            self._push(lambda: commands.RemoveView(self.document, view_id))

    def apply_view(self) -> None:
        view_id = self.current_id()
        if view_id is not None:
            apply_view(self.document, view_id)

    def _ticked(self, _item: QListWidgetItem) -> None:
        view_id = self.current_id()
        if self._loading or view_id is None:
            return
        fields = {"lane_ids": self.lanes, "kinds": self.kinds, "persona_ids": self.personas,
                  "scenarios": self.scenarios}
        changes = {name: [checklist.item(row).data(Qt.ItemDataRole.UserRole)
                          for row in range(checklist.count())
                          if checklist.item(row).checkState() == _CHECKED]
                   for name, checklist in fields.items()}
        view = self.document.view(view_id)
        changes = {name: value for name, value in changes.items()
                   if value != list(getattr(view, name))}
        if changes:
            self._push(lambda: commands.EditView(self.document, view_id, changes))

    def _tags_edited(self) -> None:
        view_id = self.current_id()
        if self._loading or view_id is None:
            return
        tags = parse_tags(self.tags.text())
        if tags != list(self.document.view(view_id).tags):
            self._push(lambda: commands.EditView(self.document, view_id, {"tags": tags}))


def manage_views(window: MainWindow) -> None:
    window.flush_edits()
    dialog = ViewsDialog(window)
    dialog.exec()
