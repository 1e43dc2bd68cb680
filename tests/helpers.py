"""Helpers that drive the canvas the way a user does: real mouse events on the viewport."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from journeymap_desktop.canvas.view import JourneyView
from journeymap_desktop.layout.geometry import Rect


def viewport_point(view: JourneyView, scene_point: QPointF | tuple[float, float]) -> QPoint:
    if isinstance(scene_point, tuple):
        scene_point = QPointF(*scene_point)
    return view.mapFromScene(scene_point)


def centre(rect: Rect) -> QPointF:
    return QPointF(rect.x + rect.w / 2, rect.y + rect.h / 2)


def drag(qtbot: QtBot, view: JourneyView, start: QPointF | tuple[float, float],
         end: QPointF | tuple[float, float], *, steps: int = 8,
         button: Qt.MouseButton = Qt.MouseButton.LeftButton,
         modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
         release: bool = True) -> None:
    """Press at `start`, move in steps to `end`, release: all in scene coordinates."""
    viewport = view.viewport()
    a = viewport_point(view, start)
    b = viewport_point(view, end)
    assert viewport.rect().contains(a), f"drag starts outside the viewport: {a}"
    qtbot.mousePress(viewport, button, modifiers, pos=a)
    for step in range(1, steps + 1):
        point = QPoint(round(a.x() + (b.x() - a.x()) * step / steps),
                       round(a.y() + (b.y() - a.y()) * step / steps))
        qtbot.mouseMove(viewport, pos=point)
    if release:
        qtbot.mouseRelease(viewport, button, modifiers, pos=b)


def click(qtbot: QtBot, view: JourneyView, at: QPointF | tuple[float, float],
          modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
          button: Qt.MouseButton = Qt.MouseButton.LeftButton) -> None:
    point = viewport_point(view, at)
    qtbot.mouseClick(view.viewport(), button, modifiers, pos=point)


def answer_next_message_box(button: QMessageBox.StandardButton | str,
                            seen: list[str] | None = None) -> None:
    """Click `button` (a standard button or a button's text) in the next modal message box,
    as soon as it appears; records the box's text in `seen`."""

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, poll)
            return
        if seen is not None:
            seen.append(box.text())
        if isinstance(button, str):
            target = next(b for b in box.buttons() if b.text().replace("&", "") == button)
        else:
            target = box.button(button)
        target.click()

    QTimer.singleShot(0, poll)


def wait_for(qtbot: QtBot, condition: Callable[[], bool], timeout: int = 3000) -> None:
    qtbot.waitUntil(condition, timeout=timeout)


def files_in(folder: Path, pattern: str = "*") -> list[Path]:
    return sorted(folder.glob(pattern)) if folder.is_dir() else []


def type_text(qtbot: QtBot, widget: object, text: str) -> None:
    """Type like a user: plain keys for ASCII, an input-method commit (as a compose key or
    an IME delivers it) for anything else, such as 'ü' or '—'."""
    from PySide6.QtGui import QInputMethodEvent

    run = ""
    for ch in text + "\0":
        if ch.isascii() and ch != "\0":
            run += ch
            continue
        if run:
            qtbot.keyClicks(widget, run)
            run = ""
        if ch != "\0":
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)
