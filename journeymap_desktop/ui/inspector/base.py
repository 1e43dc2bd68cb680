"""What every inspector page shares: loading without echo, and committing through commands."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from journeymap_desktop import commands
from journeymap_desktop.document import JourneyDocument


class InspectorPage(QWidget):
    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._loading = False
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(12, 12, 12, 12)
        self.outer.setSpacing(8)
        self.heading = QLabel()
        self.heading.setObjectName("inspectorHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.outer.addWidget(self.heading)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(6)
        self.outer.addLayout(self.form)
        self.problem = QLabel()
        self.problem.setObjectName("inspectorProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #A13F00;")
        self.problem.hide()
        self.outer.addWidget(self.problem)

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Fill widgets from the model without their change signals pushing commands."""
        self._loading = True
        try:
            yield
        finally:
            self._loading = False

    def push_fields(self, kind: commands.TargetKind, target_id: str, changes: dict[str, Any],
                    mergeable: bool = False) -> bool:
        """Validate and push one SetFields command; shows the reason when refused."""
        if self._loading:
            return False
        doc = self.document
        current = self._current_values(kind, target_id, changes)
        changes = {k: v for k, v in changes.items() if current.get(k) != v}
        if not changes:
            return False
        try:
            command = commands.SetFields(doc, kind, target_id, changes, mergeable=mergeable)
        except ValueError as error:
            self.show_problem(str(error))
            self.reload()
            return False
        self.problem.hide()
        doc.push(command)
        return True

    def _current_values(self, kind: str, target_id: str,
                        changes: dict[str, Any]) -> dict[str, Any]:
        doc = self.document
        if kind == "map":
            return {k: getattr(doc.map.meta if k == "author" else doc.map, k) for k in changes}
        target: Any = {"card": doc.card, "stage": doc.stage, "lane": doc.lane,
                       "persona": doc.persona}[kind](target_id)
        return {k: getattr(target, k) for k in changes}

    def show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()

    def reload(self) -> None:
        """Refill the widgets from the model (after an undo, or a refused edit)."""
