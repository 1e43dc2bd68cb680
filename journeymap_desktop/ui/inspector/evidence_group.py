"""The card inspector's evidence: the confidence badge, a metric lane card's figure, and the
list of what the card rests on (quotes, survey figures, metrics, files beside the map), each
edited in place. Every change is one undo command (AddEvidence, EditEvidence, RemoveEvidence);
typing in the fields of one item merges into one undo step.

A linked file opens with the system only when it lies inside the map's folder
(storage.links.linked_file) and is a document, not a program.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journeymap_desktop import commands
from journeymap_desktop.model.confidence import (
    CONFIDENCE_LABELS,
    card_metric,
    confidence,
    evidence_summary,
)
from journeymap_desktop.model.evidence import (
    Evidence,
    FileLink,
    MetricEvidence,
    QuoteEvidence,
    SurveyFigure,
)
from journeymap_desktop.model.evidence_text import evidence_line, number_text
from journeymap_desktop.model.fields import MAX_SAMPLE
from journeymap_desktop.model.ids import new_id
from journeymap_desktop.model.map import Card
from journeymap_desktop.safe_text import shown
from journeymap_desktop.storage.links import LinkError, linked_document
from journeymap_desktop.ui.inspector.fields import CommitTextEdit, set_line
from journeymap_desktop.ui.plain_text import plain_label

if TYPE_CHECKING:
    from journeymap_desktop.ui.inspector.card_page import CardPage

# The badge as the card draws it (layout.picture.confidence_badge): ring, ring with a dot, disc.
BADGE_SYMBOLS = {"none": "○", "some": "◉", "strong": "●"}
ADD_CHOICES: tuple[tuple[str, str], ...] = (("quote", "Quote"), ("survey", "Survey figure"),
                                            ("metric", "Metric"), ("file", "File beside the map"))


def open_with_system(path: Path) -> bool:
    """Open a document with the application the system chooses (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def parse_figure(text: str) -> float:
    """'41', '7.5', '12,400', '−3' -> a number; ValueError saying what is wrong."""
    cleaned = text.strip().replace("−", "-").replace(",", "").replace(" ", "")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f'"{shown(text, 40)}" is not a number') from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f'"{shown(text, 40)}" is not a number')
    return value


def parse_date(text: str) -> dt.date | None:
    """'2024-04-30' -> a date; empty -> None; ValueError saying what is wrong."""
    if not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f'"{shown(text, 40)}" is not a date: write it as 2024-04-30') from None


def summary_text(card: Card) -> str:
    """"◉ Some evidence: 1 quote, 1 metric"."""
    level = confidence(card)
    summary = evidence_summary(card)
    parts = [f"{count} {name}{'s' if count != 1 else ''}" for count, name in (
        (summary.quotes, "quote"), (summary.surveys, "survey"), (summary.metrics, "metric"),
        (summary.files, "file")) if count]
    if summary.largest_sample:
        parts.append(f"largest sample {number_text(summary.largest_sample)}")
    text = f"{BADGE_SYMBOLS[level]} {CONFIDENCE_LABELS[level]}"
    return f"{text}: {', '.join(parts)}" if parts else text


