"""The window on a laptop's screen (issue 10): it opens inside the screen, the map gets most of
the width, the inspector folds away and keeps its share, and the panel layout comes back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from journeymap_desktop.ui import window_layout
from journeymap_desktop.ui.main_window import MainWindow
from journeymap_desktop.ui.window_manager import WindowManager


def _framed(rect: QRect) -> QRect:
    """A window's geometry with room for a window manager's frame (borders, title bar)."""
    return rect.adjusted(-8, -32, 8, 8)


def _open_on(manager: WindowManager, area: QRect, examples_dir: Path,
             qtbot: QtBot) -> MainWindow:
    """The grocery example opened as on a screen whose available area is `area`."""
    manager.screen_area = lambda: area  # type: ignore[method-assign]
    window = manager.open_path(examples_dir / "grocery-delivery.journeymap")
    assert window is not None
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window


def _close(window: MainWindow, qtbot: QtBot) -> None:
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())


def _map_share(window: MainWindow) -> float:
    return window.view.width() / window.width()


@pytest.mark.parametrize(("width", "height", "share"), [
    (1366, 768, 0.60), (1024, 700, 0.50), (1920, 1080, 0.60), (2560, 1440, 0.60)])
def test_the_first_window_fits_the_screen_and_the_map_gets_most_of_it(
        manager: WindowManager, examples_dir: Path, qtbot: QtBot, width: int, height: int,
        share: float) -> None:
    area = QRect(0, 0, width, height)
    window = _open_on(manager, area, examples_dir, qtbot)
    assert area.contains(_framed(window.geometry())), window.geometry()
    assert window.width() >= min(width - 40, 1400)  # uses the screen, not a corner of it
    assert _map_share(window) >= share, (window.view.width(), window.width())
    assert window.palette_dock.isVisible() and window.palette_dock.width() <= 60
    assert window.inspector.isVisible() and not window.history.isVisible()


def test_a_saved_window_too_big_for_this_screen_is_not_restored(
        manager: WindowManager, examples_dir: Path, qtbot: QtBot) -> None:
    big = _open_on(manager, QRect(0, 0, 2560, 1440), examples_dir, qtbot)
    big.setGeometry(QRect(100, 80, 2200, 1250))
    _close(big, qtbot)
    # The laptop alone, the next day: the big window would run off the screen.
    laptop = QRect(0, 0, 1366, 768)
    window = _open_on(manager, laptop, examples_dir, qtbot)
    assert laptop.contains(_framed(window.geometry())), window.geometry()
    assert _map_share(window) >= 0.60
    window.setGeometry(QRect(60, 50, 1100, 640))
    _close(window, qtbot)
    # A place that fits comes back as it was.
    again = _open_on(manager, laptop, examples_dir, qtbot)
    assert again.geometry() == QRect(60, 50, 1100, 640)


def test_shrinking_the_window_shrinks_the_inspector_too(
        manager: WindowManager, examples_dir: Path, qtbot: QtBot) -> None:
    window = _open_on(manager, QRect(0, 0, 1920, 1080), examples_dir, qtbot)
    wide = window.inspector.width()
    window.resize(1024, 700)
    QApplication.processEvents()
    assert window.inspector.width() < wide
    assert window.inspector.width() <= 0.34 * window.width() + 1
    assert _map_share(window) >= 0.50


def test_the_inspector_folds_away_with_its_shortcut_and_stays_folded(
        manager: WindowManager, examples_dir: Path, qtbot: QtBot) -> None:
    window = _open_on(manager, QRect(0, 0, 1366, 768), examples_dir, qtbot)
    before = window.view.width()
    window.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_I,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    QApplication.processEvents()
    assert not window.inspector.isVisible()
    assert window.view.width() > before + 150
    assert not window.act_toggle_inspector.isChecked()
    _close(window, qtbot)

    # Remembered: the next window opens with it folded, and the shortcut brings it back.
    again = _open_on(manager, QRect(0, 0, 1366, 768), examples_dir, qtbot)
    assert not again.inspector.isVisible()
    again.view.setFocus()
    qtbot.keyClick(again, Qt.Key.Key_I,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    QApplication.processEvents()
    assert again.inspector.isVisible()
    assert _map_share(again) >= 0.60


def test_a_shown_history_panel_is_remembered(manager: WindowManager, examples_dir: Path,
                                             qtbot: QtBot) -> None:
    window = _open_on(manager, QRect(0, 0, 1920, 1080), examples_dir, qtbot)
    window.history.toggleViewAction().trigger()
    assert window.history.isVisible()
    _close(window, qtbot)
    again = _open_on(manager, QRect(0, 0, 1920, 1080), examples_dir, qtbot)
    assert again.history.isVisible()
    assert _map_share(again) >= 0.60


def test_the_palette_strip_names_its_kinds_and_still_adds_cards(manager: WindowManager,
                                                  examples_dir: Path, qtbot: QtBot) -> None:
    window = _open_on(manager, QRect(0, 0, 1366, 768), examples_dir, qtbot)
    button = window.palette_dock.buttons["pain_point"]
    assert "Pain point" in button.toolTip()
    count = len(window.document.map.cards)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(window.document.map.cards) == count + 1


def test_the_matrix_window_fits_a_small_screen_too(manager: WindowManager,
                                                    examples_dir: Path, qtbot: QtBot,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The prioritisation matrix opened 1120x760: off a 1024x700 laptop's screen."""
    from journeymap_desktop.ui.matrix_window import matrix_window

    laptop = QRect(0, 0, 1024, 700)
    monkeypatch.setattr(window_layout, "screen_area_of", lambda _widget: laptop)
    window = _open_on(manager, laptop, examples_dir, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_M,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    matrix = matrix_window(window)
    assert matrix is not None and matrix.isVisible()
    assert laptop.contains(_framed(QRect(0, 0, matrix.width(), matrix.height())
                                   .translated(8, 32)))
    matrix.close()
