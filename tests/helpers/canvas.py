"""Driving the canvas as a user does: real mouse events on the view's viewport, in scene
coordinates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt
from pytestqt.qtbot import QtBot

from journeymap_desktop.canvas.view import JourneyView
from journeymap_desktop.layout.geometry import Rect

if TYPE_CHECKING:
    from journeymap_desktop.ui.main_window import MainWindow


def viewport_point(view: JourneyView, scene_point: QPointF | tuple[float, float]) -> QPoint:
    if isinstance(scene_point, tuple):
        scene_point = QPointF(*scene_point)
    return view.mapFromScene(scene_point)


def centre(rect: Rect) -> QPointF:
    return QPointF(rect.x + rect.w / 2, rect.y + rect.h / 2)


def card_centre(window: MainWindow, card_id: str) -> QPointF:
    """The middle of a card as laid out now, in scene coordinates."""
    return centre(window.scene.layout.cards[card_id].rect)


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


def select_card(qtbot: QtBot, window: MainWindow, card_id: str,
                modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Click a card, as a user selects it (Ctrl or Shift to add it to the selection)."""
    click(qtbot, window.view, card_centre(window, card_id), modifiers)


def lane_id(window: MainWindow, kind: str) -> str:
    """The first lane of a kind ("touchpoints", "pain_points", ...)."""
    return next(lane.id for lane in window.document.map.lanes if lane.kind == kind)


def cell_centre(window: MainWindow, stage_index: int, lane_kind: str) -> QPointF:
    """The middle of a cell, in scene coordinates: stage by index, lane by kind."""
    stage = window.document.map.stages[stage_index].id
    return centre(window.scene.layout.cell_rect(stage, lane_id(window, lane_kind)))
