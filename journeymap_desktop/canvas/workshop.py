"""A window's workshop session: which voting round is on, who is voting at the laptop, which
cell fast capture writes into, and whether capture is private. The workshop mode's gestures
and keys (canvas/workshop_gestures.py) and the facilitator's panel (ui/workshop/) both act
through it; every change of the map it makes is an undo command.

    cast(card, +1 / -1)    the current participant's dots on a card, within budget and cap
    capture(text)          one card per line in the capture cell, at its end; private or not
    next_cell(+1 / -1)     Tab / Shift+Tab: the next cell along the lane, then the next lane
    reveal_private()       every privately captured card shown to the room, one undo step

Not part of the file: a session starts afresh for each window (the rounds, votes and the
timer's log it writes are in the map).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from journeymap_desktop import commands
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.model.ids import new_id
from journeymap_desktop.model.map import MAX_NAME, Card
from journeymap_desktop.model.queries import default_card_kind
from journeymap_desktop.model.workshop import VotingRound, round_by_id, votes_on

Cell = tuple[str, str]  # (stage_id, lane_id)
TITLE_MAX = 120  # a longer line keeps its start as the title and all of it as the text


class WorkshopSession(QObject):
    changed = Signal()  # the round, the participant, the capture cell or private capture
    refused = Signal(str)  # why a vote or a capture did not happen, one sentence
    captured = Signal(list)  # ids of the cards just captured
    typed = Signal(str)  # a letter typed on the map: the start of a note

    def __init__(self, document: JourneyDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._round_id: str | None = None
        self._participant_id: str | None = None
        self._cell: Cell | None = None
        self.private = False
        document.workshop_changed.connect(self._keep_valid)
        document.reset.connect(self._keep_valid)
        for signal in (document.stage_removed, document.lane_removed):
            signal.connect(self._keep_valid)
        self._keep_valid()

    # ----- the round and the participant ---------------------------------------------------
    @property
    def voting_round(self) -> VotingRound | None:
        return round_by_id(self.document.map.workshop, self._round_id)

    @property
    def round_id(self) -> str | None:
        return self._round_id if self.voting_round is not None else None

    def set_round(self, round_id: str | None) -> None:
        if round_id is not None and round_by_id(self.document.map.workshop, round_id) is None:
            raise ValueError(f'unknown voting round "{round_id}"')
        if round_id != self._round_id:
            self._round_id = round_id
            self._participant_id = None
            self._keep_valid()
            self.changed.emit()

    @property
    def participant_id(self) -> str | None:
        voting_round = self.voting_round
        if voting_round is None or self._participant_id not in voting_round.participant_ids:
            return None
        return self._participant_id

    def set_participant(self, participant_id: str | None) -> None:
        if participant_id != self._participant_id:
            self._participant_id = participant_id
            self.changed.emit()

    def choose_participant(self, number: int) -> bool:
        """The round's participant number `number` (1 = the first): keys 1-9."""
        voting_round = self.voting_round
        if voting_round is None or not 1 <= number <= len(voting_round.participant_ids):
            return False
        self.set_participant(voting_round.participant_ids[number - 1])
        return True

    def next_participant(self) -> None:
        """The next participant who has not said "I'm done" (after the current one)."""
        voting_round = self.voting_round
        if voting_round is None or not voting_round.participant_ids:
            return
        ids = voting_round.participant_ids
        start = ids.index(self.participant_id) + 1 if self.participant_id in ids else 0
        for step in range(len(ids)):
            candidate = ids[(start + step) % len(ids)]
            if candidate not in voting_round.done_ids:
                self.set_participant(candidate)
                return

    def _keep_valid(self, *_: object) -> None:
        """After an edit or an undo: a round that went away is let go, and a round is chosen
        when there is one (the last open one, else the last)."""
        workshop = self.document.map.workshop
        before = (self._round_id, self._participant_id, self._cell)
        if round_by_id(workshop, self._round_id) is None:
            open_rounds = [r for r in workshop.rounds if r.state == "open"]
            chosen = open_rounds[-1] if open_rounds else (workshop.rounds[-1]
                                                          if workshop.rounds else None)
            self._round_id = chosen.id if chosen is not None else None
        voting_round = self.voting_round
        if voting_round is not None and self._participant_id not in voting_round.participant_ids:
            waiting = [p for p in voting_round.participant_ids
                       if p not in voting_round.done_ids]
            ids = waiting or voting_round.participant_ids
            self._participant_id = ids[0] if ids else None
        if self._cell is not None and self._cell not in self.cells():
            self._cell = None
        if (self._round_id, self._participant_id, self._cell) != before:
            self.changed.emit()

    # ----- votes ---------------------------------------------------------------------------
    def cast(self, card_id: str, delta: int) -> bool:
        """One more (delta 1) or one fewer (-1) of the current participant's dots on a card,
        as one undo step. Refused with a reason (`refused`) past the budget or the cap,
        outside the round, or with nobody chosen."""
        voting_round = self.voting_round
        if voting_round is None:
            self.refused.emit("Start a voting round first.")
            return False
        participant = self.participant_id
        if participant is None:
            self.refused.emit("Choose who is voting first.")
            return False
        count = votes_on(voting_round, card_id, participant) + delta
        refusal = self.document.check_vote(voting_round.id, participant, card_id, count)
        if refusal is not None:
            self.refused.emit(refusal)
            return False
        self.document.push(commands.CastVote(self.document, voting_round.id, participant,
                                             card_id, count))
        return True

    # ----- fast capture --------------------------------------------------------------------
    def cells(self) -> list[Cell]:
        """Every cell capture can write into, in Tab order: along each lane, lane by lane
        (the emotions lane holds the curve, not notes)."""
        journey = self.document.map
        return [(stage.id, lane.id) for lane in journey.lanes if lane.kind != "emotions"
                for stage in journey.stages]

    @property
    def cell(self) -> Cell | None:
        cells = self.cells()
        if self._cell in cells:
            return self._cell
        return cells[0] if cells else None

    def set_cell(self, stage_id: str, lane_id: str) -> bool:
        if (stage_id, lane_id) not in self.cells():
            return False
        if (stage_id, lane_id) != self._cell:
            self._cell = (stage_id, lane_id)
            self.changed.emit()
        return True

    def next_cell(self, step: int = 1) -> Cell | None:
        cells = self.cells()
        if not cells:
            return None
        current = self.cell
        index = cells.index(current) if current in cells else -step
        self._cell = cells[(index + step) % len(cells)]
        self.changed.emit()
        return self._cell

    def set_private(self, private: bool) -> None:
        if private != self.private:
            self.private = private
            self.changed.emit()

    def capture(self, text: str) -> list[str]:
        """Cards from text: one per non-empty line, at the end of the capture cell, all as one
        undo step. Returns their ids (none for blank text)."""
        lines = [" ".join(line.split()) for line in text.splitlines()]
        lines = [line for line in lines if line]
        cell = self.cell
        if not lines:
            return []
        if cell is None:
            self.refused.emit("Add a stage and a lane first.")
            return []
        stage_id, lane_id = cell
        kind = default_card_kind(self.document.lane(lane_id))
        cards = []
        for line in lines:
            title, body = line, ""
            if len(line) > TITLE_MAX:
                cut = line.rfind(" ", 0, TITLE_MAX)
                title = line[: cut if cut > TITLE_MAX // 2 else TITLE_MAX].rstrip() + "…"
                body = line
            cards.append(Card(id=new_id("card"), stage_id=stage_id, lane_id=lane_id,
                              kind=kind, title=title[:MAX_NAME], body=body,
                              private=self.private))
        count = len(self.document.cell_card_ids(stage_id, lane_id))
        what = "private card" if self.private else "card"
        text_ = f"Capture {what}" if len(cards) == 1 else f"Capture {len(cards)} {what}s"
        self.document.push(commands.AddCards(self.document, cards, count, text=text_))
        ids = [card.id for card in cards]
        self.captured.emit(ids)
        return ids

    def private_card_ids(self) -> list[str]:
        return [card.id for card in self.document.map.cards if card.private]

    def reveal_private(self) -> int:
        """Show every privately captured card to the room (one undo step); how many."""
        ids = self.private_card_ids()
        if ids:
            steps: list[QUndoCommand] = [
                commands.SetFields(self.document, "card", card_id, {"private": False})
                for card_id in ids]
            what = "private card" if len(ids) == 1 else f"{len(ids)} private cards"
            self.document.push(commands.Composite(self.document, f"Reveal {what}", steps))
        return len(ids)