class EvidenceGroup(QGroupBox):
    """Added to a CardPage; the page calls `show_card` when it reloads."""

    def __init__(self, page: CardPage) -> None:
        super().__init__("Evidence")
        self.setObjectName("cardEvidence")
        self.page = page
        self.document = page.document
        self.card_id: str | None = None
        self._selected: str | None = None  # the evidence item being edited
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.setSpacing(6)

        self.confidence = plain_label()
        self.confidence.setObjectName("cardConfidence")
        self.confidence.setWordWrap(True)
        outer.addWidget(self.confidence)

        # A metric lane's card: its figure (its first metric), edited right here.
        self.figure = QWidget()
        self.figure.setObjectName("metricFigure")
        figure_form = QFormLayout(self.figure)
        figure_form.setContentsMargins(0, 0, 0, 0)
        self.figure_value = self._line("metricValue", "e.g. 41")
        self.figure_unit = self._line("metricUnit", "e.g. %, min, of 5")
        self.figure_source = self._line("metricSource", "where the figure comes from")
        self.figure_date = self._line("metricDate", "YYYY-MM-DD")
        for label, widget in (("Value", self.figure_value), ("Unit", self.figure_unit),
                              ("Source", self.figure_source), ("Date", self.figure_date)):
            figure_form.addRow(label, widget)
        outer.addWidget(self.figure)

        self.list = QListWidget()
        self.list.setObjectName("evidenceList")
        self.list.setMaximumHeight(120)
        self.list.setWordWrap(True)
        outer.addWidget(self.list)

        buttons = QHBoxLayout()
        self.add_button = QToolButton()
        self.add_button.setObjectName("addEvidence")
        self.add_button.setText("Add…")
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_button)
        self.add_actions: dict[str, QAction] = {}
        for kind, label in ADD_CHOICES:
            action = menu.addAction(label)
            action.setObjectName(f"addEvidence_{kind}")
            action.triggered.connect(lambda _=False, k=kind: self.add(k))
            self.add_actions[kind] = action
        self.add_button.setMenu(menu)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName("removeEvidence")
        self.open_button = QPushButton("Open file")
        self.open_button.setObjectName("openEvidenceFile")
        for button in (self.add_button, self.remove_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        outer.addLayout(buttons)

        self.editors = QStackedWidget()
        self.editors.setObjectName("evidenceEditor")
        self.quote_text = CommitTextEdit(lines=3)
        self.quote_text.setObjectName("quoteText")
        self.quote_who = self._line("quoteWho", "who said it")
        self.quote_source = self._line("quoteSource", "where: interview, review…")
        self.survey_question = self._line("surveyQuestion", "the question asked")
        self.survey_n = QSpinBox()
        self.survey_n.setObjectName("surveyN")
        self.survey_n.setRange(1, MAX_SAMPLE)
        self.survey_value = self._line("surveyValue", "e.g. 41")
        self.survey_unit = self._line("surveyUnit", "e.g. %, of 5")
        self.survey_source = self._line("surveySource", "which survey")
        self.metric_label = self._line("metricLabel", "what it measures")
        self.metric_value = self._line("metricItemValue", "e.g. 32")
        self.metric_unit = self._line("metricItemUnit", "e.g. %")
        self.metric_source = self._line("metricItemSource", "where the figure comes from")
        self.metric_date = self._line("metricItemDate", "YYYY-MM-DD")
        self.file_path = self._line("filePath", "research/notes.md")
        self.file_label = self._line("fileLabel", "what the file is")
        self.editor_pages: dict[str, QWidget] = {
            "none": QWidget(),
            "quote": self._form(("Words", self.quote_text), ("Who", self.quote_who),
                                ("Source", self.quote_source)),
            "survey": self._form(("Question", self.survey_question), ("Answers", self.survey_n),
                                 ("Value", self.survey_value), ("Unit", self.survey_unit),
                                 ("Source", self.survey_source)),
            "metric": self._form(("Measures", self.metric_label), ("Value", self.metric_value),
                                 ("Unit", self.metric_unit), ("Source", self.metric_source),
                                 ("Date", self.metric_date)),
            "file": self._form(("Path", self.file_path), ("Label", self.file_label)),
        }
        for editor in self.editor_pages.values():
            self.editors.addWidget(editor)
        outer.addWidget(self.editors)

        bind = page.bind_text
        bind(self.figure_value, lambda: self._figure(value=self.figure_value.text()))
        bind(self.figure_unit, lambda: self._figure(unit=self.figure_unit.text().strip()))
        bind(self.figure_source, lambda: self._figure(source=self.figure_source.text().strip()))
        bind(self.figure_date, lambda: self._figure(date=self.figure_date.text()))
        bind(self.quote_text, lambda: self._edit(text=self.quote_text.toPlainText().strip()))
        bind(self.quote_who, lambda: self._edit(who=self.quote_who.text().strip()))
        bind(self.quote_source, lambda: self._edit(source=self.quote_source.text().strip()))
        bind(self.survey_question,
             lambda: self._edit(question=self.survey_question.text().strip()))
        bind(self.survey_value, lambda: self._edit_number("value", self.survey_value.text()))
        bind(self.survey_unit, lambda: self._edit(unit=self.survey_unit.text().strip()))
        bind(self.survey_source, lambda: self._edit(source=self.survey_source.text().strip()))
        bind(self.metric_label, lambda: self._edit(label=self.metric_label.text().strip()))
        bind(self.metric_value, lambda: self._edit_number("value", self.metric_value.text()))
        bind(self.metric_unit, lambda: self._edit(unit=self.metric_unit.text().strip()))
        bind(self.metric_source, lambda: self._edit(source=self.metric_source.text().strip()))
        bind(self.metric_date, lambda: self._edit_date(self.metric_date.text()))
        bind(self.file_path, lambda: self._edit(path=self.file_path.text().strip()))
        bind(self.file_label, lambda: self._edit(label=self.file_label.text().strip()))
        self.survey_n.valueChanged.connect(lambda n: self._edit(n=n))
        self.list.currentRowChanged.connect(self._row_chosen)
        self.remove_button.clicked.connect(self.remove)
        self.open_button.clicked.connect(self.open_file)

    # ----- building ---------------------------------------------------------------------------
    def _line(self, name: str, placeholder: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setMaxLength(5000 if name == "surveyQuestion" else 200)
        line.setPlaceholderText(placeholder)
        return line

    def _form(self, *rows: tuple[str, QWidget]) -> QWidget:
        widget = QWidget()
        form = QFormLayout(widget)
        form.setContentsMargins(0, 0, 0, 0)
        for label, field in rows:
            form.addRow(label, field)
        return widget

    # ----- showing ----------------------------------------------------------------------------
    def _card(self) -> Card | None:
        if self.card_id is None or not self.document.has_card(self.card_id):
            return None
        return self.document.card(self.card_id)

    def show_card(self, card_id: str | None) -> None:
        """Fill the group from the card (called by the page inside its `loading()`)."""
        if card_id != self.card_id:
            self._selected = None
        self.card_id = card_id
        card = self._card()
        if card is None:
            return
        refill = self.page.refill
        self.confidence.setText(summary_text(card))
        in_metric_lane = self.document.lane(card.lane_id).kind == "metric"
        self.figure.setVisible(in_metric_lane)
        metric = card_metric(card)
        if in_metric_lane:
            for widget, value in (
                    (self.figure_value, number_text(metric.value) if metric else ""),
                    (self.figure_unit, metric.unit if metric else ""),
                    (self.figure_source, metric.source if metric else ""),
                    (self.figure_date, metric.date.isoformat() if metric and metric.date
                     else "")):
                if refill(widget):
                    set_line(widget, value)
        ids = [item.id for item in card.evidence]
        if self._selected not in ids:
            self._selected = ids[0] if ids else None
        blocked = self.list.blockSignals(True)
        try:
            self.list.clear()
            for item in card.evidence:
                row = QListWidgetItem(shown(evidence_line(item), 300))
                self.list.addItem(row)
            self.list.setCurrentRow(ids.index(self._selected) if self._selected else -1)
        finally:
            self.list.blockSignals(blocked)
        self._fill_editor(card)

    def _fill_editor(self, card: Card) -> None:
        item = next((e for e in card.evidence if e.id == self._selected), None)
        self.remove_button.setEnabled(item is not None)
        self.open_button.setEnabled(isinstance(item, FileLink))
        kind = item.type if item is not None else "none"
        self.editors.setCurrentWidget(self.editor_pages[kind])
        refill = self.page.refill
        if isinstance(item, QuoteEvidence):
            if refill(self.quote_text):
                self.quote_text.load(item.text)
            fields: list[tuple[QLineEdit, str]] = [(self.quote_who, item.who),
                                                   (self.quote_source, item.source)]
        elif isinstance(item, SurveyFigure):
            self.survey_n.setValue(item.n)
            fields = [(self.survey_question, item.question),
                      (self.survey_value, number_text(item.value)),
                      (self.survey_unit, item.unit), (self.survey_source, item.source)]
        elif isinstance(item, MetricEvidence):
            fields = [(self.metric_label, item.label),
                      (self.metric_value, number_text(item.value)),
                      (self.metric_unit, item.unit), (self.metric_source, item.source),
                      (self.metric_date, item.date.isoformat() if item.date else "")]
        elif isinstance(item, FileLink):
            fields = [(self.file_path, item.path), (self.file_label, item.label)]
        else:
            fields = []
        for widget, value in fields:
            if refill(widget):
                set_line(widget, value)

    def _row_chosen(self, row: int) -> None:
        card = self._card()
        if card is None:
            return
        self.page.commit_pending()  # what was typed belongs to the item shown so far
        card = self._card()
        if card is None:
            return
        self._selected = card.evidence[row].id if 0 <= row < len(card.evidence) else None
        with self.page.loading():  # (a commit above may have refilled the list)
            self.show_card(card.id)

    # ----- editing ----------------------------------------------------------------------------
    def _push(self, build: Callable[[], Any]) -> None:
        self.page.push_command(build)

    def add(self, kind: str) -> None:
        """A new item of `kind`, selected for editing (a quote's words, a figure's value and a
        file's path start as placeholders to replace)."""
        card = self._card()
        if card is None:
            return
        self.page.commit_pending()
        item: Evidence
        if kind == "quote":
            item = QuoteEvidence(id=new_id("q"), text="New quote")
        elif kind == "survey":
            item = SurveyFigure(id=new_id("s"), question="", n=1, value=0.0)
        elif kind == "metric":
            item = MetricEvidence(id=new_id("m"), label=card.title, value=0.0)
        else:
            item = FileLink(id=new_id("f"), path="notes.md")
        self._selected = item.id
        card_id = card.id
        self._push(lambda: commands.AddEvidence(self.document, card_id, item))

    def remove(self) -> None:
        card = self._card()
        if card is None or self._selected is None:
            return
        self.page.commit_pending()
        card_id, evidence_id = card.id, self._selected
        if any(e.id == evidence_id for e in self.document.card(card_id).evidence):
            self._push(lambda: commands.RemoveEvidence(self.document, card_id, evidence_id))

    def _edit(self, **changes: Any) -> None:
        """Change fields of the selected item (one merged undo step while typing)."""
        card = self._card()
        if card is None:
            return
        item = next((e for e in card.evidence if e.id == self._selected), None)
        if item is None:
            return
        card_id = card.id

        def build() -> commands.EditEvidence:
            edited = type(item).model_validate({**item.model_dump(), **changes})
            return commands.EditEvidence(self.document, card_id, edited, mergeable=True)

        if any(getattr(item, key) != value for key, value in changes.items()):
            self._push(build)

    def _edit_number(self, field: str, text: str) -> None:
        try:
            value = parse_figure(text)
        except ValueError as error:
            self.page.show_problem(str(error))
            return
        self._edit(**{field: value})

    def _edit_date(self, text: str) -> None:
        try:
            day = parse_date(text)
        except ValueError as error:
            self.page.show_problem(str(error))
            return
        self._edit(date=day)

    def _figure(self, **changes: Any) -> None:
        """Edit a metric lane card's figure (its first metric), adding one if it has none."""
        card = self._card()
        if card is None:
            return
        try:
            if "value" in changes:
                changes["value"] = parse_figure(changes["value"])
            if "date" in changes:
                changes["date"] = parse_date(changes["date"])
        except ValueError as error:
            self.page.show_problem(str(error))
            return
        metric = card_metric(card)
        card_id = card.id
        if metric is None:
            if "value" not in changes:
                self.page.show_problem("Give the figure a value first.")
                return
            new = MetricEvidence(id=new_id("m"), label=card.title, **changes)
            self._push(lambda: commands.AddEvidence(self.document, card_id, new, 0))
            return
        if all(getattr(metric, key) == value for key, value in changes.items()):
            return
        self._push(lambda: commands.EditEvidence(
            self.document, card_id,
            MetricEvidence.model_validate({**metric.model_dump(), **changes}), mergeable=True))

    def open_file(self) -> None:
        """Open the selected linked file with the system, if it lies inside the map's folder
        and is a document."""
        card = self._card()
        item = next((e for e in card.evidence if e.id == self._selected), None) \
            if card is not None else None
        if not isinstance(item, FileLink):
            return
        map_path = self.document.path
        if map_path is None:
            self.page.show_problem("Save the map first: linked files are found beside it.")
            return
        try:
            target = linked_document(map_path, item.path)
        except LinkError as error:
            self.page.show_problem(str(error))
            return
        if not open_with_system(target):
            self.page.show_problem(f"No application opens {shown(target.name, 80)}.")
