"""The Curves menu (View > Curves, and the toolbar's "Curves" button): a checkbox per curve
to draw it in the emotions lane or not, and which curve is active (the one keys 1-5 and the
inspector's faces edit, drawn with faces and words).

Neither is an edit of the map (no undo, the file is unchanged): the document keeps them as
view state (`set_curve_hidden`, `shown_curve_ids`, `set_active_curve`). A saved view that
names personas or scenarios narrows the curves offered to its own; the export dialog draws
the curves shown here (`shown_curves_map`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QActionGroup, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QMenu, QToolButton

from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.curve_traces import curve_style
from journeymap_desktop.layout.geometry import CurveStyle
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.model.views import view_curves
from journeymap_desktop.ui.plain_text import menu_text

if TYPE_CHECKING:
    from journeymap_desktop.ui.main_window import MainWindow

ICON_SIZE = (28, 12)


def curve_icon(style: CurveStyle) -> QIcon:
    """A short stretch of the curve's line: its colour and dash, as the lane draws it."""
    width, height = ICON_SIZE
    pixmap = QPixmap(width * 2, height * 2)  # drawn at twice the size: sharp on HiDPI
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen(QColor(theme.colour(style.colour)), 2.0, Qt.PenStyle.SolidLine,
               Qt.PenCapStyle.RoundCap)
    if style.dash:
        pen.setDashPattern(list(style.dash))
    painter.setPen(pen)
    painter.drawLine(QPointF(3, height / 2), QPointF(width - 3, height / 2))
    painter.end()
    return QIcon(pixmap)


def offered_curves(document: JourneyDocument) -> list[str]:
    """The curves the menu lists: the saved view's (every curve without one), and the
    active curve."""
    journey = document.map
    view = document.active_view
    ids = {c.id for c in (view_curves(journey, view) if view is not None else journey.curves)}
    active = document.active_curve_id
    return [c.id for c in journey.curves if c.id in ids or c.id == active]


def fill_curves_menu(document: JourneyDocument, menu: QMenu) -> None:
    """"Show" with a checkbox per curve, then "Active curve" with a choice per shown curve."""
    menu.clear()
    journey = document.map
    if not journey.curves:
        empty = menu.addAction("No emotion curves yet (keys 1-5 start one)")
        empty.setEnabled(False)
        return
    active = document.active_curve_id
    offered = offered_curves(document)
    shown = set(document.shown_curve_ids)
    menu.addSection("Show in the emotions lane")
    for curve_id in offered:
        style = curve_style(journey, document.curve(curve_id), curve_id == active)
        # No icon: styles draw an icon instead of the check mark (the inspector's rows and
        # the legend show each line's look).
        action = menu.addAction(menu_text(style.name, 60))
        action.setObjectName(f"showCurve:{curve_id}")
        action.setCheckable(True)
        action.setChecked(curve_id in shown)
        if curve_id == active:
            action.setEnabled(False)  # the active curve is always drawn
            action.setToolTip("The active curve is always shown")
        action.toggled.connect(lambda on, cid=curve_id: document.set_curve_hidden(cid, not on))
    menu.addSection("Active curve (keys 1-5 set its values)")
    group = QActionGroup(menu)
    for curve_id in offered:
        style = curve_style(journey, document.curve(curve_id), curve_id == active)
        action = menu.addAction(menu_text(style.name, 60))
        action.setObjectName(f"activeCurve:{curve_id}")
        action.setCheckable(True)
        action.setChecked(curve_id == active)
        action.setActionGroup(group)
        action.triggered.connect(lambda _=False, cid=curve_id: choose_active(document, cid))
    if len(offered) < len(journey.curves):
        note = menu.addAction(f"{len(journey.curves) - len(offered)} more in other views")
        note.setEnabled(False)


def choose_active(document: JourneyDocument, curve_id: str) -> None:
    """Make a curve the active one (and show it, should it have been switched off)."""
    document.set_curve_hidden(curve_id, False)
    document.set_active_curve(curve_id)


def shown_curves_map(document: JourneyDocument, journey: JourneyMap) -> JourneyMap:
    """`journey` (the map, or a view's map) without the curves switched off, the active
    curve first (the one an export draws with faces): what an export from the window
    draws."""
    active = document.active_curve_id
    curves = [c for c in journey.curves if not document.curve_hidden(c.id) or c.id == active]
    curves.sort(key=lambda c: c.id != active)
    if [c.id for c in curves] == [c.id for c in journey.curves]:
        return journey
    kept = {c.id for c in curves}
    cards = [card if not card.emotions or kept.issuperset(card.emotions)
             else card.model_copy(update={"emotions": {
                 k: v for k, v in card.emotions.items() if k in kept}})
             for card in journey.cards]
    return journey.model_copy(update={"curves": curves, "cards": cards})


def install_curves_button(window: MainWindow) -> QToolButton:
    """"Curves ▾" in the toolbar, beside the saved views."""
    button = QToolButton(window)
    button.setObjectName("curvesButton")
    button.setText("Curves")
    button.setToolTip("Emotion curves: which ones the emotions lane shows, and the active one")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    menu.setObjectName("curvesToolbarMenu")
    menu.aboutToShow.connect(lambda: fill_curves_menu(window.document, menu))
    button.setMenu(menu)
    window.toolbar.addWidget(button)
    return button
