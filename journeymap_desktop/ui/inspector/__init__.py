"""The inspector dock: edits every field of the selected card(s), stage, lane, or the map."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)

from journeymap_desktop.canvas.scene import JourneyScene
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.ui.inspector.base import TYPING_PAUSE_MS
from journeymap_desktop.ui.inspector.card_page import CardPage, CardsPage
from journeymap_desktop.ui.inspector.map_page import MapPage
from journeymap_desktop.ui.inspector.stage_lane_pages import LanePage, StagePage

# px: the card page whole beside its scroll bar; above it the window gives the inspector
# a share of its width (ui/window_layout).
INSPECTOR_MIN_WIDTH = 280


class Inspector(QDockWidget):
    def __init__(self, document: JourneyDocument, scene: JourneyScene,
                 parent: QWidget | None = None, typing_pause_ms: int = TYPING_PAUSE_MS) -> None:
        super().__init__("Inspector", parent)
        self.setObjectName("inspectorDock")
        self.document = document
        self.scene = scene
        self.stack = QStackedWidget()
        self.map_page = MapPage(document)
        self.card_page = CardPage(document)
        self.cards_page = CardsPage(document)
        self.stage_page = StagePage(document)
        self.lane_page = LanePage(document)
        self.pages = (self.map_page, self.card_page, self.cards_page, self.stage_page,
                      self.lane_page)
        for page in self.pages:
            page.pause_ms = typing_pause_ms
            self.stack.addWidget(page)
        # The inspector is as narrow as the page it shows allows, not as its widest page.
        self.stack.currentChanged.connect(self._size_by_current_page)
        self._size_by_current_page()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # As needed, not off: at its narrowest a page's widest row scrolls rather than being
        # cut off.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setWidget(self.stack)
        self.setWidget(scroll)
        # Narrow is allowed: the window gives it a share of its width (ui/window_layout).
        self.setMinimumWidth(INSPECTOR_MIN_WIDTH)
        scene.selection_ids_changed.connect(self.follow_selection)
        document.edited.connect(self._after_edit)
        self.follow_selection()

    def _size_by_current_page(self, *_: object) -> None:
        current = self.stack.currentWidget()
        for page in self.pages:
            policy = (QSizePolicy.Policy.Preferred if page is current
                      else QSizePolicy.Policy.Ignored)
            page.setSizePolicy(policy, policy)
        self.stack.updateGeometry()

    def commit_pending(self) -> None:
        """Push any text typed in the inspector that has not reached the map yet."""
        for page in (self.map_page, self.card_page, self.stage_page, self.lane_page):
            page.commit_pending()

    def end_typing_pause(self) -> None:
        """End a running pause in typing now, as if the user had stopped for a while."""
        for page in self.pages:
            page.end_typing_pause()

    def follow_selection(self) -> None:
        self.commit_pending()
        scene = self.scene
        cards = scene.selected_card_ids()
        stages = scene.selected_stage_ids()
        lanes = scene.selected_lane_ids()
        if len(cards) == 1:
            self.card_page.show_card(cards[0])
            self.stack.setCurrentWidget(self.card_page)
        elif len(cards) > 1:
            self.cards_page.show_cards(cards)
            self.stack.setCurrentWidget(self.cards_page)
        elif len(stages) == 1:
            self.stage_page.show_stage(stages[0])
            self.stack.setCurrentWidget(self.stage_page)
        elif len(lanes) == 1:
            self.lane_page.show_lane(lanes[0])
            self.stack.setCurrentWidget(self.lane_page)
        else:
            self.map_page.reload()
            self.stack.setCurrentWidget(self.map_page)

    def _after_edit(self) -> None:
        # A removed card/stage/lane leaves the selection; an undo may bring it back.
        current = self.stack.currentWidget()
        if current is self.card_page and not (
                self.card_page.card_id and self.document.has_card(self.card_page.card_id)):
            self.follow_selection()
        elif current is self.stage_page:
            self.stage_page.reload()
