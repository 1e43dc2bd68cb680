"""Inspector page for one card, and for several cards at once."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from journeymap_desktop import commands
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.model.emotion import EmotionValue
from journeymap_desktop.model.map import CARD_KINDS, CHANNELS, MAX_VOTES
from journeymap_desktop.model.queries import CHANNEL_LABELS, KIND_LABELS
from journeymap_desktop.model.scales import default_word
from journeymap_desktop.safe_text import shown
from journeymap_desktop.ui.icons import kind_icon
from journeymap_desktop.ui.inspector.base import InspectorPage
from journeymap_desktop.ui.inspector.curves_group import CurvesGroup
from journeymap_desktop.ui.inspector.evidence_group import EvidenceGroup
from journeymap_desktop.ui.inspector.fields import (
    ColourCombo,
    CommitTextEdit,
    EmotionPicker,
    set_line,
)
from journeymap_desktop.ui.inspector.priority_group import PriorityGroup
from journeymap_desktop.ui.plain_text import plain_label


def parse_tags(text: str) -> list[str]:
    """'#checkout, mobile ,, fees' -> ['checkout', 'mobile', 'fees'] (no duplicates)."""
    tags: list[str] = []
    for raw in text.replace(";", ",").split(","):
        tag = raw.strip().lstrip("#").strip()
        if tag and tag not in tags:
            tags.append(tag[:60])
    return tags


class CardPage(InspectorPage):
    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.card_id: str | None = None
        self.place = plain_label()  # stage and lane names from the map
        self.place.setObjectName("cardPlace")
        self.place.setStyleSheet("color: #5B6068;")
        self.outer.insertWidget(1, self.place)

        self.title = QLineEdit()
        self.title.setObjectName("cardTitle")
        self.title.setMaxLength(200)
        self.body = CommitTextEdit(lines=6)
        self.body.setObjectName("cardBody")
        self.kind = QComboBox()
        self.kind.setObjectName("cardKind")
        for kind in CARD_KINDS:
            self.kind.addItem(kind_icon(kind), KIND_LABELS[kind], kind)
        self.emotion = EmotionPicker()
        self.emotion.setObjectName("cardEmotion")
        self.emotion_word = QLineEdit()
        self.emotion_word.setObjectName("cardEmotionWord")
        self.emotion_word.setMaxLength(200)
        self.channel = QComboBox()
        self.channel.setObjectName("cardChannel")
        self.channel.addItem("None", None)
        for channel in CHANNELS:
            self.channel.addItem(CHANNEL_LABELS[channel], channel)
        self.owner = QLineEdit()
        self.owner.setObjectName("cardOwner")
        self.owner.setMaxLength(200)
        self.owner.setPlaceholderText("Team or person responsible")
        self.tags = QLineEdit()
        self.tags.setObjectName("cardTags")
        self.tags.setPlaceholderText("comma, separated, tags")
        self.votes = QSpinBox()
        self.votes.setObjectName("cardVotes")
        self.votes.setRange(0, MAX_VOTES)
        self.moment = QCheckBox("Moment of truth")
        self.moment.setObjectName("cardMomentOfTruth")
        self.colour = ColourCombo("None")
        self.colour.setObjectName("cardColour")
        self.persona = QComboBox()
        self.persona.setObjectName("cardPersona")

        for label, widget in (("Title", self.title), ("Text", self.body), ("Kind", self.kind),
                              ("Emotion", self.emotion), ("Feeling", self.emotion_word),
                              ("Channel", self.channel), ("Owner", self.owner),
                              ("Tags", self.tags), ("Votes", self.votes), ("", self.moment),
                              ("Colour", self.colour), ("Persona", self.persona)):
            self.form.addRow(label, widget)
        self.curves = CurvesGroup(self)  # the card's value on every curve (curves_group.py)
        self.outer.addWidget(self.curves)
        # Under the Feeling row: only touchpoints draw the emotion curve, so a feeling set on
        # another kind says so (it shows on the card, not on the curve).
        self.curve_hint = QLabel("The emotion curve follows touchpoints only: this feeling "
                                 "shows on the card, not on the curve.")
        self.curve_hint.setObjectName("cardCurveHint")
        self.curve_hint.setWordWrap(True)
        self.curve_hint.setStyleSheet("color: #5B6068;")
        self.form.insertRow(5, "", self.curve_hint)
        self.evidence = EvidenceGroup(self)  # what the card rests on (evidence_group.py)
        self.outer.addWidget(self.evidence)
        self.outer.addStretch(1)
        self.priority_group = PriorityGroup(self)  # scores of pain points and opportunities

        self.bind_text(self.title, lambda: self._push({"title": self.title.text().strip()}))
        self.bind_text(self.body, lambda: self._push({"body": self.body.toPlainText().rstrip()}))
        self.bind_text(self.emotion_word, self._set_word)
        self.bind_text(self.owner, lambda: self._push({"owner": self.owner.text().strip()}))
        self.bind_text(self.tags, lambda: self._push({"tags": parse_tags(self.tags.text())}))
        self.kind.activated.connect(
            lambda _: self._push({"kind": self.kind.currentData()}, mergeable=False))
        self.emotion.chosen.connect(self._set_emotion)
        self.channel.activated.connect(
            lambda _: self._push({"channel": self.channel.currentData()}))
        self.votes.valueChanged.connect(lambda value: self._push({"votes": value}))
        self.moment.toggled.connect(
            lambda on: self._push({"moment_of_truth": on}, mergeable=False))
        self.colour.activated.connect(
            lambda _: self._push({"colour": self.colour.value()}, mergeable=False))
        self.persona.activated.connect(
            lambda _: self._push({"persona_id": self.persona.currentData()}, mergeable=False))
        document.card_changed.connect(self._on_card_changed)
        document.cards_moved.connect(lambda _ids: self.reload())
        document.personas_changed.connect(self.reload)
        # The emotion controls edit the active curve's value, on the map's scale.
        document.active_curve_changed.connect(self.reload)
        document.scale_changed.connect(self.reload)

    def _push(self, changes: dict[str, object], mergeable: bool = True) -> None:
        if self.card_id is not None and self.document.has_card(self.card_id):
            self.push_fields("card", self.card_id, changes, mergeable)

    def _set_emotion(self, level: int | None) -> None:
        if self.card_id is not None and self.document.has_card(self.card_id):
            commands.set_emotion_level(self.document, [self.card_id], level)

    def _set_word(self) -> None:
        """The customer's own word for the feeling on the active curve."""
        doc = self.document
        curve_id = doc.active_curve_id
        if self.card_id is None or not doc.has_card(self.card_id) or curve_id is None:
            return
        value = doc.card(self.card_id).emotions.get(curve_id)
        word = self.emotion_word.text().strip()
        if value is None or value.word == word:
            return
        self.push_command(lambda: commands.SetCardEmotion(
            doc, self.card_id or "", curve_id,
            EmotionValue.model_validate({**value.model_dump(), "word": word}),
            mergeable=True, text="Edit emotion word"))

    def show_card(self, card_id: str) -> None:
        if card_id != self.card_id:
            self.commit_pending()  # what was typed belongs to the card shown so far
            self.problem.hide()
        self.card_id = card_id
        self.reload()

    def _on_card_changed(self, card_id: str) -> None:
        if card_id == self.card_id:
            self.reload()

    def reload(self) -> None:
        if self.card_id is None or not self.document.has_card(self.card_id):
            return
        doc = self.document
        card = doc.card(self.card_id)
        with self.loading():
            self.heading.setText(KIND_LABELS[card.kind])
            self.place.setText(f"{shown(doc.stage(card.stage_id).name, 80)}  ›  "
                               f"{shown(doc.lane(card.lane_id).name, 80)}")
            if self.refill(self.title):
                set_line(self.title, card.title)
            if self.refill(self.body):
                self.body.load(card.body)
            self.kind.setCurrentIndex(self.kind.findData(card.kind))
            scale = doc.map.scale
            curve_id = doc.active_curve_id
            feeling = card.emotions.get(curve_id) if curve_id is not None else None
            self.emotion.set_scale(scale)
            self.emotion.set_value(feeling.value if feeling is not None else None)
            if self.refill(self.emotion_word):
                set_line(self.emotion_word, feeling.word if feeling is not None else "")
            self.emotion_word.setPlaceholderText(
                default_word(scale, feeling.value) if feeling is not None
                else "Pick an emotion first")
            self.emotion_word.setEnabled(feeling is not None)
            self.curve_hint.setVisible(feeling is not None and card.kind != "touchpoint")
            self.channel.setCurrentIndex(max(0, self.channel.findData(card.channel)))
            if self.refill(self.owner):
                set_line(self.owner, card.owner)
            if self.refill(self.tags):
                set_line(self.tags, ", ".join(card.tags))
            self.votes.setValue(card.votes)
            self.moment.setChecked(card.moment_of_truth)
            self.colour.set_value(card.colour)
            self.persona.clear()
            self.persona.addItem("None", None)
            for persona in doc.map.personas:
                self.persona.addItem(persona.name, persona.id)
            self.persona.setCurrentIndex(max(0, self.persona.findData(card.persona_id)))
            self.curves.reload()
            self.evidence.show_card(card.id)


