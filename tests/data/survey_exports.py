"""Survey exports written the way Qualtrics, SurveyMonkey, Typeform and Google Forms write them,
for a grocery-delivery journey survey: the committed samples in this folder come from here
(`python -m tests.data.survey_exports`), and the benchmark makes its 100,000-row export here.

Layouts as documented by the tools and seen in exports people share:
- Qualtrics: UTF-8 with a byte-order mark, CRLF, three header rows (column ids; question text
  with " - " before a matrix statement; `{"ImportId":"QID..."}`), metadata columns first,
  numeric recode values, Status 1 for a survey preview, -99 where a respondent skipped.
- SurveyMonkey: two header rows (question once with blank continuation cells; `Response`,
  `Open-Ended Response` or the matrix rows / checkbox choices), answers as choice text, US
  dates with AM/PM.
- Typeform: one header row, `#` token first, question text with <strong> markup, opinion
  scale 1-5 per stage, `Start Date (UTC)`, `Submit Date (UTC)`, `Network ID` last.
- Google Forms: `Timestamp`, grid rows as `Question [Row]`.
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Iterator
from pathlib import Path

STAGES = ["Browsing the app", "Choosing a delivery slot", "Paying", "Delivery", "Unpacking"]
PERSONAS = ["First order", "Regular customer", "Business account"]
# How each persona tends to feel at each stage (1-5), so the evidence has a shape to find.
MOOD = {
    "First order": [4, 2, 3, 3, 4],
    "Regular customer": [4, 3, 4, 2, 3],
    "Business account": [3, 2, 2, 4, 4],
}
COMMENTS = [
    "The slot I wanted was always gone by Tuesday.",
    "Driver was lovely but 40 minutes late, ice cream had melted.",
    "Substitutions are a lottery – got oat milk instead of cow's milk.",
    "Paying with the saved card just works, great.",
    "Bags everywhere. Please offer a crate return option!",
    "Couldn't find the \"favourites\" list on my phone, only on the website.",
    "Delivery window of 1 hour is perfect for working from home.",
    "Checkout asked for my address twice; felt broken.",
    "",
    "n/a",
]
FEEL_LABELS = ["Very unhappy", "Unhappy", "Neutral", "Happy", "Very happy"]


OPENINGS = ["", "Honestly, ", "To be fair, ", "Last week: ", "As usual, ", "Hmm. "]


def _comment(rng: random.Random, number: int) -> str:
    """A free-text answer: mostly different from the others, sometimes empty or "n/a"."""
    base = COMMENTS[number % len(COMMENTS)]
    if not base or base == "n/a":
        return base
    return rng.choice(OPENINGS) + base[0].lower() + base[1:] if rng.random() < 0.7 else base


def _score(rng: random.Random, persona: str, stage: int) -> int:
    return max(1, min(5, MOOD[persona][stage] + rng.choice([-1, 0, 0, 0, 1])))


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


# ----- Qualtrics ----------------------------------------------------------------------------
QUALTRICS_METADATA = [
    ("StartDate", "Start Date", {"ImportId": "startDate", "timeZone": "Europe/London"}),
    ("EndDate", "End Date", {"ImportId": "endDate", "timeZone": "Europe/London"}),
    ("Status", "Response Type", {"ImportId": "status"}),
    ("IPAddress", "IP Address", {"ImportId": "ipAddress"}),
    ("Progress", "Progress", {"ImportId": "progress"}),
    ("Duration (in seconds)", "Duration (in seconds)", {"ImportId": "duration"}),
    ("Finished", "Finished", {"ImportId": "finished"}),
    ("RecordedDate", "Recorded Date", {"ImportId": "recordedDate", "timeZone": "Europe/London"}),
    ("ResponseId", "Response ID", {"ImportId": "_recordId"}),
    ("RecipientLastName", "Recipient Last Name", {"ImportId": "recipientLastName"}),
    ("RecipientFirstName", "Recipient First Name", {"ImportId": "recipientFirstName"}),
    ("RecipientEmail", "Recipient Email", {"ImportId": "recipientEmail"}),
    ("ExternalReference", "External Data Reference", {"ImportId": "externalDataReference"}),
    ("LocationLatitude", "Location Latitude", {"ImportId": "locationLatitude"}),
    ("LocationLongitude", "Location Longitude", {"ImportId": "locationLongitude"}),
    ("DistributionChannel", "Distribution Channel", {"ImportId": "distributionChannel"}),
    ("UserLanguage", "User Language", {"ImportId": "userLanguage"}),
]
FEEL_QUESTION = "How did you feel at each stage of your last order?"
EASE_QUESTION = "How easy was each step?"


def qualtrics_rows(responses: int, seed: int = 7) -> Iterator[list[str]]:
    rng = random.Random(seed)
    ids = [m[0] for m in QUALTRICS_METADATA] + ["Q1"]
    texts = [m[1] for m in QUALTRICS_METADATA] + ["Which best describes you? - Selected Choice"]
    imports = [m[2] for m in QUALTRICS_METADATA] + [{"ImportId": "QID1"}]
    ids.append("Q1_4_TEXT")
    texts.append("Which best describes you? - Something else - Text")
    imports.append({"ImportId": "QID1_4_TEXT"})
    for number, stage in enumerate(STAGES, start=1):
        ids.append(f"Q2_{number}")
        texts.append(f"{FEEL_QUESTION} - {stage}")
        imports.append({"ImportId": f"QID2_{number}"})
    for number, stage in enumerate(STAGES[:3], start=1):
        ids.append(f"Q3_{number}")
        texts.append(f"{EASE_QUESTION} - {stage}")
        imports.append({"ImportId": f"QID3_{number}"})
    ids += ["Q4", "Q5"]
    texts += ["Anything else about your delivery you want to tell us?",
              "How likely are you to recommend us to a friend or colleague?"]
    imports += [{"ImportId": "QID4_TEXT"}, {"ImportId": "QID5"}]
    yield ids
    yield texts
    yield [json.dumps(item, separators=(",", ":")) for item in imports]
    for number in range(responses):
        persona = rng.choice(PERSONAS)
        status = "1" if number == 3 else "0"  # one survey preview among the answers
        day = 1 + number % 28
        start = f"2024-05-{day:02d} 09:{number % 60:02d}:12"
        end = f"2024-05-{day:02d} 09:{(number + 4) % 60:02d}:51"
        metadata = [start, end, status, f"81.2.{number % 250}.{number % 199}", "100",
                    str(180 + number % 300), "1", end, f"R_{rng.getrandbits(60):015x}", "", "",
                    "", "", "51.5072", "-0.1276", "anonymous", "EN"]
        feel = [str(_score(rng, persona, stage)) for stage in range(5)]
        if number == 5:
            feel[2] = "-99"  # seen but not answered, as Qualtrics can code it
        if number % 9 == 0:
            feel[4] = ""  # skipped
        ease = [str(rng.randint(2, 5)) for _ in range(3)]
        comment = _comment(rng, number)
        yield [*metadata, persona, "", *feel, *ease, comment, str(rng.randint(0, 10))]


# ----- SurveyMonkey -------------------------------------------------------------------------
SURVEYMONKEY_METADATA = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
                         "Email Address", "First Name", "Last Name", "Custom Data 1"]


def surveymonkey_rows(responses: int, seed: int = 11) -> Iterator[list[str]]:
    rng = random.Random(seed)
    channels = ["Mobile app", "Website", "Phone"]
    first = [*SURVEYMONKEY_METADATA, "Which best describes you?",
             "How did you feel at each stage?", "", "", "", "",
             "Which channels did you use to order?", "", "",
             "What was the best part of your delivery?"]
    second = [""] * len(SURVEYMONKEY_METADATA) + ["Response", *STAGES, *channels,
                                                   "Open-Ended Response"]
    yield first
    yield second
    for number in range(responses):
        persona = rng.choice(PERSONAS)
        started = f"05/{1 + number % 28:02d}/2024 10:{number % 60:02d}:32 AM"
        ended = f"05/{1 + number % 28:02d}/2024 10:{(number + 3) % 60:02d}:05 AM"
        feel = [FEEL_LABELS[_score(rng, persona, stage) - 1] for stage in range(5)]
        used = [channel if rng.random() < 0.5 else "" for channel in channels]
        best = _comment(rng, number * 3)
        yield [str(114000000000 + number * 7919), "431220394", started, ended,
               f"86.{number % 250}.3.{number % 97}", "", "", "", "", persona, *feel, *used, best]


# ----- Typeform -----------------------------------------------------------------------------
def typeform_rows(responses: int, seed: int = 13) -> Iterator[list[str]]:
    rng = random.Random(seed)
    header = ["#", "<strong>Which best describes you?</strong>"]
    header += [f"How did you feel while <em>{stage.lower()}</em>?" for stage in STAGES]
    header += ["Anything we could do better?", "utm_source", "Start Date (UTC)",
               "Submit Date (UTC)", "Network ID"]
    yield header
    for number in range(responses):
        persona = rng.choice(PERSONAS)
        feel = [str(_score(rng, persona, stage)) for stage in range(5)]
        yield [f"{rng.getrandbits(128):032x}", persona, *feel,
               _comment(rng, number * 7), "newsletter",
               f"2024-05-{1 + number % 28:02d} 08:{number % 60:02d}:01",
               f"2024-05-{1 + number % 28:02d} 08:{(number + 2) % 60:02d}:44",
               f"{rng.getrandbits(40):010x}"]


# ----- Google Forms and a plain card list ----------------------------------------------------
def google_forms_rows(responses: int, seed: int = 17) -> Iterator[list[str]]:
    rng = random.Random(seed)
    yield ["Timestamp", "Which best describes you?",
           *[f"How did you feel at each stage? [{stage}]" for stage in STAGES],
           "Anything else?"]
    for number in range(responses):
        persona = rng.choice(PERSONAS)
        yield [f"5/{1 + number % 28}/2024 14:{number % 60:02d}:09", persona,
               *[str(_score(rng, persona, stage)) for stage in range(5)],
               _comment(rng, number * 5)]


def long_rows(responses: int, seed: int = 19) -> Iterator[list[str]]:
    """One answer per row, as a team collects them in a spreadsheet (semicolon, Windows-1252)."""
    rng = random.Random(seed)
    touchpoints = {"Browsing the app": ["Search", "Offers page"], "Paying": ["Checkout"],
                   "Delivery": ["Tracking", "Driver at the door"]}
    yield ["Stage", "Touchpoint", "Persona", "Score", "Comment"]
    for number in range(responses):
        persona = rng.choice(PERSONAS)
        stage = rng.choice(list(touchpoints))
        touchpoint = rng.choice(touchpoints[stage])
        yield [stage, touchpoint, persona, str(_score(rng, persona, STAGES.index(stage))),
               _comment(rng, number).replace("milk", "lait") if number % 3 == 0 else ""]


def write_samples(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "qualtrics_grocery.csv").write_bytes(
        b"\xef\xbb\xbf" + _csv(list(qualtrics_rows(40))).encode("utf-8"))
    (folder / "surveymonkey_grocery.csv").write_bytes(
        _csv(list(surveymonkey_rows(30))).encode("utf-8"))
    (folder / "typeform_grocery.csv").write_bytes(_csv(list(typeform_rows(25))).encode("utf-8"))
    (folder / "google_forms_grocery.csv").write_bytes(
        _csv(list(google_forms_rows(20))).encode("utf-8"))
    (folder / "touchpoint_scores_long.csv").write_bytes(
        _csv(list(long_rows(30)), ";").encode("cp1252"))


if __name__ == "__main__":
    write_samples(Path(__file__).parent)
