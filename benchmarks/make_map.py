"""Write a valid, realistic-looking journey map of any size, for benchmarks and tests.

    python benchmarks/make_map.py --cards 2000 [--stages 8] [--lanes 7] [--seed 0] -o FILE

The same arguments always give the same file, byte for byte: everything random comes from
`random.Random(seed)` (and the journey-depth parts, added with format version 2, from a second
generator of the same seed, so the cards themselves read as before) and the timestamps are
fixed. Maps are of format version 2: everyone's as-is curve on the -2..+2 scale, a to-be
curve and a curve per persona on part of the touchpoints, survey distributions behind some
values, quotes, metrics, survey figures and links on some cards, scores on most pain points
and opportunities, and a saved view. Other benchmarks and the tests import
`make_map()` from this file by path (benchmarks/ is not a package).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from journeymap_desktop import __version__
from journeymap_desktop.model.curves import EVERYONE_AS_IS_ID
from journeymap_desktop.model.map import (
    MAX_CARDS,
    MAX_LANES,
    MAX_STAGES,
    CardKind,
    Channel,
    JourneyMap,
    LaneKind,
)
from journeymap_desktop.model.templates import STAGE_PALETTE
from journeymap_desktop.storage import SaveError, save_map

MIN_LANES = 2  # a touchpoints lane and the emotions lane
DEFAULT_STAGES = 8

DEFAULT_LANES: tuple[tuple[str, LaneKind], ...] = (
    ("Customer actions", "customer_actions"),
    ("Touchpoints", "touchpoints"),
    ("Emotions", "emotions"),
    ("Pain points", "pain_points"),
    ("Opportunities", "opportunities"),
    ("Channels", "channels"),
    ("Backstage", "backstage"),
)
LANE_PRIORITY: tuple[LaneKind, ...] = (
    "touchpoints", "pain_points", "customer_actions", "opportunities", "backstage", "channels",
)
# Lanes beyond the usual seven; never another emotions lane, the canvas draws only one curve.
EXTRA_LANES: tuple[tuple[str, LaneKind], ...] = (
    ("Thoughts", "thoughts"),
    ("Notes", "notes"),
    ("Partner touchpoints", "touchpoints"),
    ("Support backstage", "backstage"),
    ("Risks", "pain_points"),
    ("Ideas", "opportunities"),
    ("Systems", "backstage"),
    ("Quotes", "thoughts"),
)

STAGE_NAMES = (
    "Awareness", "Consideration", "Sign up", "Onboarding", "Purchase", "Delivery", "Usage",
    "Support", "Renewal", "Advocacy", "Research", "Comparison", "Checkout", "Unboxing",
    "First use", "Billing", "Après-vente", "Zahlung & Rechnung", "Отзывы", "Επιστροφή",
    "Loyalty", "Cancellation", "Win-back", "Referral",
)

DOMAINS = (
    "Grocery delivery", "Bank account opening", "Hospital outpatient visit",
    "B2B SaaS onboarding", "Car insurance claim", "Train ticket purchase",
    "University enrolment", "Home broadband switch", "Café loyalty programme",
    "Municipal permit application",
)

PERSONAS: tuple[tuple[str, str, str], ...] = (
    ("Maya", "Busy parent of two", "If it takes longer than one episode, I give up."),
    ("Daniel", "Operations manager, 60-person logistics firm",
     "I bought it to save time, not to become an IT admin."),
    ("Zofia Wróblewska", "Freelance translator in Kraków", "Zażółć gęślą jaźń – and fast, please."),
    ("Νίκος", "Student, first flat", "Why is everything a subscription?"),
    ("Ольга", "Retired teacher", "I just want a person to answer the phone."),
    ("Sam O'Neill", "Small shop owner", "Cash flow is everything & I check it daily."),
)

VERBS = (
    "Compares", "Checks", "Opens", "Waits for", "Searches for", "Reads", "Asks about",
    "Cancels", "Reorders", "Uploads", "Confirms", "Downloads", "Shares", "Reviews", "Pays",
    "Updates", "Calls about", "Chats about", "Complains about", "Signs", "Skips", "Tracks",
    "Books", "Returns", "Scans", "Forwards", "Rates", "Abandons", "Resets", "Prints",
)
OBJECTS = (
    "delivery fees", "the onboarding checklist", "order status", "the invoice",
    "a password reset link", "the pricing page", "product reviews", "the welcome email",
    "a refund", "the mobile app", "an appointment slot", "the contract", "support hours",
    "the FAQ", "a discount code", "account settings", "the data import", "shipping options",
    "the loyalty card", "a missing item", "terms & conditions", "the renewal quote",
    "the driver's ETA", "two-factor login", "the monthly statement", "a substitution",
    "the help centre", "the cancellation form", "a confirmation SMS", "the référence client",
    "the €9.99 plan", "the “premium” bundle", "a <draft> order", "the Kundenkonto",
)
QUALIFIERS = (
    "on the mobile app", "before the weekend", "with a colleague", "after the first invoice",
    "late at night", "during the lunch break", "on a slow train connection",
    "while cooking dinner", "for the second time", "in the store", "from a shared laptop",
    "without logging in", "after a reminder", "in a hurry", "with the kids around",
    "on a work computer", "at the school gate", "on the bus", "in the café downstairs",
)
PAIN_ADJECTIVES = (
    "Hidden", "Confusing", "Slow", "Missing", "Unclear", "Broken", "Duplicate", "Late",
    "Inconsistent", "Expensive", "Unexpected", "Hard-to-find",
)
OPPORTUNITY_VERBS = (
    "Show", "Simplify", "Explain", "Remember", "Automate", "Personalise", "Bundle", "Preview",
    "Speed up", "Let customers edit", "Send reminders about", "Offer self-service for",
)
NOTE_STARTS = ("Note:", "Assumption:", "Open question:", "Observed:", "Data:")
SINGLE_WORDS = (
    "Checkout", "Invoice", "Refund", "Onboarding", "Login", "Delivery", "Renewal", "Search",
    "Support", "Billing", "Café", "Εγγραφή", "Оплата", "Zażółć",
)

SENTENCES_ABOUT = (
    "{who} {verb} {obj} {qual}.",
    "{n} of {m} interviewees mentioned {obj} without being asked.",
    "“I never know what happens with {obj} after I tap the button,” said one participant.",
    "Support logs show {n} tickets a week about {obj}.",
    "{who} expected {obj} to be simpler than last time.",
    "Analytics: {n}% drop-off on the screen with {obj}.",
    "Backstage, the {team} updates {obj} by hand once a day.",
    "The survey score for {obj} fell from {m} to {n} after the redesign.",
    "{who} gave up and phoned instead; the call took {n} minutes.",
    "Nobody could say who owns {obj} & its wording.",
)
WHO = ("She", "He", "They", "The customer", "Our persona", "One participant", "A new user")
TEAMS = (
    "Growth team", "Checkout squad", "Customer success", "Support", "Platform team",
    "Data team", "Store operations", "Billing", "Mobile team", "Identity team",
    "Zoë Ångström", "Łukasz Żółtowski", "Ελένη Π.", "Дмитрий", "Marketing & Brand",
)
TAGS = (
    "quick-win", "pricing", "trust", "onboarding", "retention", "mobile", "accessibility",
    "q3", "research", "legal", "sso", "import", "substitutions", "ux-debt", "café",
    "zażółć", "ελληνικά", "поддержка",
)
EMOTION_WORDS: dict[int, tuple[str, ...]] = {
    -2: ("furious", "frustrated", "cheated", "exhausted", "stuck"),
    -1: ("confused", "uneasy", "impatient", "annoyed", "wary"),
    0: ("neutral", "indifferent", "mixed", "curious", "uncertain"),
    1: ("hopeful", "pleased", "reassured", "relieved", "in control"),
    2: ("delighted", "thrilled", "proud", "grateful", "excited"),
}
UNICODE_EXTRAS = (
    " Zażółć gęślą jaźń.", " Ελληνικά: το μενού είναι μπερδεμένο.",
    " Служба поддержки не отвечает.",
    " Price < €10 & “free” delivery.", ' She said "fine" & left.', " Crème brûlée – Zürich.",
    " 日本語のレシート。",
)

# How each lane kind fills with card kinds: (kinds, weights).
KIND_MIX: dict[str, tuple[tuple[CardKind, ...], tuple[int, ...]]] = {
    "customer_actions": (("touchpoint", "note"), (8, 2)),
    "touchpoints": (("touchpoint",), (1,)),
    "thoughts": (("note", "touchpoint"), (8, 2)),
    "pain_points": (("pain_point",), (1,)),
    "opportunities": (("opportunity",), (1,)),
    "channels": (("touchpoint", "note"), (6, 4)),
    "backstage": (("note", "opportunity"), (8, 2)),
    "notes": (("note", "opportunity", "pain_point"), (7, 2, 1)),
}
# Touchpoints lanes hold most cards on a real map; backstage and notes the fewest.
LANE_WEIGHT: dict[str, float] = {
    "customer_actions": 1.3, "touchpoints": 2.0, "thoughts": 0.6, "pain_points": 1.0,
    "opportunities": 0.8, "channels": 0.7, "backstage": 0.6, "notes": 0.4,
}
CHANNELS: tuple[Channel, ...] = (
    "web", "mobile_app", "email", "phone", "store", "social", "chat", "other",
)
CHANNEL_WEIGHTS = (30, 30, 12, 8, 6, 6, 6, 2)
MAX_TITLE_WORDS = 12
BASE_TIME = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def _lanes(count: int) -> list[tuple[str, LaneKind]]:
    if count <= len(DEFAULT_LANES):
        # Fewer lanes: keep the emotions lane and the ones a map can least do without, shown
        # in their usual order.
        keep = {"emotions", *LANE_PRIORITY[: count - 1]}
        return [lane for lane in DEFAULT_LANES if lane[1] in keep]
    lanes = list(DEFAULT_LANES)
    for index in range(count - len(DEFAULT_LANES)):
        title, kind = EXTRA_LANES[index % len(EXTRA_LANES)]
        rounds = index // len(EXTRA_LANES)
        lanes.append((f"{title} {rounds + 1}" if rounds else title, kind))
    return lanes


def _stage_name(index: int) -> str:
    name = STAGE_NAMES[index % len(STAGE_NAMES)]
    rounds = index // len(STAGE_NAMES)
    return f"{name} – part {rounds + 1}" if rounds else name


class _Text:
    """Titles and bodies from phrase lists: cheap enough for 100,000 cards, varied in length."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def title(self, kind: CardKind) -> str:
        rng = self.rng
        if rng.random() < 0.05:
            return rng.choice(SINGLE_WORDS)
        thing = rng.choice(OBJECTS)
        if kind == "pain_point":
            # "Hidden delivery fees" reads right only without the article.
            bare = thing.removeprefix("the ").removeprefix("a ").removeprefix("an ")
            text = f"{rng.choice(PAIN_ADJECTIVES)} {bare}"
        elif kind == "opportunity":
            text = f"{rng.choice(OPPORTUNITY_VERBS)} {thing}"
        elif kind == "note":
            text = f"{rng.choice(NOTE_STARTS)} {thing}"
        else:
            text = f"{rng.choice(VERBS)} {thing}"
        # Whole qualifier phrases, never cut mid-phrase; titles stay within 12 words.
        for _ in range(rng.choices((0, 1, 2), weights=(5, 4, 2))[0]):
            longer = f"{text} {rng.choice(QUALIFIERS)}"
            if len(longer.split()) > MAX_TITLE_WORDS:
                break
            text = longer
        return text

    def sentence(self) -> str:
        rng = self.rng
        m = rng.randint(5, 20)
        return rng.choice(SENTENCES_ABOUT).format(
            who=rng.choice(WHO), verb=rng.choice(VERBS).lower(), obj=rng.choice(OBJECTS),
            qual=rng.choice(QUALIFIERS), team=rng.choice(TEAMS), n=rng.randint(1, m), m=m,
        )

    def body(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.15:
            return ""
        if roll < 0.88:
            text = " ".join(self.sentence() for _ in range(rng.randint(1, 2)))
        else:
            # Long bodies of several sentences stress wrapping and the card height cache.
            limit = rng.randint(350, 600)
            text = self.sentence()
            while True:
                more = f"{text} {self.sentence()}"
                if len(more) > limit:
                    break
                text = more
        if rng.random() < 0.04:
            text += rng.choice(UNICODE_EXTRAS)
        return text


TO_BE_ID = "everyone-to-be"
QUOTE_SOURCES = ("Interview 3", "Interview 7", "App-store review", "Support ticket",
                 "Diary study, day 4", "Usability test, session 2")
METRIC_LABELS = (("Drop-off", "%", "Product analytics"), ("Time on step", "s", "Analytics"),
                 ("Tickets per week", "", "Support desk"), ("Conversion", "%", "Analytics"),
                 ("CSAT", "of 5", "Post-chat survey"))


def _distribution(depth: random.Random, value: int) -> dict[str, Any]:
    """Survey answers around a value on -2..+2: a median at the value, quartiles one level
    either side at most."""
    q1 = max(-2, value - depth.choice((0, 1)))
    q3 = min(2, value + depth.choice((0, 1)))
    mean = round(min(q3, max(q1, value + depth.uniform(-0.4, 0.4))), 2)
    return {"n": depth.randint(8, 240), "mean": mean, "median": value, "q1": q1, "q3": q3,
            "low": -2 if q1 > -2 and depth.random() < 0.7 else q1,
            "high": 2 if q3 < 2 and depth.random() < 0.7 else q3,
            "source": "Customer survey, spring"}


def _add_depth(depth: random.Random, card: dict[str, Any], persona_curves: Sequence[str],
               rng_words: dict[int, tuple[str, ...]]) -> None:
    """Curves beyond everyone's as-is, evidence and scores, on some cards."""
    emotions = card.get("emotions", {})
    as_is = emotions.get(EVERYONE_AS_IS_ID)
    if as_is is not None:
        level = as_is["value"]
        if depth.random() < 0.12:
            as_is["evidence"] = _distribution(depth, level)
        if depth.random() < 0.35:
            better = min(2, level + depth.choice((0, 1, 1, 2)))
            emotions[TO_BE_ID] = {"value": better, "word": depth.choice(rng_words[better])}
        for curve_id in persona_curves:
            if depth.random() < 0.25:
                near = max(-2, min(2, level + depth.choice((-1, 0, 0, 1))))
                emotions[curve_id] = {"value": near}
    evidence: list[dict[str, Any]] = []
    roll = depth.random()
    if roll < 0.10:
        evidence.append({"type": "quote", "id": "e1",
                         "text": f"“{card['title']}” – that was the annoying part.",
                         "who": depth.choice(("P3", "P7", "Maya", "Daniel", "")),
                         "source": depth.choice(QUOTE_SOURCES)})
    if 0.05 < roll < 0.09:
        label, unit, source = depth.choice(METRIC_LABELS)
        evidence.append({"type": "metric", "id": "e2", "label": label,
                         "value": round(depth.uniform(1, 95), 1), "unit": unit,
                         "source": source,
                         "date": f"2024-{depth.randint(1, 12):02d}-{depth.randint(1, 28):02d}"})
    if 0.08 < roll < 0.10:
        evidence.append({"type": "survey", "id": "e3",
                         "question": "How easy was this step?", "n": depth.randint(20, 400),
                         "value": round(depth.uniform(2, 4.8), 1), "unit": "of 5",
                         "source": "Customer survey, spring"})
    if 0.09 < roll < 0.095:
        evidence.append({"type": "file", "id": "e4",
                         "path": f"research/interview-{depth.randint(1, 12):02d}.txt",
                         "label": "Interview transcript"})
    if evidence:
        card["evidence"] = evidence
    if card["kind"] in ("pain_point", "opportunity") and depth.random() < 0.6:
        card["priority"] = {"customer_value": depth.randrange(0, 101, 5),
                            "business_value": depth.randrange(0, 101, 5),
                            "effort": depth.randint(0, 5)}


def _card(rng: random.Random, text: _Text, number: int, stage_id: str, lane_id: str,
          lane_kind: str, order: int, persona_ids: Sequence[str]) -> dict[str, Any]:
    kinds, weights = KIND_MIX[lane_kind]
    kind = kinds[0] if len(kinds) == 1 else rng.choices(kinds, weights=weights)[0]
    card: dict[str, Any] = {
        "id": f"c-{number:06d}",
        "stage_id": stage_id,
        "lane_id": lane_id,
        "order": order,
        "title": text.title(kind),
        "body": text.body(),
        "kind": kind,
    }
    if kind == "touchpoint":
        if rng.random() < 0.9:
            emotion = rng.choices((-2, -1, 0, 1, 2), weights=(1, 2, 3, 3, 1))[0]
            value: dict[str, Any] = {"value": emotion}
            if rng.random() < 0.7:
                value["word"] = rng.choice(EMOTION_WORDS[emotion])
            card["emotions"] = {EVERYONE_AS_IS_ID: value}
        if rng.random() < 0.75:
            card["channel"] = rng.choices(CHANNELS, weights=CHANNEL_WEIGHTS)[0]
    elif rng.random() < 0.15:
        card["channel"] = rng.choices(CHANNELS, weights=CHANNEL_WEIGHTS)[0]
    if kind == "pain_point":
        card["votes"] = rng.randint(0, 12) if rng.random() < 0.95 else rng.randint(13, 60)
    elif kind == "opportunity":
        card["votes"] = rng.randint(0, 8)
    elif rng.random() < 0.05:
        card["votes"] = rng.randint(1, 3)
    owner_chance = {"opportunity": 0.7, "note": 0.3, "pain_point": 0.2}.get(kind, 0.05)
    if rng.random() < owner_chance:
        card["owner"] = rng.choice(TEAMS)
    if rng.random() < 0.35:
        card["tags"] = rng.sample(TAGS, rng.randint(1, 3))
    if rng.random() < 0.02:
        card["moment_of_truth"] = True
    if rng.random() < 0.05:
        card["colour"] = f"#{rng.getrandbits(24):06X}"
    if persona_ids and lane_kind == "customer_actions" and rng.random() < 0.3:
        card["persona_id"] = rng.choice(persona_ids)
    return card


def make_map(cards: int, stages: int = DEFAULT_STAGES, lanes: int | None = None,
             seed: int = 0) -> JourneyMap:
    """A valid map with exactly `cards` cards; stages and lanes are clamped to what fits."""
    if not 0 <= cards <= MAX_CARDS:
        raise ValueError(f"cards must be from 0 to {MAX_CARDS:,}, got {cards}")
    stage_count = _clamp(stages, 1, MAX_STAGES)
    lane_count = _clamp(len(DEFAULT_LANES) if lanes is None else lanes, MIN_LANES, MAX_LANES)
    rng = random.Random(seed)
    text = _Text(rng)

    stage_rows: list[dict[str, Any]] = [
        {"id": f"st-{i + 1:03d}", "name": _stage_name(i),
         "description": text.sentence() if rng.random() < 0.7 else "",
         "colour": STAGE_PALETTE[i % len(STAGE_PALETTE)]}
        for i in range(stage_count)
    ]
    lane_rows: list[dict[str, Any]] = [
        {"id": f"ln-{i + 1:02d}", "name": title, "kind": kind}
        for i, (title, kind) in enumerate(_lanes(lane_count))
    ]
    persona_rows: list[dict[str, Any]] = [
        {"id": f"p-{i + 1}", "name": name, "role": role,
         "goals": [text.sentence() for _ in range(rng.randint(2, 4))],
         "frustrations": [text.sentence() for _ in range(rng.randint(2, 4))],
         "quote": quote}
        for i, (name, role, quote) in enumerate(rng.sample(PERSONAS, rng.randint(1, 3)))
    ]
    persona_ids: list[str] = [p["id"] for p in persona_rows]
    depth = random.Random(f"{seed}-depth")
    curve_rows: list[dict[str, Any]] = [
        {"id": EVERYONE_AS_IS_ID, "scenario": "as-is"},
        {"id": TO_BE_ID, "scenario": "to-be"},
        *({"id": f"{pid}-as-is", "persona_id": pid, "scenario": "as-is"}
          for pid in persona_ids),
    ]
    persona_curves = [f"{pid}-as-is" for pid in persona_ids]

    card_lanes = [lane for lane in lane_rows if lane["kind"] != "emotions"]
    cells = [(stage, lane) for stage in stage_rows for lane in card_lanes]
    # Uneven on purpose (busy and quiet stages), as in real maps; the layout must cope.
    stage_weight = [rng.uniform(0.3, 2.5) for _ in stage_rows]
    lane_weight = [LANE_WEIGHT[lane["kind"]] * rng.uniform(0.7, 1.3) for lane in card_lanes]
    cum_weights: list[float] = []
    total = 0.0
    for s in range(len(stage_rows)):
        for lane_index in range(len(card_lanes)):
            total += stage_weight[s] * lane_weight[lane_index]
            cum_weights.append(total)
    # The first cards go round every stage and lane, so no stage is empty once N >= stages.
    seeded = min(cards, max(len(stage_rows), len(card_lanes)))
    placement = [
        cells[(i % len(stage_rows)) * len(card_lanes) + i % len(card_lanes)]
        for i in range(seeded)
    ]
    placement += rng.choices(cells, cum_weights=cum_weights, k=cards - seeded)

    next_order: dict[tuple[str, str], int] = {}
    card_rows: list[dict[str, Any]] = []
    for number, (stage, lane) in enumerate(placement, start=1):
        key = (stage["id"], lane["id"])
        order = next_order.get(key, 0)
        next_order[key] = order + 1
        card_rows.append(_card(rng, text, number, stage["id"], lane["id"], lane["kind"], order,
                               persona_ids))
    for row in card_rows:
        _add_depth(depth, row, persona_curves, EMOTION_WORDS)

    created = BASE_TIME + timedelta(days=rng.randint(0, 365), minutes=rng.randint(0, 600))
    domain = rng.choice(DOMAINS)
    # Plain data validated in one go, the same path a loaded file takes.
    return JourneyMap.model_validate({
        "title": f"{domain} – generated ({cards:,} cards)",
        "description": (f"Generated by benchmarks/make_map.py with seed {seed}: {cards} cards, "
                        f"{stage_count} stages, {lane_count} lanes. " + text.sentence()),
        "meta": {
            "created": created,
            "modified": created + timedelta(days=rng.randint(0, 60)),
            "author": "benchmarks/make_map.py",
            "app_version": __version__,
        },
        "personas": persona_rows,
        "curves": curve_rows,
        "stages": stage_rows,
        "lanes": lane_rows,
        "cards": card_rows,
        "views": [{"id": "view-pains", "name": "Pain points and opportunities",
                   "kinds": ["pain_point", "opportunity"]}],
    })


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Write a valid, realistic-looking .journeymap file of any size.")
    parser.add_argument("--cards", type=int, required=True,
                        help=f"number of cards, 0 to {MAX_CARDS:,}")
    parser.add_argument("--stages", type=int, default=DEFAULT_STAGES,
                        help=f"number of stages (default {DEFAULT_STAGES}; 1 to {MAX_STAGES})")
    parser.add_argument("--lanes", type=int, default=None,
                        help=f"number of lanes incl. one emotions lane (default "
                             f"{len(DEFAULT_LANES)}; {MIN_LANES} to {MAX_LANES})")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("-o", "--output", required=True, type=Path,
                        help="the .journeymap file to write")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not 0 <= args.cards <= MAX_CARDS:
        parser.error(f"--cards must be from 0 to {MAX_CARDS:,}")
    journey = make_map(args.cards, args.stages, args.lanes, args.seed)
    try:
        save_map(journey, args.output, keep_backup=False)
    except SaveError as error:
        print(f"make_map: {error}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}: {len(journey.cards)} cards, {len(journey.stages)} stages, "
          f"{len(journey.lanes)} lanes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