class CardsPage(InspectorPage):
    """Several cards selected: set kind or emotion for all of them in one undo step."""

    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.card_ids: list[str] = []
        self.kind = QComboBox()
        self.kind.setObjectName("cardsKind")
        self.kind.addItem("Mixed", None)
        for kind in CARD_KINDS:
            self.kind.addItem(kind_icon(kind), KIND_LABELS[kind], kind)
        self.emotion = EmotionPicker()
        self.emotion.setObjectName("cardsEmotion")
        self.form.addRow("Kind", self.kind)
        self.form.addRow("Emotion", self.emotion)
        hint = plain_label("Drag any of them to move them all; Delete removes them.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5B6068;")
        self.outer.addWidget(hint)
        self.outer.addStretch(1)
        self.kind.activated.connect(self._set_kind)
        self.emotion.chosen.connect(self._set_emotion)
        document.card_changed.connect(self._on_card_changed)

    def _on_card_changed(self, card_id: str) -> None:
        if card_id in self.card_ids:
            self.reload()

    def show_cards(self, card_ids: list[str]) -> None:
        self.card_ids = list(card_ids)
        self.reload()

    def reload(self) -> None:
        ids = [cid for cid in self.card_ids if self.document.has_card(cid)]
        with self.loading():
            self.heading.setText(f"{len(ids)} cards selected")
            kinds = {self.document.card(cid).kind for cid in ids}
            self.kind.setCurrentIndex(self.kind.findData(next(iter(kinds)))
                                      if len(kinds) == 1 else 0)
            curve_id = self.document.active_curve_id
            emotions = {(value.value if (value := self.document.card(cid).emotions.get(
                curve_id or "")) is not None else None) for cid in ids}
            self.emotion.set_scale(self.document.map.scale)
            self.emotion.set_value(next(iter(emotions)) if len(emotions) == 1 else None,
                                   mixed=len(emotions) > 1)

    def _set_for_all(self, text: str, field: str, value: object) -> None:
        commands.push_for_cards(self.document, self.card_ids, field, value, text)

    def _set_kind(self, _index: int) -> None:
        kind = self.kind.currentData()
        if kind is not None and not self._loading:
            self._set_for_all(f"Set kind of {len(self.card_ids)} cards", "kind", kind)

    def _set_emotion(self, level: int | None) -> None:
        if not self._loading:
            commands.set_emotion_level(self.document, self.card_ids, level)
