"""File > Export: the dialog makes the same files as `journeymap export` (PDF, SVG, PNG)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from journeymap_desktop.ui.export_dialog import ExportDialog
from journeymap_desktop.ui.main_window import MainWindow

Boxes = list[tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...]]]


def _boxes(path: Path) -> Boxes:
    reader = PdfReader(str(path))
    return [
        (tuple(float(v) for v in page.mediabox), tuple(float(v) for v in page.trimbox),
         tuple(float(v) for v in page.bleedbox))
        for page in reader.pages
    ]


def _same(a: Boxes, b: Boxes) -> bool:
    return len(a) == len(b) and all(
        abs(x - y) <= 0.5 for pa, pb in zip(a, b, strict=True)
        for box_a, box_b in zip(pa, pb, strict=True) for x, y in zip(box_a, box_b, strict=True))


def _choose(combo, data: object) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    combo.setCurrentIndex(index)


@pytest.mark.parametrize(("kind", "set_up", "cli_args"), [
    ("poster", {"paper": "A2", "orientation": "landscape", "bleed": 3.0, "crop": True},
     ["--paper", "A2", "--orientation", "landscape", "--bleed", "3", "--crop-marks"]),
    ("tiles", {"paper": "A1", "tile": "A4", "overlap": 12.0},
     ["--paper", "A1", "--tile", "A4", "--overlap", "12"]),
    ("handout", {"paper": "Letter"}, ["--handout", "--paper", "Letter"]),
])
def test_the_dialog_and_the_cli_make_the_same_pages(
        window: MainWindow, map_file: Path, tmp_path: Path, qtbot: QtBot, kind: str,
        set_up: dict[str, object], cli_args: list[str]) -> None:
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    _choose(dialog.kind, kind)
    _choose(dialog.paper, set_up["paper"])
    if "orientation" in set_up:
        _choose(dialog.orientation, set_up["orientation"])
    if "bleed" in set_up:
        dialog.bleed.setValue(float(set_up["bleed"]))  # type: ignore[arg-type]
        dialog.crop_marks.setChecked(bool(set_up["crop"]))
    if "tile" in set_up:
        _choose(dialog.tile, set_up["tile"])
        dialog.overlap.setValue(float(set_up["overlap"]))  # type: ignore[arg-type]
    from_dialog = tmp_path / f"dialog-{kind}.pdf"
    dialog.output.setText(str(from_dialog))
    dialog.export_button.click()
    assert dialog.result_ is not None, dialog.problem.text()
    assert from_dialog.is_file()

    from_cli = tmp_path / f"cli-{kind}.pdf"
    run = subprocess.run([sys.executable, "-m", "journeymap_desktop", "export", str(map_file),
                          "-o", str(from_cli), *cli_args], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stderr
    dialog_boxes, cli_boxes = _boxes(from_dialog), _boxes(from_cli)
    assert _same(dialog_boxes, cli_boxes), (dialog_boxes, cli_boxes)
    if kind == "poster":
        media, trim, bleed = dialog_boxes[0]
        assert media[2] - media[0] > trim[2] - trim[0] + 2 * 8.0, "room for crop marks"
        assert abs((bleed[2] - bleed[0]) - (trim[2] - trim[0]) - 2 * 3 * 72 / 25.4) < 0.5
    if kind == "tiles":
        assert len(dialog_boxes) > 2
    if kind == "handout":
        assert all(abs(m[2] - 612) < 0.5 and abs(m[3] - 792) < 0.5 for m, _, _ in dialog_boxes)


def test_the_dialog_remembers_the_last_settings(window: MainWindow, tmp_path: Path,
                                                qtbot: QtBot) -> None:
    first = ExportDialog(window)
    qtbot.addWidget(first)
    _choose(first.kind, "poster")
    _choose(first.paper, "A3")
    _choose(first.orientation, "portrait")
    first.cmyk.setChecked(True)
    first.output.setText(str(tmp_path / "remember.pdf"))
    first.export_button.click()
    assert first.result_ is not None

    second = ExportDialog(window)
    qtbot.addWidget(second)
    assert (second.kind.currentData(), second.paper.currentData(),
            second.orientation.currentData()) == ("poster", "A3", "portrait")
    assert second.cmyk.isChecked()
    assert Path(second.output.text()).parent == tmp_path


def test_invalid_choices_are_explained_in_the_dialog(window: MainWindow, tmp_path: Path,
                                                     qtbot: QtBot) -> None:
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    dialog.output.setText("")
    dialog.export_button.click()
    assert dialog.result_ is None
    assert "Choose where" in dialog.problem.text()


def test_cancelling_the_progress_leaves_no_file(window: MainWindow, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QProgressDialog

    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda _self: True)
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    target = tmp_path / "cancelled.pdf"
    dialog.output.setText(str(target))
    dialog.export_button.click()
    assert dialog.result_ is None
    assert not target.exists()
    assert not list(tmp_path.glob(".cancelled.pdf.*"))


def test_the_dialog_exports_svg_and_png_with_their_own_suffix(window: MainWindow,
                                                              tmp_path: Path,
                                                              qtbot: QtBot) -> None:
    from PySide6.QtGui import QImage

    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    dialog.output.setText(str(tmp_path / "journey.pdf"))
    _choose(dialog.kind, "svg")
    assert dialog.output.text() == str(tmp_path / "journey.svg"), "the suffix follows"
    assert not dialog.paper.isVisible() and not dialog.dpi.isVisible()
    dialog.export_button.click()
    assert dialog.result_ is not None, dialog.problem.text()
    assert (tmp_path / "journey.svg").read_text(encoding="utf-8").startswith("<?xml")

    again = ExportDialog(window)
    qtbot.addWidget(again)
    assert again.kind.currentData() == "svg", "the format is remembered"
    _choose(again.kind, "png")
    again.dpi.setValue(60)
    again.output.setText(str(tmp_path / "picture"))
    again.export_button.click()
    assert again.result_ is not None, again.problem.text()
    image = QImage(str(tmp_path / "picture.png"))
    assert not image.isNull() and round(image.dotsPerMeterX() * 0.0254) == 60
    assert again.result_.summary().startswith("PNG, ")


# ----- print shop (PDF/X-4), smallest text, what the poster will be like --------------------------
@pytest.fixture
def press_profile(tmp_path: Path) -> Path:
    from tests.icc_maker import make_cmyk_profile

    return make_cmyk_profile(tmp_path / "press.icc")


def test_the_print_shop_choice_writes_pdfx_like_the_cli(window: MainWindow, map_file: Path,
                                                        tmp_path: Path, qtbot: QtBot,
                                                        press_profile: Path) -> None:
    import pikepdf

    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    _choose(dialog.kind, "poster")
    _choose(dialog.paper, "A2")
    assert not dialog.form.isRowVisible(dialog.profile)
    dialog.pdfx.setChecked(True)
    assert dialog.form.isRowVisible(dialog.profile)
    assert not dialog.form.isRowVisible(dialog.cmyk), "PDF/X is CMYK anyway"
    dialog._select_profile(press_profile)
    assert dialog.profile.currentData() == str(press_profile)
    out = tmp_path / "shop.pdf"
    dialog.output.setText(str(out))
    dialog.export_button.click()
    assert dialog.result_ is not None, dialog.problem.text()
    with pikepdf.open(out) as pdf:
        assert pdf.pdf_version == "1.6"
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFX"
        assert pdf.Root.OutputIntents[0].DestOutputProfile.read_bytes() \
            == press_profile.read_bytes()
    from_cli = tmp_path / "cli.pdf"
    run = subprocess.run([sys.executable, "-m", "journeymap_desktop", "export", str(map_file),
                          "-o", str(from_cli), "--paper", "A2", "--pdfx", "--icc",
                          str(press_profile)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert _same(_boxes(out), _boxes(from_cli))

    again = ExportDialog(window)  # remembered, profile included
    qtbot.addWidget(again)
    assert again.pdfx.isChecked()
    assert again.profile.currentData() == str(press_profile)


def test_without_a_profile_the_dialog_says_how_to_get_one(window: MainWindow, tmp_path: Path,
                                                          qtbot: QtBot,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from journeymap_desktop.ui import export_dialog

    monkeypatch.setattr(export_dialog, "system_profiles", list)
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    _choose(dialog.kind, "poster")
    dialog.pdfx.setChecked(True)
    assert "No CMYK profile" in dialog.profile.currentText()
    out = tmp_path / "none.pdf"
    dialog.output.setText(str(out))
    dialog.export_button.click()
    assert dialog.result_ is None
    assert "print shop" in dialog.problem.text() and "eci.org" in dialog.problem.text()
    assert not out.exists()


def test_the_dialog_says_what_the_poster_shows_and_what_would_hold_it(
        window: MainWindow, qtbot: QtBot) -> None:
    first = window.document.map.cards[0].id
    window.document.set_card_fields(first, title="Party 🎉 at the launch")
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    _choose(dialog.kind, "poster")
    _choose(dialog.paper, "A3")
    dialog.min_text.setValue(40.0)
    dialog._update_advice()
    text = dialog.advice.text()
    assert dialog.advice.isVisibleTo(dialog)
    assert "40 pt needs" in text
    assert 'card "Party 🎉 at the launch"' in text and "🎉" in text
    assert dialog.advice.textFormat() == Qt.TextFormat.PlainText
    assert dialog.options().min_text_pt == 40.0
