"""Maps with a workshop in them: participants, voting rounds and votes, built through the model
(no Qt), for the tests of rounds, results, the handout page and the CLI."""

from __future__ import annotations

from journeymap_desktop.model.map import Card, JourneyMap
from journeymap_desktop.model.templates import service_journey
from journeymap_desktop.model.workshop import (
    Participant,
    TimerEvent,
    Vote,
    VoteScope,
    VotingRound,
    Workshop,
)


def voting_map() -> JourneyMap:
    """The service template with six pain points and two ideas, three participants and two
    rounds: "Worst pain" (closed, anonymous, a tie for second place) and "Ideas first"
    (open, named, nothing revealed)."""
    journey = service_journey()
    lanes = {lane.kind: lane.id for lane in journey.lanes}
    stages = [stage.id for stage in journey.stages]
    pains = ["Hidden fees", "Slow checkout", "No tracking", "Rude courier", "Late refund",
             "Forms ask twice"]
    journey.cards = [
        Card(id=f"p{i}", stage_id=stages[i % len(stages)], lane_id=lanes["pain_points"],
             order=i // len(stages), kind="pain_point", title=title)
        for i, title in enumerate(pains)]
    journey.cards += [
        Card(id="i0", stage_id=stages[0], lane_id=lanes["opportunities"], kind="opportunity",
             title="Show the total early"),
        Card(id="i1", stage_id=stages[1], lane_id=lanes["opportunities"], kind="opportunity",
             title="Live map of the van"),
    ]
    people = [Participant(id="ana", name="Ana"), Participant(id="ben", name="Ben"),
              Participant(id="c3", name="")]
    worst = VotingRound(
        id="worst", name="Worst pain", scope=VoteScope(kinds=["pain_point"]), budget=3,
        cap_per_card=2, participant_ids=["ana", "ben", "c3"], anonymity="anonymous",
        state="closed", revealed=True, done_ids=["ana", "ben", "c3"],
        votes=[Vote(card_id="p0", participant_id="ana", count=2),
               Vote(card_id="p1", participant_id="ana", count=1),
               Vote(card_id="p0", participant_id="ben", count=1),
               Vote(card_id="p2", participant_id="ben", count=2),
               Vote(card_id="p1", participant_id="c3", count=1),
               Vote(card_id="p0", participant_id="c3", count=1)])
    ideas = VotingRound(
        id="ideas", name="Ideas first", scope=VoteScope(kinds=["opportunity"]), budget=2,
        participant_ids=["ana", "ben"], anonymity="named", state="open",
        votes=[Vote(card_id="i1", participant_id="ben", count=2)])
    journey.workshop = Workshop(
        participants=people, rounds=[worst, ideas],
        timer_log=[TimerEvent(at="2025-03-14T10:00:00Z", action="set", seconds=300,
                              round_id="worst"),
                   TimerEvent(at="2025-03-14T10:00:02Z", action="start", seconds=300,
                              round_id="worst")])
    return JourneyMap.model_validate(journey.model_dump())
