"""What every inspector page shares: loading without echo, and committing through commands."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from journeymap_desktop import commands
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.safe_text import one_line
from journeymap_desktop.ui.inspector.fields import CommitTextEdit
from journeymap_desktop.ui.plain_text import plain_label

# Typing reaches the map after this pause, so autosave and the unsaved marker see it; the
# pieces merge into one undo step per field. A window may choose another (`pause_ms`), and
# `end_typing_pause` ends a running pause at once (tests need not wait for it).
TYPING_PAUSE_MS = 600


class InspectorPage(QWidget):
    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._loading = False
        self._pushing = False
        self.pausing = False  # True while a pause in typing commits (the user is mid-word)
        self.pause_ms = TYPING_PAUSE_MS
        self._committers: list[Callable[[], None]] = []
        self._pauses: list[tuple[QTimer, Callable[[], None]]] = []
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(12, 12, 12, 12)
        self.outer.setSpacing(8)
        # Every label of the inspector may show text from the map: plain text only.
        self.heading = plain_label()
        self.heading.setObjectName("inspectorHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.outer.addWidget(self.heading)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # In a narrow inspector a label goes above its field rather than squeezing it.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setVerticalSpacing(6)
        self.outer.addLayout(self.form)
        self.problem = plain_label()
        self.problem.setObjectName("inspectorProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #A13F00;")
        self.problem.hide()
        self.outer.addWidget(self.problem)

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Fill widgets from the model without their change signals pushing commands."""
        was_loading, self._loading = self._loading, True
        try:
            yield
        finally:
            self._loading = was_loading

    def bind_text(self, widget: QLineEdit | CommitTextEdit, commit: Callable[[], None]) -> None:
        """Commit a text field when the user leaves it, after a pause in typing, and whenever
        `commit_pending` is called (before a save, a close, an undo or a new selection)."""
        timer = QTimer(self)
        timer.setSingleShot(True)
        # Only what the user changed is pushed: leaving a field untouched must never rewrite
        # the map's text in the field's normalised form (trimmed spaces, parsed tags).
        dirty = [False]

        def typed(*_: object) -> None:
            if not self._loading:
                dirty[0] = True
                timer.start(self.pause_ms)

        def finished(*_: object) -> None:
            timer.stop()
            if dirty[0]:
                dirty[0] = False
                commit()

        def paused() -> None:
            self.pausing = True
            try:
                finished()
            finally:
                self.pausing = False

        timer.timeout.connect(paused)
        self._pauses.append((timer, paused))

        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(typed)
            widget.editingFinished.connect(finished)
        else:
            widget.textChanged.connect(typed)
            widget.committed.connect(finished)
        self._committers.append(finished)

    def end_typing_pause(self) -> None:
        """Whatever pause in typing is running ends now: its text reaches the map as it would
        after the pause (the field keeps the keyboard)."""
        for timer, paused in self._pauses:
            if timer.isActive():
                timer.stop()
                paused()

    def commit_pending(self) -> None:
        """Push whatever is typed in this page's text fields and not yet in the map."""
        for commit in self._committers:
            commit()

    def refill(self, widget: QWidget) -> bool:
        """Whether a reload may overwrite this widget: not while the user types in it and the
        change being shown is their own (it would move the cursor or eat a trailing space)."""
        return not (self._pushing and widget.hasFocus())

    def push_fields(self, kind: commands.TargetKind, target_id: str, changes: dict[str, Any],
                    mergeable: bool = False) -> bool:
        """Validate and push one SetFields command; shows the reason when refused."""
        if self._loading:
            return False
        doc = self.document
        try:
            command = commands.SetFields(doc, kind, target_id, changes, mergeable=mergeable)
        except ValueError as error:
            self.show_problem(str(error))
            self.reload()
            return False
        if command.current_values() == command.new:
            return False
        self.problem.hide()
        self._pushing = True
        try:
            doc.push(command)
        finally:
            self._pushing = False
        return True

    def push_command(self, build: Callable[[], QUndoCommand]) -> bool:
        """Build (validating) and push one command; shows the reason when refused."""
        if self._loading:
            return False
        try:
            command = build()
        except ValueError as error:
            self.show_problem(str(error))
            self.reload()
            return False
        self.problem.hide()
        self._pushing = True
        try:
            self.document.push(command)
        finally:
            self._pushing = False
        return True

    def show_problem(self, message: str) -> None:
        self.problem.setText(one_line(message))
        self.problem.show()

    def reload(self) -> None:
        """Refill the widgets from the model (after an undo, or a refused edit)."""
