"""The card inspector's "Priority" group: customer value, business value (0-100 %) and effort
(0-5) of a pain point or opportunity, and what they come to (the computed value, the score
that ranks the backlog, the matrix quadrant). Hidden for other kinds of card.

Each change is a `SetPriority` command; changes to one card in a row merge into one undo step
(spin box clicks, typing a number), as a drag on the matrix is one step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QSpinBox

from journeymap_desktop import commands
from journeymap_desktop.model.fields import SCORED_KINDS
from journeymap_desktop.model.priority import (
    EFFORT_MAX,
    PERCENT_MAX,
    QUADRANT_LABELS,
    Priority,
    priority_score,
    priority_value,
    quadrant,
    score_text,
)
from journeymap_desktop.ui.plain_text import plain_label

if TYPE_CHECKING:
    from journeymap_desktop.ui.inspector.card_page import CardPage

NOT_SCORED = "Not scored"
EFFORT_WORDS = ("none", "very low", "low", "medium", "high", "very high")


def priority_summary(priority: Priority | None) -> str:
    """"Value 75 % · score 50 of 100 · Quick win", or what is missing."""
    value = priority_value(priority)
    if value is None:
        return "Score customer or business value, and effort, to place it on the matrix."
    parts = [f"Value {score_text(value, ' %')}"]
    score = priority_score(priority)
    if score is None:
        parts.append("add effort to rank it")
    else:
        parts.append(f"score {score_text(score)} of 100")
        where = quadrant(priority)
        if where is not None:
            parts.append(QUADRANT_LABELS[where])
    return " · ".join(parts)


def _score(shown: int) -> int | None:
    """A spin box's number as a score: below the range is "Not scored"."""
    return shown if shown >= 0 else None


def _percent_box(name: str) -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setRange(-1, PERCENT_MAX)  # -1 shows "Not scored"
    box.setSpecialValueText(NOT_SCORED)
    box.setSuffix(" %")
    box.setSingleStep(5)
    return box


class PriorityGroup(QGroupBox):
    def __init__(self, page: CardPage) -> None:
        super().__init__("Priority", page)
        self.setObjectName("priorityGroup")
        self.page = page
        self.document = page.document
        self._loading = False
        self.customer = _percent_box("priorityCustomerValue")
        self.business = _percent_box("priorityBusinessValue")
        self.effort = QComboBox()
        self.effort.setObjectName("priorityEffort")
        self.effort.addItem(NOT_SCORED, None)
        for effort in range(EFFORT_MAX + 1):
            self.effort.addItem(f"{effort} – {EFFORT_WORDS[effort]}", effort)
        self.summary = plain_label()
        self.summary.setObjectName("prioritySummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #5B6068;")
        hint = plain_label("Or drag it on View › Prioritisation Matrix (Ctrl+Shift+M).")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #6B717A;")
        form = QFormLayout(self)
        form.addRow("Customer value", self.customer)
        form.addRow("Business value", self.business)
        form.addRow("Effort", self.effort)
        form.addRow(self.summary)
        form.addRow(hint)
        self.customer.valueChanged.connect(
            lambda shown: self._set("customer_value", _score(shown)))
        self.business.valueChanged.connect(
            lambda shown: self._set("business_value", _score(shown)))
        self.effort.activated.connect(
            lambda _index: self._set("effort", self.effort.currentData()))
        # Below the page's fields, above its closing stretch; refilled whenever the page is
        # (another card shown, its card changed, an undo), which is the page's reload.
        page.outer.insertWidget(page.outer.count() - 1, self)
        shown_by_page = page.reload

        def reload_page_and_scores() -> None:
            shown_by_page()
            self.reload()

        page.reload = reload_page_and_scores  # type: ignore[method-assign]

    def _set(self, field: str, value: int | None) -> None:
        page = self.page
        card_id = page.card_id
        if self._loading or page._loading or card_id is None or \
                not self.document.has_card(card_id):
            return
        current = self.document.card(card_id).priority
        if getattr(current, field, None) == value:
            return
        scores: dict[str, Any] = {field: value}
        page.push_command(lambda: commands.SetPriority(self.document, card_id, mergeable=True,
                                                       **scores))

    def reload(self) -> None:
        card_id = self.page.card_id
        if card_id is None or not self.document.has_card(card_id):
            return
        card = self.document.card(card_id)
        self.setVisible(card.kind in SCORED_KINDS)
        priority = card.priority
        self._loading = True
        try:
            for box, value in ((self.customer, priority.customer_value if priority else None),
                               (self.business, priority.business_value if priority else None)):
                if not (box.hasFocus() and self.page._pushing):
                    box.setValue(-1 if value is None else value)
            effort = priority.effort if priority else None
            self.effort.setCurrentIndex(max(0, self.effort.findData(effort)))
            self.summary.setText(priority_summary(priority))
        finally:
            self._loading = False
