"""Helpers shared by the PDF tests: sample maps and ways to look inside a PDF as a print shop's
preflight does (boxes, fonts, colour operators, text). No tests in here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject, IndirectObject

from journeymap_desktop.model.map import Card, JourneyMap, Persona
from journeymap_desktop.model.templates import service_journey
from tests.helpers_model import feel

MM = 72 / 25.4

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


def normalised(text: str) -> str:
    return " ".join(text.split())


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def all_text(path: Path) -> str:
    return normalised(" ".join(page_texts(path)))


def box(page: DictionaryObject, name: str) -> tuple[float, float, float, float]:
    value = page[name]
    return tuple(float(v) for v in value)  # type: ignore[return-value]


def _resolve(obj: object) -> object:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def xobjects(resources: object) -> Iterator[DictionaryObject]:
    """Every form XObject reachable from a resources dictionary, depth first."""
    resources = _resolve(resources)
    if not isinstance(resources, DictionaryObject) or "/XObject" not in resources:
        return
    for ref in _resolve(resources["/XObject"]).values():  # type: ignore[union-attr]
        form = _resolve(ref)
        yield form  # type: ignore[misc]
        yield from xobjects(form.get("/Resources"))  # type: ignore[union-attr]


def fonts(path: Path) -> dict[str, DictionaryObject]:
    """Every font the document uses, by base font name."""
    reader = PdfReader(path)
    found: dict[str, DictionaryObject] = {}

    def collect(resources: object) -> None:
        resources = _resolve(resources)
        if isinstance(resources, DictionaryObject) and "/Font" in resources:
            for ref in _resolve(resources["/Font"]).values():  # type: ignore[union-attr]
                font = _resolve(ref)
                found[str(font["/BaseFont"])] = font  # type: ignore[index]

    for page in reader.pages:
        collect(page.get("/Resources"))
        for form in xobjects(page.get("/Resources")):
            collect(form.get("/Resources"))
    return found


def operators(path: Path) -> Iterator[tuple[list[object], bytes]]:
    """Every (operands, operator) in every page and form content stream."""
    reader = PdfReader(path)
    seen: set[int] = set()
    for page in reader.pages:
        yield from ContentStream(page.get_contents(), reader).operations  # type: ignore[misc]
        for form in xobjects(page.get("/Resources")):
            if id(form) in seen:
                continue
            seen.add(id(form))
            yield from ContentStream(form, reader).operations  # type: ignore[misc]
