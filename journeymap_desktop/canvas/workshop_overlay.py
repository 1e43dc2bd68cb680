"""What a scene shows of a workshop on top of the map: the voting badges on cards, "PRIVATE"
on cards captured privately, and cards outside the open round's scope dimmed.

    the laptop (audience "facilitator")   the current participant's own dots in the open
                                          round (they are at the laptop, voting), every
                                          revealed round's totals, PRIVATE marks
    the room (audience "room")            revealed rounds' totals only: hidden votes stay
                                          hidden, private cards are not in its scene at all

Revealed and closed rounds show side by side, each in its colour with its letter
(layout.workshop_picture). Attached while the window is in workshop mode; `detach` takes
every mark away and puts the search's dimming back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF

from journeymap_desktop.canvas.items.workshop_marks import WorkshopMarksItem
from journeymap_desktop.canvas.scene import JourneyScene
from journeymap_desktop.canvas.workshop import WorkshopSession
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.display import Item
from journeymap_desktop.layout.workshop_picture import Badge, badge_items
from journeymap_desktop.model.workshop import Audience, in_scope, round_totals, votes_on

BADGE_MARGIN = 10.0


class WorkshopOverlay(QObject):
    def __init__(self, scene: JourneyScene, session: WorkshopSession,
                 audience: Audience) -> None:
        super().__init__(scene)
        self.scene = scene
        self.session = session
        self.audience = audience
        self.marks: dict[str, WorkshopMarksItem] = {}
        self.attached = False
        self._drawn: dict[tuple[Badge, ...], tuple[Item, ...]] = {}
        # Badges never shrink below this scale on screen (zoomed out to the whole map, the
        # dots must still read): their scale is max(1, least / zoom).
        self.least_scale = 0.0
        self.zoom = 1.0

    def set_zoom(self, zoom: float, least_scale: float | None = None) -> None:
        """The view's zoom (and the smallest on-screen scale of a badge)."""
        self.zoom = max(zoom, 1e-6)
        if least_scale is not None:
            self.least_scale = least_scale
        scale = self.badge_scale()
        for item in self.marks.values():
            if item.scale() != scale:
                item.setScale(scale)

    def badge_scale(self) -> float:
        return max(1.0, self.least_scale / self.zoom)

    def attach(self) -> None:
        if self.attached:
            return
        self.attached = True
        document = self.scene.document
        document.workshop_changed.connect(self.refresh)
        self.session.changed.connect(self.refresh)
        self.scene.layout_changed.connect(self.refresh)
        self.refresh()

    def detach(self) -> None:
        if not self.attached:
            return
        self.attached = False
        document = self.scene.document
        document.workshop_changed.disconnect(self.refresh)
        self.session.changed.disconnect(self.refresh)
        self.scene.layout_changed.disconnect(self.refresh)
        for item in self.marks.values():
            self.scene.removeItem(item)
        self.marks = {}
        self.scene.apply_filter(self.scene.card_filter)

    def badges(self) -> dict[str, list[Badge]]:
        """Every shown card's badges, right to left."""
        journey = self.scene.document.map
        session = self.session
        current = session.voting_round
        participant = session.participant_id
        shown = self.scene.layout.cards
        totals = [(index, round_totals(r)) for index, r in enumerate(journey.workshop.rounds)
                  if r.revealed or r.state == "closed"]
        current_index = next((i for i, r in enumerate(journey.workshop.rounds)
                              if current is not None and r.id == current.id), None)
        # The current round's badge first (nearest the corner), then the others in order.
        totals.sort(key=lambda entry: entry[0] != current_index)
        mine = (self.audience == "facilitator" and current is not None
                and current.state == "open" and not current.revealed
                and participant is not None)
        out: dict[str, list[Badge]] = {}
        for card in journey.cards:
            if card.id not in shown:
                continue
            badges: list[Badge] = []
            if mine and current is not None and participant is not None:
                count = votes_on(current, card.id, participant)
                if count:
                    badges.append(Badge("mine", current_index or 0, count))
            badges += [Badge("total", index, counts[card.id]) for index, counts in totals
                       if counts.get(card.id)]
            if card.private and self.audience == "facilitator":
                badges.append(Badge("private"))
            if badges:
                out[card.id] = badges
        return out

    def refresh(self) -> None:
        if not self.attached:
            return
        scene = self.scene
        measurer = scene.engine.measurer
        wanted = self.badges()
        for card_id in [cid for cid in self.marks if cid not in wanted]:
            scene.removeItem(self.marks.pop(card_id))
        scale = self.badge_scale()
        for card_id, badges in wanted.items():
            key = tuple(badges)
            items = self._drawn.get(key)
            if items is None:
                if len(self._drawn) > 2_000:
                    self._drawn.clear()
                items = self._drawn[key] = badge_items(badges, measurer, 0.0)
            item = self.marks.get(card_id)
            if item is None:
                item = self.marks[card_id] = WorkshopMarksItem(card_id)
                item.setScale(scale)
                scene.addItem(item)
            item.set_items(items)
            box = scene.layout.cards[card_id].rect
            # Anchored at the card's top-right corner (less a margin): it grows from there.
            position = QPointF(box.x + theme.CARD_WIDTH - BADGE_MARGIN, box.y)
            if item.pos() != position:
                item.setPos(position)
        self._dim_out_of_scope()

    def _dim_out_of_scope(self) -> None:
        """In an open round, the cards nobody may vote on fade back (a search's dimming is
        kept as well)."""
        voting_round = self.session.voting_round
        scene = self.scene
        journey = scene.document.map
        voting = voting_round is not None and voting_round.state == "open"
        matching = scene.matching
        for card in journey.cards:
            item = scene.card_items.get(card.id)
            if item is None:
                continue
            dimmed = matching is not None and card.id not in matching
            if voting and voting_round is not None and not in_scope(voting_round, card):
                dimmed = True
            item.set_dimmed(dimmed)
