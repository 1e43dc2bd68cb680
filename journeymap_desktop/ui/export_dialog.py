"""File > Export: a PDF poster, tiled poster or handout, an SVG or a PNG; remembers the last
settings.

The dialog only gathers the choices (`PdfOptions`, or a PNG's resolution); the page geometry and
the drawing are the export package's, the same code `journeymap export` runs, so both give the
same files. The output's suffix follows the format chosen.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from journeymap_desktop.export import (
    DEFAULT_DPI,
    HANDOUT_PAPER_NAMES,
    MAX_DPI,
    MIN_DPI,
    PAPER_NAMES,
    TILE_PAPER_NAMES,
    Cancelled,
    ExportError,
    ExportResult,
    ImageResult,
    OptionsError,
    PdfOptions,
    export_pdf,
    export_png,
    export_svg,
)
from journeymap_desktop.export.icc import HOW_TO_GET_ONE, system_profiles
from journeymap_desktop.export.legibility import poster_notes
from journeymap_desktop.export.options import (
    DEFAULT_MIN_TEXT_PT,
    HIGHEST_MIN_TEXT_PT,
    LOWEST_MIN_TEXT_PT,
)
from journeymap_desktop.formats import FORMATS, FileFormat
from journeymap_desktop.interchange.written import WriteError, WriteResult
from journeymap_desktop.layout.coverage import describe, undrawable
from journeymap_desktop.model.curves import curve_name
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.model.views import view_by_id, view_map
from journeymap_desktop.safe_text import file_name, one_line, shown
from journeymap_desktop.storage.files import suggested_file_stem
from journeymap_desktop.ui.curves import shown_curves_map
from journeymap_desktop.ui.dialogs import ask_save_path, confirm, quoted_name, show_error
from journeymap_desktop.ui.path_edit import PathEdit
from journeymap_desktop.ui.plain_text import plain_label

if TYPE_CHECKING:
    from journeymap_desktop.ui.main_window import MainWindow

_SETTINGS_KEY = "export/lastOptions"
_DIR_KEY = "export/lastDir"
_CUSTOM = "Custom size…"
_FORMAT_KEY = "export/lastFormat"
_DPI_KEY = "export/lastDpi"
_OTHER_PROFILE = "Other file…"
_KINDS = (("poster", "PDF poster (one page)"), ("tiles", "PDF poster in tiles (office sheets)"),
          ("handout", "PDF handout (A4/Letter pages)"),
          ("svg", "SVG image (text stays text)"), ("png", "PNG image"),
          ("mmd", "Mermaid journey (.mmd)"), ("csv", "Card spreadsheet (CSV)"),
          ("xlsx", "Card spreadsheet (Excel .xlsx)"))
_PDF_KINDS = ("poster", "tiles", "handout")
# Choices written without options, remembered as the last format like SVG and PNG.
_PLAIN_KINDS = ("svg", "png", "mmd", "csv", "xlsx")
_PLAIN_LABELS = {"svg": "SVG", "png": "PNG", "mmd": "Mermaid journey",
                 "csv": "card spreadsheet", "xlsx": "card spreadsheet"}
# Each choice of the dialog writes a format of the registry (journeymap_desktop/formats.py),
# which names its suffix and its file dialog filter.
_FORMAT_OF_KIND = {"poster": "pdf", "tiles": "pdf", "handout": "pdf", "svg": "svg", "png": "png",
                   "mmd": "mermaid-out", "csv": "cards-csv", "xlsx": "cards-xlsx"}
AnyResult = ExportResult | ImageResult | WriteResult


class ExportDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.result_: AnyResult | None = None
        self._confirmed: Path | None = None  # a file the save dialog already asked about
        self.setWindowTitle("Export")
        self.setObjectName("exportDialog")
        self.settings = QSettings()

        self.kind = QComboBox()
        self.kind.setObjectName("exportKind")
        for key, label in _KINDS:
            self.kind.addItem(label, key)
        self.paper = QComboBox()
        self.paper.setObjectName("exportPaper")
        self.custom_width = QDoubleSpinBox()
        self.custom_height = QDoubleSpinBox()
        for spin, value in ((self.custom_width, 600.0), (self.custom_height, 400.0)):
            spin.setRange(50, 5080)
            spin.setDecimals(0)
            spin.setSuffix(" mm")
            spin.setValue(value)
        self.custom_row = QWidget()
        custom = QHBoxLayout(self.custom_row)
        custom.setContentsMargins(0, 0, 0, 0)
        custom.addWidget(self.custom_width)
        custom.addWidget(QLabel("×"))
        custom.addWidget(self.custom_height)
        self.orientation = QComboBox()
        self.orientation.setObjectName("exportOrientation")
        for key, label in (("auto", "Best fit"), ("landscape", "Landscape"),
                           ("portrait", "Portrait")):
            self.orientation.addItem(label, key)
        self.bleed = QDoubleSpinBox()
        self.bleed.setObjectName("exportBleed")
        self.bleed.setRange(0, 20)
        self.bleed.setDecimals(1)
        self.bleed.setSuffix(" mm")
        self.crop_marks = QCheckBox("Crop marks")
        self.crop_marks.setObjectName("exportCropMarks")
        self.cmyk = QCheckBox("CMYK colours (for a print shop)")
        self.cmyk.setObjectName("exportCmyk")
        self.pdfx = QCheckBox("Print shop (PDF/X-4)")
        self.pdfx.setObjectName("exportPdfx")
        self.pdfx.setToolTip("CMYK through the print shop's ICC profile, small text in solid "
                             "black, the output intent and metadata a print shop checks")
        self.profile = QComboBox()
        self.profile.setObjectName("exportProfile")
        self._fill_profiles()
        self.min_text = QDoubleSpinBox()
        self.min_text.setObjectName("exportMinText")
        self.min_text.setRange(LOWEST_MIN_TEXT_PT, HIGHEST_MIN_TEXT_PT)
        self.min_text.setDecimals(1)
        self.min_text.setSingleStep(0.5)
        self.min_text.setSuffix(" pt")
        self.min_text.setValue(DEFAULT_MIN_TEXT_PT)
        self.min_text.setToolTip("No text on the poster prints smaller: cards show less (titles, "
                                 "faces and markers, then titles only) until it holds")
        self.advice = plain_label()
        self.advice.setObjectName("exportAdvice")
        self.advice.setWordWrap(True)
        self.advice.hide()
        self._advice_timer = QTimer(self)
        self._advice_timer.setSingleShot(True)
        self._advice_timer.setInterval(250)
        self._advice_timer.timeout.connect(self._update_advice)
        self.tile = QComboBox()
        self.tile.setObjectName("exportTile")
        for name in TILE_PAPER_NAMES:
            self.tile.addItem(name, name)
        self.overlap = QDoubleSpinBox()
        self.overlap.setObjectName("exportOverlap")
        self.overlap.setRange(0, 50)
        self.overlap.setDecimals(0)
        self.overlap.setSuffix(" mm")
        self.dpi = QSpinBox()
        self.dpi.setObjectName("exportDpi")
        self.dpi.setRange(MIN_DPI, MAX_DPI)
        self.dpi.setSingleStep(50)
        self.dpi.setSuffix(" dpi")
        self.dpi.setValue(DEFAULT_DPI)
        self.output = PathEdit()
        self.output.setObjectName("exportOutput")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        output_row = QHBoxLayout()
        output_row.addWidget(self.output, 1)
        output_row.addWidget(browse)
        self.open_after = QCheckBox("Open the file when done")
        self.open_after.setObjectName("exportOpenAfter")
        self.problem = plain_label()
        self.problem.setObjectName("exportProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #A13F00;")
        self.problem.hide()

        # Which saved view to export (the one applied in the window first chosen).
        self.view = QComboBox()
        self.view.setObjectName("exportView")
        self.view.addItem("All (the whole map)", None)
        document = window.document
        for saved in document.map.views:
            self.view.addItem(shown(saved.name, 60), saved.id)
        active = document.active_view
        self.view.setCurrentIndex(max(0, self.view.findData(active.id)) if active else 0)
        self.view.currentIndexChanged.connect(lambda _i: self._advice_timer.start())

        self.form = QFormLayout()
        self.form.addRow("Export as", self.kind)
        if document.map.views:
            self.form.addRow("View", self.view)
        self.form.addRow("Paper", self.paper)
        self.form.addRow("", self.custom_row)
        self.form.addRow("Orientation", self.orientation)
        self.form.addRow("Bleed", self.bleed)
        self.form.addRow("", self.crop_marks)
        self.form.addRow("Sheets", self.tile)
        self.form.addRow("Overlap", self.overlap)
        self.form.addRow("Resolution", self.dpi)
        self.form.addRow("Smallest text", self.min_text)
        self.form.addRow("", self.pdfx)
        self.form.addRow("ICC profile", self.profile)
        self.form.addRow("", self.cmyk)
        self.form.addRow("Save to", output_row)
        self.form.addRow("", self.open_after)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        buttons.accepted.connect(self._export)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(self.form)
        column.addWidget(self.advice)
        column.addWidget(self.problem)
        column.addWidget(buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.paper.currentIndexChanged.connect(self._update_visibility)
        self.pdfx.toggled.connect(self._update_visibility)
        self.profile.activated.connect(self._profile_chosen)
        for signal in (self.kind.currentIndexChanged, self.paper.currentIndexChanged,
                       self.orientation.currentIndexChanged, self.min_text.valueChanged,
                       self.custom_width.valueChanged, self.custom_height.valueChanged,
                       self.pdfx.toggled):
            signal.connect(self._advice_timer.start)
        self._restore()

    # ----- settings ----------------------------------------------------------------------------
    def _restore(self) -> None:
        raw = self.settings.value(_SETTINGS_KEY, "")
        try:
            saved = json.loads(str(raw)) if raw else {}
        except ValueError:
            saved = {}
        options = PdfOptions.from_dict_or_default(saved)
        image_format = str(self.settings.value(_FORMAT_KEY, "pdf"))
        kind = image_format if image_format in _PLAIN_KINDS else options.kind
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self._fill_papers(kind)
        paper = options.paper_name
        index = self.paper.findData(paper)
        if index < 0:
            spec = options.paper_spec
            self.custom_width.setValue(spec.width_mm)
            self.custom_height.setValue(spec.height_mm)
            index = self.paper.findData(_CUSTOM)
        self.paper.setCurrentIndex(max(index, 0))
        self.orientation.setCurrentIndex(self.orientation.findData(options.orientation))
        self.bleed.setValue(options.bleed_mm)
        self.crop_marks.setChecked(options.crop_marks)
        self.cmyk.setChecked(options.cmyk)
        self.pdfx.setChecked(options.pdfx)
        self.min_text.setValue(options.min_text_pt)
        if options.icc:
            self._select_profile(Path(options.icc))
        self.tile.setCurrentIndex(max(0, self.tile.findData(options.tile or "A4")))
        self.overlap.setValue(options.overlap_mm)
        try:
            dpi = int(str(self.settings.value(_DPI_KEY, DEFAULT_DPI)))
        except ValueError:
            dpi = DEFAULT_DPI
        self.dpi.setValue(dpi if MIN_DPI <= dpi <= MAX_DPI else DEFAULT_DPI)
        self.open_after.setChecked(
            bool(self.settings.value("export/openAfter", False, type=bool)))
        self.output.setText(str(self._suggested_output()))
        self._update_visibility()
        self._update_advice()

    def _suggested_output(self) -> Path:
        doc = self.window_.document
        folder = Path(str(self.settings.value(_DIR_KEY, ""))) if self.settings.value(
            _DIR_KEY) else (doc.path.parent if doc.path else Path.home())
        stem = doc.path.stem if doc.path else suggested_file_stem(doc.map.title)
        return folder / f"{stem}{self.suffix()}"

    def file_format(self) -> FileFormat:
        """The registry's format of the choice: PDF, SVG or PNG."""
        return FORMATS.get(_FORMAT_OF_KIND[self.kind.currentData()])

    def suffix(self) -> str:
        """The file suffix of the format chosen: .pdf, .svg or .png."""
        return self.file_format().suffix

    def _fill_papers(self, kind: str) -> None:
        current = self.paper.currentData()
        self.paper.blockSignals(True)
        self.paper.clear()
        names = HANDOUT_PAPER_NAMES if kind == "handout" else PAPER_NAMES
        for name in names:
            self.paper.addItem(name, name)
        if kind == "poster":
            self.paper.addItem(_CUSTOM, _CUSTOM)
        index = self.paper.findData(current)
        self.paper.setCurrentIndex(max(index, 0))
        self.paper.blockSignals(False)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self._fill_papers(kind)
        if kind == "handout" and self.paper.currentData() not in HANDOUT_PAPER_NAMES:
            self.paper.setCurrentIndex(0)
        self.output.setText(str(self._with_suffix(self.output.text().strip())))
        self._update_visibility()

    def _with_suffix(self, text: str) -> Path | str:
        """The output name with the chosen format's suffix (replacing another format's)."""
        if not text:
            return text
        path = Path(text).expanduser()
        if FORMATS.for_export(path) is not None:
            return path.with_suffix(self.suffix())
        if path.suffix.lower() != self.suffix():
            return path.with_name(path.name + self.suffix())
        return path

    def _update_visibility(self) -> None:
        kind = self.kind.currentData()
        poster = kind == "poster"
        pdf = kind in _PDF_KINDS
        rows = {
            self.paper: pdf,
            self.custom_row: poster and self.paper.currentData() == _CUSTOM,
            self.orientation: pdf and kind != "handout",
            self.bleed: poster,
            self.crop_marks: poster,
            self.tile: kind == "tiles",
            self.overlap: kind == "tiles",
            self.dpi: kind == "png",
            self.cmyk: pdf and not (poster and self.pdfx.isChecked()),
            self.pdfx: poster,
            self.profile: poster and self.pdfx.isChecked(),
            self.min_text: kind in ("poster", "tiles"),
        }
        for widget, visible in rows.items():
            self.form.setRowVisible(widget, visible)
        self.adjustSize()

    # ----- options -----------------------------------------------------------------------------
    def options(self) -> PdfOptions:
        """The settings as PDF export options; raises OptionsError with a readable message."""
        kind = self.kind.currentData()
        if kind not in _PDF_KINDS:
            kind = "poster"  # what an SVG or PNG remembers for the next PDF
        paper = self.paper.currentData()
        if paper == _CUSTOM:
            paper = f"{self.custom_width.value():g}x{self.custom_height.value():g}mm"
        poster = kind == "poster"
        pdfx = poster and self.pdfx.isChecked()
        icc = self.profile.currentData() if pdfx else None
        if pdfx and not icc:
            raise OptionsError(f"PDF/X needs the print shop's CMYK profile: {HOW_TO_GET_ONE}, "
                               f"then choose it under ICC profile")
        return PdfOptions(
            paper=paper,
            orientation=self.orientation.currentData() if kind != "handout" else "auto",
            bleed_mm=self.bleed.value() if poster else 0.0,
            crop_marks=self.crop_marks.isChecked() and poster,
            cmyk=self.cmyk.isChecked(),
            tile=self.tile.currentData() if kind == "tiles" else None,
            overlap_mm=self.overlap.value(),
            handout=kind == "handout",
            pdfx=pdfx,
            icc=icc,
            min_text_pt=self.min_text.value(),
        )

    # ----- print-shop profiles -----------------------------------------------------------------
    def _fill_profiles(self, chosen: Path | None = None) -> None:
        """The CMYK output profiles in the system's colour folders, then "Other file…"."""
        self.profile.clear()
        found = system_profiles()
        extra = [chosen] if chosen is not None and chosen not in found else []
        for path in [*extra, *found]:
            self.profile.addItem(path.name, str(path))
            self.profile.setItemData(self.profile.count() - 1, str(path),
                                     Qt.ItemDataRole.ToolTipRole)
        if not found and not extra:
            self.profile.addItem("No CMYK profile found on this system", None)
        self.profile.addItem(_OTHER_PROFILE, _OTHER_PROFILE)
        if chosen is not None:
            self.profile.setCurrentIndex(max(0, self.profile.findData(str(chosen))))

    def _select_profile(self, path: Path) -> None:
        if self.profile.findData(str(path)) < 0:
            self._fill_profiles(path)
        self.profile.setCurrentIndex(max(0, self.profile.findData(str(path))))

    def _profile_chosen(self) -> None:
        if self.profile.currentData() != _OTHER_PROFILE:
            return
        name, _ = QFileDialog.getOpenFileName(self, "Print shop's ICC profile", str(Path.home()),
                                              "ICC profiles (*.icc *.icm *.ICC *.ICM)")
        if not name:
            self.profile.setCurrentIndex(0)
            return
        self._select_profile(Path(name))

    # ----- what the poster will be like -----------------------------------------------------
    def journey(self) -> JourneyMap:
        """What is exported: the map, or what the chosen saved view shows of it, with the
        curves the Curves menu shows (the active one first: drawn with faces)."""
        document = self.window_.document
        journey = document.map
        view_id = self.view.currentData()
        saved = view_by_id(journey, view_id) if view_id is not None else None
        return shown_curves_map(document,
                                view_map(journey, saved) if saved is not None else journey)

    def _update_advice(self) -> None:
        """Which cards the poster will show and, when even titles print too small, what paper
        would hold them; characters no font has. Plain text: map text is data."""
        notes = []
        kind = self.kind.currentData()
        journey = self.journey()
        if kind in ("poster", "tiles"):
            try:
                options = self.options()
            except OptionsError:
                options = None
            if options is not None:
                notes += poster_notes(journey, options)
        missing = describe(undrawable(journey))
        if missing:
            notes.append(missing[0].upper() + missing[1:] + ".")
        left_out = len(self.window_.document.map.curves) - len(journey.curves)
        if left_out > 0 and journey.curves:
            notes.append(f"Emotion curves drawn: "
                         f"{', '.join(curve_name(journey, c) for c in journey.curves)} "
                         f"({left_out} left out by the view or the Curves menu).")
        self.advice.setText("\n".join(one_line(note) for note in notes))
        self.advice.setVisible(bool(notes))

    def _browse(self) -> None:
        fmt = self.file_format()
        path = ask_save_path(self, "Export", Path(self.output.text() or f"map{fmt.suffix}"),
                             fmt.name_filter(), fmt.suffix.lstrip("."))
        if path is not None:
            self._confirmed = path
            self.output.setText(str(path))

    # ----- exporting ---------------------------------------------------------------------------
    def _export(self) -> None:
        kind = self.kind.currentData()
        try:
            options = self.options()
        except OptionsError as error:
            if kind in _PDF_KINDS:
                self._show_problem(str(error))
                return
            options = PdfOptions()
        text = self.output.text().strip()
        if not text:
            self._show_problem("Choose where to save the file.")
            return
        path = Path(self._with_suffix(text))
        if path.exists() and path != self._confirmed and not confirm(
                self, "Replace file?", f"{quoted_name(path)} exists already. Replace it?",
                "Replace"):
            return
        if kind in _PDF_KINDS:
            self.settings.setValue(_SETTINGS_KEY, json.dumps(options.to_dict()))
        self.settings.setValue(_FORMAT_KEY, kind if kind in _PLAIN_KINDS else "pdf")
        self.settings.setValue(_DPI_KEY, self.dpi.value())
        self.settings.setValue("export/openAfter", self.open_after.isChecked())
        journey = self.journey()
        if kind == "svg":
            result: AnyResult | None = export_with_progress(
                self, export_svg, journey, path, what="SVG")
        elif kind == "png":
            result = export_with_progress(self, export_png, journey, path, self.dpi.value(),
                                          what="PNG")
        elif kind in _PLAIN_KINDS:
            result = export_with_progress(self, self.file_format().load_writer(), journey,
                                          path, what=_PLAIN_LABELS[kind])
        else:
            result = export_with_progress(self, export_pdf, journey, path, options)
        if result is None:
            return
        self.settings.setValue(_DIR_KEY, str(path.parent))
        self.result_ = result
        if self.open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.accept()

    def _show_problem(self, message: str) -> None:
        self.problem.setText(one_line(message))
        self.problem.show()


def export_with_progress(parent: QWidget, export: Any, journey: object, path: Path,
                         *args: object, what: str = "PDF") -> Any:
    """Run `export(journey, path, *args, progress=...)` with a cancellable progress dialog;
    errors are shown. None when it failed or was cancelled (and then no file was written)."""
    progress = QProgressDialog(f"Exporting {what}…", "Cancel", 0, 1000, parent)
    progress.setObjectName("exportProgress")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)
    progress.setAutoClose(False)

    def report(fraction: float) -> bool:
        progress.setValue(round(fraction * 1000))
        QApplication.processEvents()
        return not progress.wasCanceled()

    try:
        return export(journey, path, *args, progress=report)
    except Cancelled:
        return None
    except (OptionsError, ExportError, WriteError, OSError) as error:
        show_error(parent, f"Could not export the {what}", str(error))
        return None
    finally:
        progress.close()


def run_export_dialog(window: MainWindow) -> AnyResult | None:
    dialog = ExportDialog(window)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_ is not None:
        window.statusBar().showMessage(f"Exported {file_name(dialog.result_.path)}: "
                                       f"{one_line(dialog.result_.summary())}", 8_000)
        return dialog.result_
    return None
