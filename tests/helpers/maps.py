"""Making maps for tests: hypothesis strategies, a deterministic rich map, maps with every
script and with very long text.

The strategies stay inside the file format's limits (journeymap_desktop/model/map.py) and keep
references consistent, so everything they produce is a map the app could have saved.
"""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import strategies as st

from journeymap_desktop.model.curves import EVERYONE_AS_IS_ID
from journeymap_desktop.model.emotion import EmotionValue
from journeymap_desktop.model.map import (
    CARD_KINDS,
    CHANNELS,
    LANE_KINDS,
    MAX_ID,
    MAX_NAME,
    Card,
    JourneyMap,
    Lane,
    Metadata,
    Persona,
    Stage,
)
from journeymap_desktop.model.templates import service_journey

# Text people really type into journey maps, and text that breaks naive serialisers.
AWKWARD_SNIPPETS = (
    "<b>bold</b>",
    "R&D",
    "a < b && c > d",
    '"double" and \'single\' quotes',
    "“curly” ‘quotes’ – dash — dash",
    "emoji 😀🎉👩‍👩‍👧",
    "שלום עולם",  # Hebrew, right to left
    "مرحبا بالعالم",  # Arabic, right to left
    "line one\nline two\r\nline three",
    "tab\there",
    "back\\slash",
    "Zürich, Ελληνικά, Кириллица, 日本語",
    "\u200b zero width \u2028 line separator \ufeff BOM",
    "nul \x00 char",
    "",
    " ",
)

_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-"


def texts(max_size: int, *, min_size: int = 0) -> st.SearchStrategy[str]:
    """Arbitrary Unicode (no lone surrogates: the format rejects them), plus awkward snippets."""
    snippets = st.sampled_from([s for s in AWKWARD_SNIPPETS if min_size <= len(s) <= max_size])
    arbitrary = st.text(st.characters(exclude_categories=("Cs",)),
                        min_size=min_size, max_size=min(max_size, 40))
    at_limit = st.just("x" * max_size)
    mixed = st.lists(snippets | arbitrary, min_size=1, max_size=4).map(
        lambda parts: "".join(parts)[:max_size].ljust(min_size, "x"))
    return st.one_of(arbitrary, snippets, mixed, at_limit)


def names() -> st.SearchStrategy[str]:
    return texts(MAX_NAME, min_size=1)


def ids() -> st.SearchStrategy[str]:
    return st.text(_ID_ALPHABET, min_size=1, max_size=MAX_ID)


colours = st.none() | st.from_regex(r"#[0-9A-Fa-f]{6}", fullmatch=True)
emotions = st.none() | st.integers(-2, 2)


def feel(level: float | None, word: str = "",
         curve: str = EVERYONE_AS_IS_ID) -> dict[str, EmotionValue]:
    """A card's `emotions` with one value on a curve (everyone's as-is by default); {} for
    None. What version 1's `emotion=` and `emotion_word=` became."""
    if level is None:
        return {}
    return {curve: EmotionValue(value=float(level), word=word)}


def emotion_of(card: Card, curve: str = EVERYONE_AS_IS_ID) -> float | None:
    """The card's value on a curve (everyone's as-is by default), None without one."""
    value = card.emotions.get(curve)
    return None if value is None else value.value


def word_of(card: Card, curve: str = EVERYONE_AS_IS_ID) -> str:
    value = card.emotions.get(curve)
    return "" if value is None else value.word


utc_datetimes = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
)


@st.composite
def journey_maps(draw: st.DrawFn, max_cards: int = 12) -> JourneyMap:
    """A valid map: unique ids, every card in an existing stage and lane, personas resolve."""
    counts = {
        "persona": draw(st.integers(0, 3)),
        "stage": draw(st.integers(0, 5)),
        "lane": draw(st.integers(0, 4)),
    }
    counts["card"] = draw(st.integers(0, max_cards)) if counts["stage"] and counts["lane"] else 0
    total = sum(counts.values())
    prefixes = draw(st.lists(ids(), min_size=total, max_size=total))
    all_ids: list[str] = []
    for i, prefix in enumerate(prefixes):  # unique by construction, within MAX_ID
        candidate, attempt = prefix, 0
        while candidate in all_ids:
            attempt += 1
            candidate = f"{prefix[: MAX_ID - 10]}-{i}-{attempt}"
        all_ids.append(candidate)
    taken = iter(all_ids)
    persona_ids = [next(taken) for _ in range(counts["persona"])]
    stage_ids = [next(taken) for _ in range(counts["stage"])]
    lane_ids = [next(taken) for _ in range(counts["lane"])]
    card_ids = [next(taken) for _ in range(counts["card"])]

    personas = [
        Persona(
            id=pid,
            name=draw(names()),
            role=draw(texts(MAX_NAME)),
            goals=draw(st.lists(texts(300), max_size=3)),
            frustrations=draw(st.lists(texts(300), max_size=3)),
            quote=draw(texts(500)),
        )
        for pid in persona_ids
    ]
    stages = [
        Stage(id=sid, name=draw(names()), description=draw(texts(500)), colour=draw(colours))
        for sid in stage_ids
    ]
    lanes = [
        Lane(id=lid, name=draw(names()), kind=draw(st.sampled_from(LANE_KINDS)))
        for lid in lane_ids
    ]
    cards = [
        Card(
            id=cid,
            stage_id=draw(st.sampled_from(stage_ids)),
            lane_id=draw(st.sampled_from(lane_ids)),
            order=draw(st.integers(0, 100_000)),
            title=draw(texts(MAX_NAME)),
            body=draw(texts(1_000)),
            kind=draw(st.sampled_from(CARD_KINDS)),
            emotions=feel(draw(emotions), draw(texts(MAX_NAME))),
            channel=draw(st.none() | st.sampled_from(CHANNELS)),
            owner=draw(texts(MAX_NAME)),
            tags=draw(st.lists(texts(60, min_size=1), max_size=5)),
            votes=draw(st.integers(0, 9_999)),
            moment_of_truth=draw(st.booleans()),
            colour=draw(colours),
            persona_id=draw(st.none() | st.sampled_from(persona_ids)) if persona_ids else None,
        )
        for cid in card_ids
    ]
    return JourneyMap(
        title=draw(names()),
        description=draw(texts(2_000)),
        meta=Metadata(created=draw(utc_datetimes), modified=draw(utc_datetimes),
                      author=draw(texts(MAX_NAME)), app_version=draw(texts(20))),
        personas=personas,
        stages=stages,
        lanes=lanes,
        cards=cards,
    )


