"""Inspector page for the map itself: title, description, author, and its personas."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from journeymap_desktop import commands
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.model.ids import new_id
from journeymap_desktop.model.map import Persona
from journeymap_desktop.ui.inspector.base import InspectorPage
from journeymap_desktop.ui.inspector.fields import CommitTextEdit, section_label, set_line
from journeymap_desktop.ui.inspector.map_curves_group import MapCurvesGroup


def _lines(text: str) -> list[str]:
    return [line.strip().lstrip("•-* ").strip() for line in text.splitlines() if line.strip()]


class MapPage(InspectorPage):
    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.heading.setText("Journey map")
        self.title = QLineEdit()
        self.title.setObjectName("mapTitle")
        self.title.setMaxLength(200)
        self.description = CommitTextEdit(lines=5)
        self.description.setObjectName("mapDescription")
        self.author = QLineEdit()
        self.author.setObjectName("mapAuthor")
        self.author.setMaxLength(200)
        self.form.addRow("Title", self.title)
        self.form.addRow("Description", self.description)
        self.form.addRow("Author", self.author)

        self.outer.addWidget(section_label("Personas"))
        self.personas = QListWidget()
        self.personas.setObjectName("personaList")
        self.personas.setMaximumHeight(96)
        self.personas.setWordWrap(True)
        self.personas.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.outer.addWidget(self.personas)
        buttons = QHBoxLayout()
        self.add_persona = QPushButton("Add persona")
        self.add_persona.setObjectName("addPersona")
        self.remove_persona = QPushButton("Remove")
        self.remove_persona.setObjectName("removePersona")
        buttons.addWidget(self.add_persona)
        buttons.addWidget(self.remove_persona)
        buttons.addStretch(1)
        self.outer.addLayout(buttons)

        self.persona_name = QLineEdit()
        self.persona_name.setObjectName("personaName")
        self.persona_name.setMaxLength(200)
        self.persona_role = QLineEdit()
        self.persona_role.setObjectName("personaRole")
        self.persona_role.setMaxLength(200)
        self.persona_quote = CommitTextEdit(lines=2)
        self.persona_quote.setObjectName("personaQuote")
        self.persona_goals = CommitTextEdit(lines=3, grow_to=8)
        self.persona_goals.setObjectName("personaGoals")
        self.persona_goals.setPlaceholderText("One goal per line")
        self.persona_frustrations = CommitTextEdit(lines=3, grow_to=8)
        self.persona_frustrations.setObjectName("personaFrustrations")
        self.persona_frustrations.setPlaceholderText("One frustration per line")
        self.persona_form = QFormLayout()
        self.persona_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, widget in (("Name", self.persona_name), ("Role", self.persona_role),
                              ("Quote", self.persona_quote), ("Goals", self.persona_goals),
                              ("Frustrations", self.persona_frustrations)):
            self.persona_form.addRow(label, widget)
        self.persona_box = QWidget()
        self.persona_box.setLayout(self.persona_form)
        self.outer.addWidget(self.persona_box)
        self.emotions = MapCurvesGroup(self)  # scale and curves (map_curves_group.py)
        self.outer.addWidget(self.emotions)
        self.outer.addStretch(1)

        self.bind_text(self.title, self._title_finished)
        self.bind_text(self.description, lambda: self._map_fields(
            {"description": self.description.toPlainText().rstrip()}))
        self.bind_text(self.author, lambda: self._map_fields(
            {"author": self.author.text().strip()}))
        self._shown_persona: str | None = None
        self.personas.currentRowChanged.connect(self._persona_chosen)
        self.add_persona.clicked.connect(self._add_persona)
        self.remove_persona.clicked.connect(self._remove_persona)
        self.bind_text(self.persona_name, lambda: self._persona_fields(
            {"name": self.persona_name.text().strip()}))
        self.bind_text(self.persona_role, lambda: self._persona_fields(
            {"role": self.persona_role.text().strip()}))
        self.bind_text(self.persona_quote, lambda: self._persona_fields(
            {"quote": self.persona_quote.toPlainText().strip()}))
        self.bind_text(self.persona_goals, lambda: self._persona_fields(
            {"goals": _lines(self.persona_goals.toPlainText())}))
        self.bind_text(self.persona_frustrations, lambda: self._persona_fields(
            {"frustrations": _lines(self.persona_frustrations.toPlainText())}))
        document.map_changed.connect(self.reload)
        document.personas_changed.connect(self.reload)
        document.reset.connect(self.reload)
        self.reload()

    def _map_fields(self, changes: dict[str, object]) -> None:
        self.push_fields("map", "", changes, mergeable=True)

    def _title_finished(self) -> None:
        title = self.title.text().strip()
        if not title:
            if not self.pausing:
                self.show_problem("A map needs a title.")
                self.reload()
            return
        self.push_fields("map", "", {"title": title}, True)

    def _selected_persona_id(self) -> str | None:
        item = self.personas.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _persona_chosen(self, _row: int) -> None:
        if not self._loading:
            self.commit_pending()  # what was typed belongs to the persona shown so far
        self._load_persona()

    def _persona_fields(self, changes: dict[str, object]) -> None:
        persona_id = self._shown_persona
        if persona_id is None or self._loading or not any(
                p.id == persona_id for p in self.document.map.personas):
            return
        if "name" in changes and not changes["name"]:
            if not self.pausing:
                self.show_problem("A persona needs a name.")
                self._load_persona()
            return
        self.push_fields("persona", persona_id, changes, True)

    def _add_persona(self) -> None:
        doc = self.document
        persona = Persona(id=new_id("persona"), name=f"Persona {len(doc.map.personas) + 1}")
        doc.push(commands.AddPersona(doc, persona, len(doc.map.personas)))
        self.personas.setCurrentRow(self.personas.count() - 1)
        self.persona_name.setFocus()
        self.persona_name.selectAll()

    def _remove_persona(self) -> None:
        persona_id = self._selected_persona_id()
        if persona_id is not None:
            self.document.push(commands.RemovePersona(self.document, persona_id))

    def reload(self) -> None:
        journey = self.document.map
        with self.loading():
            if self.refill(self.title):
                set_line(self.title, journey.title)
            if self.refill(self.description):
                self.description.load(journey.description)
            if self.refill(self.author):
                set_line(self.author, journey.meta.author)
            self._fill_persona_list()
        self._load_persona()

    def _fill_persona_list(self) -> None:
        """Names in the list, updated in place when the personas are the same ones: a
        rebuild would move the keyboard out of the persona field being typed in."""
        personas = self.document.map.personas
        labels = [p.name + (f" — {p.role}" if p.role else "") for p in personas]
        ids = [p.id for p in personas]
        shown = [self.personas.item(row).data(Qt.ItemDataRole.UserRole)
                 for row in range(self.personas.count())]
        selected = self._selected_persona_id()
        blocked = self.personas.blockSignals(True)
        try:
            if shown == ids:
                for row, label in enumerate(labels):
                    self.personas.item(row).setText(label)
                return
            self.personas.clear()
            for persona_id, label in zip(ids, labels, strict=True):
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, persona_id)
                self.personas.addItem(item)
            if ids:
                self.personas.setCurrentRow(ids.index(selected) if selected in ids else 0)
        finally:
            self.personas.blockSignals(blocked)

    def _load_persona(self) -> None:
        persona_id = self._selected_persona_id()
        self._shown_persona = persona_id
        self.persona_box.setVisible(persona_id is not None)
        self.remove_persona.setEnabled(persona_id is not None)
        if persona_id is None:
            return
        persona = self.document.persona(persona_id)
        with self.loading():
            if self.refill(self.persona_name):
                set_line(self.persona_name, persona.name)
            if self.refill(self.persona_role):
                set_line(self.persona_role, persona.role)
            if self.refill(self.persona_quote):
                self.persona_quote.load(persona.quote)
            if self.refill(self.persona_goals):
                self.persona_goals.load("\n".join(persona.goals))
            if self.refill(self.persona_frustrations):
                self.persona_frustrations.load("\n".join(persona.frustrations))
