"""The import wizard for spreadsheets and survey exports (.csv, .tsv, .xlsx).

A card spreadsheet (our own layout, judged by its header) needs no questions: it opens as its
map. A survey export shows, before anything changes:

- what the file was recognised as (Qualtrics, SurveyMonkey, Typeform, a plain table), its
  encoding and delimiter (or sheet), and how many answers were looked at;
- its columns (response metadata left out), each with sample answers and what it is used as:
  a score for a stage (and touchpoint), the persona, quotes (on a stage's cards), or, for a
  table with one answer per row, the stage, touchpoint and score columns; reverse coding per
  score column; the proposal (interchange.survey.propose) fills it in;
- the scale the answers are on (named levels kept when the export writes answers as text),
  what sets a touchpoint's value (mean or median), quotes per card;
- where it goes: a new map, or this window's map (one undo step, commands.MergeMap);
- a preview: the mapping in words, what would be added and updated, each card's values and
  how many answered, and the notes (rows left out).

Everything from the file is shown as plain text: item views never render markup, labels are
made plain (ui/plain_text.py), the preview is a QPlainTextEdit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeymap_desktop.formats import ReadResult
from journeymap_desktop.interchange.cards_table import read_cards_table
from journeymap_desktop.interchange.survey import (
    DEFAULT_QUOTES_PER_CARD,
    MergeOutcome,
    SurveyOptions,
    card_questions,
    describe_mapping,
    merge_survey,
    propose,
)
from journeymap_desktop.interchange.tables import (
    aggregate,
    inspect,
    is_cards_layout,
    open_checked,
    survey_notes,
)
from journeymap_desktop.model.curves import curve_name
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.safe_text import file_name, one_line, shown
from journeymap_desktop.storage import LoadError
from journeymap_desktop.storage.importers import (
    LongScores,
    QuoteColumn,
    Scale,
    ScoreColumn,
    SurveyMapping,
    Table,
)
from journeymap_desktop.storage.importers.csv_reader import delimiter_name
from journeymap_desktop.ui.plain_text import plain_label, window_title
from journeymap_desktop.ui.window_layout import fit_on_screen

if TYPE_CHECKING:
    from journeymap_desktop.ui.main_window import MainWindow

# What a column can be used as: (key, label in the "Use as" column).
ROLES: tuple[tuple[str, str], ...] = (
    ("ignore", "—"),
    ("score", "Score for a stage"),
    ("persona", "Persona"),
    ("quote", "Quotes"),
    ("long_stage", "Stage (one answer per row)"),
    ("long_touchpoint", "Touchpoint (one answer per row)"),
    ("long_score", "Score (one answer per row)"),
)
ROLE_LABELS = dict(ROLES)
_ROLE_OF_LABEL = {label: key for key, label in ROLES}
COL_COLUMN, COL_ANSWERS, COL_ROLE, COL_STAGE, COL_TOUCHPOINT, COL_REVERSE = range(6)
_SAMPLES = 4
MAX_PREVIEW_CARDS = 200


class _RoleDelegate(QStyledItemDelegate):
    """The "Use as" column edits with a drop-down of the roles."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        box = QComboBox(parent)
        box.addItems([label for _, label in ROLES])
        return box

    def setEditorData(self, editor: QWidget,
                      index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data()))

    def setModelData(self, editor: QWidget, model: object,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText())  # type: ignore[attr-defined]