FIXED_TIME = datetime(2024, 5, 17, 9, 30, 0, tzinfo=UTC)


def rich_map() -> JourneyMap:
    """A deterministic map with a bit of everything (fixed ids and times, so fixed bytes)."""
    return JourneyMap(
        title="Grocery delivery – “first order”",
        description="From the first ad to the second order.\nR&D <notes> included.",
        meta=Metadata(created=FIXED_TIME, modified=FIXED_TIME, author="Zoë", app_version="0.1.0"),
        personas=[Persona(id="p-ana", name="Ana", role="Busy parent", goals=["Save time"],
                          frustrations=["Late deliveries"], quote="“Just bring it.”")],
        stages=[
            Stage(id="s-aware", name="Awareness", colour="#56B4E9"),
            Stage(id="s-order", name="Order", description="Checkout and payment"),
            Stage(id="s-deliver", name="Delivery", colour="#E69F00"),
        ],
        lanes=[
            Lane(id="l-touch", name="Touchpoints", kind="touchpoints"),
            Lane(id="l-pain", name="Pain points", kind="pain_points"),
        ],
        cards=[
            Card(id="c-ad", stage_id="s-aware", lane_id="l-touch", order=0, title="Sees an ad",
                 emotions=feel(1), channel="social", tags=["marketing"], persona_id="p-ana"),
            Card(id="c-app", stage_id="s-order", lane_id="l-touch", order=0,
                 title="Orders in the app", body="שלום & مرحبا 😀", emotions=feel(0),
                 channel="mobile_app", owner="App team", votes=2),
            Card(id="c-fees", stage_id="s-order", lane_id="l-pain", order=0, kind="pain_point",
                 title="Hidden delivery fees", emotions=feel(-2), votes=7, moment_of_truth=True,
                 tags=["pricing", "urgent"], colour="#D55E00"),
            Card(id="c-late", stage_id="s-deliver", lane_id="l-pain", order=0,
                 kind="pain_point", title="Driver is late", emotions=feel(-1), votes=3),
        ],
    )


UNICODE_TITLES = (
    "Zażółć gęślą jaźń",  # Polish
    "Crème brûlée à l'été",  # accented Latin
    "Ελληνικά γράμματα",  # Greek
    "Проверка кириллицы",  # Cyrillic
    "<b>R&D</b> & \"quotes\"",  # markup-looking text must print literally
    "<img src='x'> 'single' & <",
)
RTL_TITLES = ("שלום עולם", "مرحبا بالعالم")
SYMBOL_TITLES = ("Done ✓ → next", "Party 🎉 time")


def unicode_map() -> JourneyMap:
    """The service template with cards whose titles exercise every script and escape."""
    journey = service_journey()
    journey.title = "Ünïcödé & <map>"
    journey.description = "Checks that every script and every special character prints."
    journey.personas = [Persona(id="p1", name="Zoë", role="Shopper", quote="Fast & simple.")]
    stages = journey.stages
    lanes = {lane.kind: lane for lane in journey.lanes}
    cards = []
    titles = (*UNICODE_TITLES, *RTL_TITLES, *SYMBOL_TITLES)
    kinds = ("touchpoint", "pain_point", "opportunity", "note")
    lane_for = {"touchpoint": "touchpoints", "pain_point": "pain_points",
                "opportunity": "opportunities", "note": "customer_actions"}
    for i, title in enumerate(titles):
        kind = kinds[i % len(kinds)]
        cards.append(Card(
            id=f"u{i}", stage_id=stages[i % len(stages)].id, lane_id=lanes[lane_for[kind]].id,
            order=i, title=title, body=f"Body of card {i}: ĄČĘ ΣΩ ЖЩ <i>&amp;</i>",
            kind=kind, emotions=feel((i % 5) - 2), votes=i, moment_of_truth=i % 3 == 0,
            channel="web" if i % 2 else None, owner="Ana" if i % 2 else "",
            tags=["t1", "ünï"] if i % 3 else [],
        ))
    journey.cards = cards
    return journey


def long_text_map(words: int = 1500) -> JourneyMap:
    """A map whose first stage has cards with bodies at the 5,000-character limit: far more
    text than one page holds (numbered words make a cut easy to find)."""
    journey = service_journey()
    stages = journey.stages
    touch = next(lane for lane in journey.lanes if lane.kind == "touchpoints")
    per_card = 550  # "word0000 " is 9 characters: 550 words stay under the limit
    cards = []
    for index, start in enumerate(range(0, words, per_card)):
        body = " ".join(f"word{i:04d}" for i in range(start, min(words, start + per_card)))
        cards.append(Card(id=f"long{index}", stage_id=stages[0].id, lane_id=touch.id,
                          order=index, title=f"A very long card {index + 1}", body=body,
                          emotions=feel(-1)))
    cards.append(Card(id="after", stage_id=stages[0].id, lane_id=touch.id, order=len(cards),
                      title="The card after it", body="Short."))
    journey.cards = cards
    return journey
