"""Shared test set-up: headless Qt, isolated settings/data folders, sample maps."""

from __future__ import annotations

import os

# Before anything imports Qt: GUI tests run without a display, here and in CI alike.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from journeymap_desktop.model.map import Card, JourneyMap
from journeymap_desktop.model.templates import service_journey
from tests.helpers_model import feel


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings, recovery drafts and recent files go to a temporary home, never the user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(home / "run"))
    (home / "run").mkdir(mode=0o700)


@pytest.fixture
def small_map() -> JourneyMap:
    """The service-journey template with a few cards in known cells."""
    journey = service_journey()
    stages = journey.stages
    lanes = {lane.kind: lane for lane in journey.lanes}
    touch = lanes["touchpoints"].id
    pain = lanes["pain_points"].id
    journey.cards = [
        Card(id="ad", stage_id=stages[0].id, lane_id=touch, order=0, title="Sees an ad",
             emotions=feel(1), channel="social"),
        Card(id="friend", stage_id=stages[0].id, lane_id=touch, order=1,
             title="Hears from a friend", emotions=feel(2)),
        Card(id="compare", stage_id=stages[1].id, lane_id=touch, order=0,
             title="Compares prices", emotions=feel(0), channel="web"),
        Card(id="checkout", stage_id=stages[2].id, lane_id=touch, order=0,
             title="Checkout", emotions=feel(-1), channel="web"),
        Card(id="fees", stage_id=stages[2].id, lane_id=pain, order=0, kind="pain_point",
             title="Hidden delivery fees", votes=4),
    ]
    return journey


@pytest.fixture
def examples_dir() -> Path:
    from journeymap_desktop.resources import examples_dir

    return examples_dir()


@pytest.fixture
def manager(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A window manager with its own recovery folder; windows close without prompts after."""
    from PySide6.QtCore import QSettings, QStandardPaths

    from journeymap_desktop.app import create_application
    from journeymap_desktop.ui.window_manager import WindowManager

    create_application()
    # Qt caches where settings live on first use: point it at this test's own folder.
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    windows_manager = WindowManager(recovery_dir=tmp_path / "recovery",
                                    autosave_interval_ms=3_600_000)
    watchdog = _DialogWatchdog()
    yield windows_manager
    for window in list(windows_manager.windows):
        window.flush_edits()  # text still being typed would ask to be saved on close
        window.document.undo_stack.setClean()
        window.close()
    watchdog.stop()
    assert not watchdog.closed, f"a dialog nobody answered was closed: {watchdog.closed}"


@pytest.fixture
def map_file(tmp_path: Path, small_map: JourneyMap) -> Path:
    from journeymap_desktop.storage import save_map

    path = tmp_path / "service.journeymap"
    save_map(small_map, path, keep_backup=False)
    return path


@pytest.fixture
def window(manager, map_file: Path, qtbot):  # type: ignore[no-untyped-def]
    """The small map open in a large window, at 100 % zoom, scrolled to the top left."""
    opened = manager.open_path(map_file)
    assert opened is not None
    opened.resize(1800, 1100)
    qtbot.waitExposed(opened)
    opened.view.horizontalScrollBar().setValue(0)
    opened.view.verticalScrollBar().setValue(0)
    return opened


class _DialogWatchdog:
    """A modal dialog that no test answers would hang the run (and CI) forever: close it
    after a few seconds and fail the test instead."""

    LIMIT_S = 8.0

    def __init__(self) -> None:
        import time

        from PySide6.QtCore import QTimer

        self._time = time.monotonic
        self.closed: list[str] = []
        self._seen: dict[int, float] = {}
        self.timer = QTimer()
        self.timer.setInterval(250)
        self.timer.timeout.connect(self._check)
        self.timer.start()

    def _check(self) -> None:
        from PySide6.QtWidgets import QApplication, QDialog

        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            return
        first = self._seen.setdefault(id(dialog), self._time())
        if self._time() - first > self.LIMIT_S:
            self.closed.append(f"{type(dialog).__name__} {dialog.windowTitle()!r}")
            dialog.reject()

    def stop(self) -> None:
        self.timer.stop()