class ImportWizard(QDialog):
    def __init__(self, parent: QWidget | None, path: Path, table: Table,
                 target: JourneyMap | None = None, target_name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(window_title(f"Import {file_name(path)}"))
        self.path = path
        self.table = table
        self.target = target
        self.inspection = inspect(path, table)
        self.proposal = propose(self.inspection, target)
        self.outcome: MergeOutcome | None = None
        self.notes: list[str] = []
        self.responses = 0
        self._outcome_key: object = None
        self.rows: list[int] = [c.index for c in self.inspection.columns if not c.metadata]

        layout = QVBoxLayout(self)
        self.recognised = plain_label(self._recognised_text())
        self.recognised.setObjectName("importRecognised")
        self.recognised.setWordWrap(True)
        layout.addWidget(self.recognised)

        self.columns = QTableWidget(len(self.rows), 6)
        self.columns.setObjectName("importColumns")
        self.columns.setHorizontalHeaderLabels(["Column", "Answers (sample)", "Use as",
                                                "Stage", "Touchpoint", "Reverse"])
        self.columns.setItemDelegateForColumn(COL_ROLE, _RoleDelegate(self.columns))
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.columns.verticalHeader().setVisible(False)
        header = self.columns.horizontalHeader()
        header.setSectionResizeMode(COL_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_ANSWERS, QHeaderView.ResizeMode.Stretch)
        for part, width in ((COL_ROLE, 230), (COL_STAGE, 190), (COL_TOUCHPOINT, 140),
                            (COL_REVERSE, 64)):
            header.setSectionResizeMode(part, QHeaderView.ResizeMode.Interactive)
            self.columns.setColumnWidth(part, width)
        for row, index in enumerate(self.rows):
            self._fill_row(row, index)
        layout.addWidget(self.columns, 3)

        form = QFormLayout()
        scale_row = QHBoxLayout()
        self.low = QSpinBox()
        self.high = QSpinBox()
        for spin in (self.low, self.high):
            spin.setRange(-100, 1000)
        self.low.setObjectName("importScaleLow")
        self.high.setObjectName("importScaleHigh")
        scale_row.addWidget(self.low)
        scale_row.addWidget(plain_label("to"))
        scale_row.addWidget(self.high)
        self.scale_names = plain_label("")
        scale_row.addWidget(self.scale_names, 1)
        form.addRow("Answers from", scale_row)
        self.value_choice = QComboBox()
        self.value_choice.setObjectName("importValue")
        self.value_choice.addItem("The answers' mean", "mean")
        self.value_choice.addItem("The answers' median", "median")
        form.addRow("A touchpoint's value", self.value_choice)
        self.quotes_per_card = QSpinBox()
        self.quotes_per_card.setObjectName("importQuotesPerCard")
        self.quotes_per_card.setRange(0, 50)
        self.quotes_per_card.setValue(DEFAULT_QUOTES_PER_CARD)
        form.addRow("Quotes per card, at most", self.quotes_per_card)
        where = QHBoxLayout()
        self.new_map = QRadioButton("A new map")
        self.new_map.setObjectName("importNewMap")
        self.this_map = QRadioButton(f"This map ({shown(target_name, 60)})" if target_name
                                     else "This map")
        self.this_map.setObjectName("importThisMap")
        where.addWidget(self.new_map)
        where.addWidget(self.this_map)
        where.addStretch(1)
        form.addRow("Import into", where)
        layout.addLayout(form)
        self.this_map.setEnabled(target is not None)
        matches = target is not None and self.proposal.mapping is not None and \
            self._stages_known()
        (self.this_map if matches else self.new_map).setChecked(True)

        self.preview = QPlainTextEdit()
        self.preview.setObjectName("importPreview")
        self.preview.setReadOnly(True)
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.preview, 2)
        self.problem = plain_label("")
        self.problem.setObjectName("importProblem")
        self.problem.setStyleSheet("color: #B00020")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)

        buttons = QDialogButtonBox()
        self.preview_button = QPushButton("&Preview")
        self.preview_button.setObjectName("importPreviewButton")
        self.preview_button.setAutoDefault(False)  # Enter imports; Preview is a click
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.refresh_preview)
        layout.addWidget(buttons)
        self._set_scale(self.proposal.mapping.scale if self.proposal.mapping else None)
        self.resize(980, 720)
        fit_on_screen(self)
        self.refresh_preview()

    # ----- the file and its columns ----------------------------------------------------------
    def _recognised_text(self) -> str:
        inspection = self.inspection
        table = self.table
        how = []
        if table.encoding:
            how.append(f"encoding {table.encoding}")
        if table.delimiter:
            how.append(f"{delimiter_name(table.delimiter)}-separated")
        if table.sheet:
            how.append(f"sheet {shown(table.sheet, 40)}")
        hidden = len(inspection.columns) - len(self.rows)
        lines = [self.proposal.explanation[0] if self.proposal.explanation else "",
                 ", ".join(how)]
        if hidden:
            lines.append(f"{hidden} column{'s' if hidden > 1 else ''} of response metadata "
                         "(dates, ids, progress) left out")
        if self.proposal.mapping is None:
            lines.append("No rated stages found: choose the columns to import below.")
        return "\n".join(one_line(line) for line in lines if line)

    def _fill_row(self, row: int, index: int) -> None:
        column = self.inspection.columns[index]
        profile = self.inspection.profiles[index]
        label = QTableWidgetItem(f"{index + 1}. {one_line(column.label, 300)}")
        label.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        label.setToolTip(one_line(column.label, 400))
        samples = sorted(profile.distinct.items(), key=lambda item: -item[1])[:_SAMPLES]
        answers = QTableWidgetItem(", ".join(shown(value, 30) for value, _ in samples)
                                   + (" …" if len(profile.distinct) > _SAMPLES else ""))
        answers.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        reverse = QTableWidgetItem("")
        reverse.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        reverse.setCheckState(Qt.CheckState.Unchecked)
        self.columns.setItem(row, COL_COLUMN, label)
        self.columns.setItem(row, COL_ANSWERS, answers)
        self.columns.setItem(row, COL_ROLE, QTableWidgetItem(ROLE_LABELS["ignore"]))
        self.columns.setItem(row, COL_STAGE, QTableWidgetItem(""))
        self.columns.setItem(row, COL_TOUCHPOINT, QTableWidgetItem(""))
        self.columns.setItem(row, COL_REVERSE, reverse)
        mapping = self.proposal.mapping
        if mapping is None:
            return
        for score in mapping.scores:
            if score.column == index:
                self.set_role(index, "score", score.stage, score.touchpoint, score.reverse)
        if mapping.persona == index:
            self.set_role(index, "persona")
        for quote in mapping.quotes:
            if quote.column == index:
                self.set_role(index, "quote", quote.stage or "", quote.touchpoint)
        long = mapping.long
        if long is not None:
            if long.stage == index:
                self.set_role(index, "long_stage")
            if long.touchpoint == index:
                self.set_role(index, "long_touchpoint")
            if long.score == index:
                self.set_role(index, "long_score", reverse=long.reverse)

    def _row_of(self, column: int) -> int:
        return self.rows.index(column)

    def _item(self, row: int, part: int) -> QTableWidgetItem:
        item = self.columns.item(row, part)
        assert item is not None  # every cell is filled in _fill_row
        return item

    def set_role(self, column: int, role: str, stage: str = "", touchpoint: str = "",
                 reverse: bool = False) -> None:
        """Use export column `column` (0-based, as in the file) as `role` (see ROLES)."""
        row = self._row_of(column)
        self._item(row, COL_ROLE).setText(ROLE_LABELS[role])
        self._item(row, COL_STAGE).setText(stage)
        self._item(row, COL_TOUCHPOINT).setText(touchpoint)
        self._item(row, COL_REVERSE).setCheckState(
            Qt.CheckState.Checked if reverse else Qt.CheckState.Unchecked)

    def role(self, column: int) -> str:
        return _ROLE_OF_LABEL.get(self._item(self._row_of(column), COL_ROLE).text(), "ignore")

    def _set_scale(self, scale: Scale | None) -> None:
        self._named_scale = scale if scale is not None and scale.labels else None
        low, high = (scale.low, scale.high) if scale is not None else (1, 5)
        self.low.setValue(int(low))
        self.high.setValue(int(high))
        if self._named_scale is not None:
            labels = self._named_scale.labels
            self.scale_names.setText(one_line(f"(answers as text: {labels[0]} = {low:g} … "
                                              f"{labels[-1]} = {high:g})"))

    def _stages_known(self) -> bool:
        assert self.target is not None
        assert self.proposal.mapping is not None
        names = {stage.name.casefold().strip() for stage in self.target.stages}
        return any(score.stage.casefold().strip() in names
                   for score in self.proposal.mapping.scores)

    # ----- the mapping -----------------------------------------------------------------------
    def scale(self) -> Scale:
        low, high = self.low.value(), self.high.value()
        if low >= high:
            raise ValueError("the scale runs from its lowest answer to its highest: make "
                             "the first number smaller")
        named = self._named_scale
        labels = named.labels if named is not None and (named.low, named.high) == (low, high) \
            else ()
        return Scale(low, high, labels)

    def mapping(self) -> SurveyMapping:
        """The mapping the table says; ValueError (one line) when it is not one."""
        scores, quotes = [], []
        persona = None
        long: dict[str, int] = {}
        long_reverse = False
        for index in self.rows:
            row = self._row_of(index)
            role = self.role(index)
            stage = self._item(row, COL_STAGE).text().strip()
            touchpoint = self._item(row, COL_TOUCHPOINT).text().strip()
            reverse = self._item(row, COL_REVERSE).checkState() == Qt.CheckState.Checked
            label = shown(self.inspection.columns[index].label, 60)
            if role == "score":
                if not stage:
                    raise ValueError(f"column {index + 1} ({label}) scores a stage: name the "
                                     "stage")
                scores.append(ScoreColumn(index, stage, touchpoint, reverse))
            elif role == "persona":
                if persona is not None:
                    raise ValueError("choose one persona column")
                persona = index
            elif role == "quote":
                quotes.append(QuoteColumn(index, stage or None, touchpoint))
            elif role.startswith("long_"):
                if role in long:
                    raise ValueError(f"choose one {ROLE_LABELS[role].lower()} column")
                long[role] = index
                long_reverse = long_reverse or (role == "long_score" and reverse)
        layout = None
        if long:
            if scores:
                raise ValueError("scores per stage and one answer per row are two layouts: "
                                 "use one")
            if "long_stage" not in long or "long_score" not in long:
                raise ValueError("one answer per row needs a stage column and a score column")
            layout = LongScores(long["long_score"], long["long_stage"],
                                long.get("long_touchpoint"), long_reverse)
        if not scores and layout is None:
            raise ValueError("choose the columns that hold scores (\"Use as\": Score for a "
                             "stage), or a stage and a score column for one answer per row")
        return SurveyMapping(self.scale(), tuple(scores), layout, persona, tuple(quotes))

    def options(self) -> SurveyOptions:
        return SurveyOptions(value=self.value_choice.currentData(),
                             quotes_per_card=self.quotes_per_card.value())

    def into_this_map(self) -> bool:
        return self.target is not None and self.this_map.isChecked()

    # ----- preview and import ------------------------------------------------------------------
    def compute(self) -> MergeOutcome:
        """The map after the import as the wizard is set now (cached until it changes)."""
        mapping = self.mapping()
        options = self.options()
        key = (mapping, options, self.into_this_map())
        if self.outcome is not None and self._outcome_key == key:
            return self.outcome
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            evidence = aggregate(self.path, self.inspection, mapping)
            base = self.target if self.into_this_map() else None
            self.outcome = merge_survey(base, evidence, options=options,
                                        title=self.path.stem,
                                        questions=card_questions(self.inspection, mapping))
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.notes = survey_notes(self.outcome, [str(w) for w in evidence.warnings], options)
        self.responses = evidence.responses
        self._outcome_key = key
        return self.outcome

    def refresh_preview(self) -> None:
        try:
            outcome = self.compute()
        except (ValueError, LoadError) as error:
            self.problem.setText(one_line(str(error)))
            self.preview.setPlainText("")
            return
        self.problem.setText("")
        mapping = self.mapping()
        lines = describe_mapping(self.inspection, mapping)
        lines.append("")
        lines.append(f"{self.responses:,} responses: {outcome.summary()}")
        lines += self._card_lines(outcome.map)
        if self.notes:
            lines.append("")
            lines.append("Notes:")
            lines += self.notes
        self.preview.setPlainText("\n".join(one_line(line) for line in lines))

    def _card_lines(self, journey: JourneyMap) -> list[str]:
        old = {card.id: card for card in self.target.cards} \
            if self.target is not None and self.into_this_map() else {}
        stages = {stage.id: stage.name for stage in journey.stages}
        curves = {curve.id: curve_name(journey, curve) for curve in journey.curves}
        lines: list[str] = []
        for card in journey.cards:
            if old.get(card.id) == card:
                continue
            if len(lines) >= MAX_PREVIEW_CARDS:
                lines.append("…")
                break
            values = "; ".join(
                f"{curves[curve_id]} {value.value:g}"
                + (f" (n {value.evidence.n:,}, median {value.evidence.median:g})"
                   if value.evidence else "")
                for curve_id, value in card.emotions.items())
            quotes = sum(1 for item in card.evidence if item.type == "quote")
            state = "new" if card.id not in old else "updated"
            lines.append(f"  {state}: {shown(stages[card.stage_id], 40)} / "
                         f"{shown(card.title, 60)}: {values or 'no value'}"
                         + (f"; {quotes} quote{'s' if quotes != 1 else ''}" if quotes else ""))
        return lines

    def accept(self) -> None:
        try:
            self.compute()
        except (ValueError, LoadError) as error:
            self.problem.setText(one_line(str(error)))
            return
        super().accept()


def run_import_wizard(parent: QWidget | None, path: Path) -> ReadResult | None:
    """The registry's wizard for .csv/.tsv/.xlsx: a card spreadsheet opens as it is; a survey
    asks first. Returns the new map to open, or None when cancelled, or when the survey went
    into `parent`'s own map (then pushed as one undo step here)."""
    from journeymap_desktop.ui.main_window import MainWindow

    path = Path(path)
    table = open_checked(path)
    if is_cards_layout(table):
        return read_cards_table(path, table=table)
    window = parent if isinstance(parent, MainWindow) else None
    if window is not None and not window.view.mode.edits_map:
        window = None  # a map being presented is not changed: the survey makes a new map
    target = None
    if window is not None:
        window.flush_edits()
        target = window.document.map
    name = target.title if target is not None else ""
    dialog = ImportWizard(parent, path, table, target, name)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.outcome is None:
            return None
        outcome, notes = dialog.outcome, list(dialog.notes)
        summary = f"{dialog.responses:,} responses: {outcome.summary()}"
        if not dialog.into_this_map() or window is None:
            return ReadResult(outcome.map, (summary, *notes))
    finally:
        dialog.deleteLater()
    _merge_into(window, path, outcome, summary, notes)
    return None


def _merge_into(window: MainWindow, path: Path, outcome: MergeOutcome, summary: str,
                notes: list[str]) -> None:
    from journeymap_desktop.commands import MergeMap
    from journeymap_desktop.ui.dialogs import show_error
    from journeymap_desktop.ui.notes_dialog import show_import_notes

    try:
        command = MergeMap(window.document, outcome.map, f"Import {file_name(path, 60)}")
    except ValueError as error:
        show_error(window, "Could not import", str(error))
        return
    window.document.push(command)
    window.statusBar().showMessage(f"Imported {file_name(path)}: {one_line(summary)}", 8_000)
    if notes:
        show_import_notes(window, f"Imported {file_name(path)}", summary, notes)


__all__ = ["ROLES", "ImportWizard", "run_import_wizard"]
