"""The card inspector's evidence: what a user adds, edits and removes reaches the map as one
undo step each, the badge follows, a metric lane card's figure is edited in place, and a
linked file opens only when it is a document inside the map's folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from journeymap_desktop import commands
from journeymap_desktop.model.evidence import FileLink, MetricEvidence, QuoteEvidence
from journeymap_desktop.model.map import Card, Lane
from journeymap_desktop.ui.inspector import evidence_group
from journeymap_desktop.ui.inspector.evidence_group import EvidenceGroup
from journeymap_desktop.ui.main_window import MainWindow
from tests.helpers import centre, click, type_text
from tests.helpers.keyboard import pause_typing


def _select(window: MainWindow, qtbot: QtBot, card_id: str) -> EvidenceGroup:
    click(qtbot, window.view, centre(window.scene.layout.cards[card_id].rect))
    assert window.scene.selected_card_ids() == [card_id]
    page = window.inspector.card_page
    assert window.inspector.stack.currentWidget() is page
    return page.evidence


def _retype(qtbot: QtBot, widget: object, text: str) -> None:
    widget.setFocus()  # type: ignore[attr-defined]
    widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_text(qtbot, widget, text)


def _undo_all(window: MainWindow) -> None:
    stack = window.document.undo_stack
    while stack.canUndo():
        stack.undo()


def test_adding_editing_and_removing_a_quote_each_undo(window: MainWindow,
                                                       qtbot: QtBot) -> None:
    group = _select(window, qtbot, "fees")
    assert group.confidence.text() == "○ No evidence"
    assert group.list.count() == 0 and not group.remove_button.isEnabled()
    group.add_actions["quote"].trigger()
    card = window.document.card("fees")
    assert [item.type for item in card.evidence] == ["quote"]
    assert window.scene.layout.cards["fees"].content.badge == "some"
    assert group.confidence.text().startswith("◉ Some evidence: 1 quote")
    assert group.editors.currentWidget() is group.editor_pages["quote"]

    group.quote_text.setFocus()
    group.quote_text.selectAll()
    type_text(qtbot, group.quote_text, "I'd built the whole basket <b>& then</b> €5.99 fees.")
    _retype(qtbot, group.quote_who, "P7")
    _retype(qtbot, group.quote_source, "Interview 7")
    pause_typing(window)
    quote = window.document.card("fees").evidence[0]
    assert isinstance(quote, QuoteEvidence)
    assert (quote.text, quote.who, quote.source) == (
        "I'd built the whole basket <b>& then</b> €5.99 fees.", "P7", "Interview 7")
    assert "Quote: “I'd built the whole basket <b>& then</b>" in group.list.item(0).text()
    # Editing one item is one undo step (EditEvidence merges edits of the same item).
    texts = [command.text() for command in _commands(window)]
    assert texts == ["Add quote", "Edit quote"]

    group.remove_button.click()
    assert window.document.card("fees").evidence == []
    window.document.undo_stack.undo()  # the quote is back, edited
    assert window.document.card("fees").evidence == [quote]
    _undo_all(window)
    assert window.document.card("fees").evidence == []
    assert group.list.count() == 0


def _commands(window: MainWindow) -> list[object]:
    stack = window.document.undo_stack
    return [stack.command(i) for i in range(stack.count())]


def test_each_kind_of_evidence_is_added_and_edited(window: MainWindow, qtbot: QtBot) -> None:
    group = _select(window, qtbot, "compare")
    for kind in ("survey", "metric", "file"):
        group.add_actions[kind].trigger()
    card = window.document.card("compare")
    assert [item.type for item in card.evidence] == ["survey", "metric", "file"]
    # The last added is the one being edited.
    assert group.editors.currentWidget() is group.editor_pages["file"]
    _retype(qtbot, group.file_path, "research/notes.md")
    pause_typing(window)
    group.list.setCurrentRow(0)
    assert group.editors.currentWidget() is group.editor_pages["survey"]
    _retype(qtbot, group.survey_question, "Comparing was easy")
    _retype(qtbot, group.survey_value, "4.1")
    _retype(qtbot, group.survey_unit, "of 5")
    group.survey_n.setValue(312)
    pause_typing(window)
    # Choosing another item while a field of this one is mid-edit: the edit lands on this
    # one, and the list shows the chosen one.
    _retype(qtbot, group.survey_source, "Spring survey")
    group.list.setCurrentRow(1)
    assert group.list.currentRow() == 1
    assert group.editors.currentWidget() is group.editor_pages["metric"]
    assert window.document.card("compare").evidence[0].source == "Spring survey"
    _retype(qtbot, group.metric_value, "12,400")
    _retype(qtbot, group.metric_date, "2024-04-30")
    pause_typing(window)
    survey, metric, link = window.document.card("compare").evidence
    assert (survey.question, survey.value, survey.unit, survey.n) == (  # type: ignore[union-attr]
        "Comparing was easy", 4.1, "of 5", 312)
    assert isinstance(metric, MetricEvidence) and metric.value == 12400.0
    assert metric.date is not None and metric.date.isoformat() == "2024-04-30"
    assert isinstance(link, FileLink) and link.path == "research/notes.md"
    # A survey of 312 answers is strong evidence.
    assert window.scene.layout.cards["compare"].content.badge == "strong"


@pytest.mark.parametrize(("field", "typed", "problem"), [
    ("metric_value", "lots", "is not a number"),
    ("metric_date", "30/04/2024", "write it as 2024-04-30"),
    ("file_path", "../secret.txt", "inside the map's folder"),
])
def test_what_the_map_cannot_hold_is_refused_with_a_reason(
        window: MainWindow, qtbot: QtBot, field: str, typed: str, problem: str) -> None:
    group = _select(window, qtbot, "compare")
    group.add_actions["file" if field == "file_path" else "metric"].trigger()
    before = window.document.card("compare").evidence
    _retype(qtbot, getattr(group, field), typed)
    pause_typing(window)
    assert window.document.card("compare").evidence == before
    label = window.inspector.card_page.problem
    assert label.isVisibleTo(window) and problem in label.text()


def _metric_lane_card(window: MainWindow) -> str:
    doc = window.document
    lane = Lane(id="metrics", name="Metrics", kind="metric")
    doc.push(commands.AddLane(doc, lane, len(doc.map.lanes)))
    card = Card(id="install", stage_id=doc.map.stages[0].id, lane_id="metrics", kind="note",
                title="Install to sign-up")
    doc.push(commands.AddCards(doc, [card]))
    return card.id


def test_a_metric_cards_figure_is_edited_in_place(window: MainWindow, qtbot: QtBot) -> None:
    card_id = _metric_lane_card(window)
    group = _select(window, qtbot, card_id)
    assert group.figure.isVisibleTo(window)
    assert window.scene.layout.cards[card_id].content.figure is None
    _retype(qtbot, group.figure_unit, "%")
    pause_typing(window)
    assert window.document.card(card_id).evidence == []  # no value yet: nothing to show
    assert "value first" in window.inspector.card_page.problem.text()
    _retype(qtbot, group.figure_value, "41")
    pause_typing(window)
    _retype(qtbot, group.figure_unit, "%")
    _retype(qtbot, group.figure_source, "App install funnel")
    _retype(qtbot, group.figure_date, "2024-04-30")
    pause_typing(window)
    (metric,) = window.document.card(card_id).evidence
    assert isinstance(metric, MetricEvidence)
    assert (metric.label, metric.value, metric.unit, metric.source) == (
        "Install to sign-up", 41.0, "%", "App install funnel")
    content = window.scene.layout.cards[card_id].content
    assert content.figure is not None and content.figure.text == "41%"
    assert content.figure_caption is not None
    assert content.figure_caption.text == "App install funnel · 30 Apr 2024"
    # Other cards have no figure to edit.
    group = _select(window, qtbot, "compare")
    assert not group.figure.isVisibleTo(window)


def test_the_inspector_offers_the_new_lane_kinds(window: MainWindow) -> None:
    page = window.inspector.lane_page
    kinds = [page.kind.itemData(i) for i in range(page.kind.count())]
    for kind in ("metric", "quote", "customer_actions", "frontstage", "backstage",
                 "support_processes"):
        assert kind in kinds
    lane = window.document.map.lanes[0]
    window.scene.select_only([window.scene.lane_items[lane.id]])
    page.kind.setCurrentIndex(page.kind.findData("frontstage"))
    page.kind.activated.emit(page.kind.currentIndex())
    assert window.document.lane(lane.id).kind == "frontstage"
    assert "line" in page.hint.text() and page.hint.isVisibleTo(window)


# ----- opening linked files -------------------------------------------------------------------
@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []

    def fake_open(path: Path) -> bool:
        calls.append(path)
        return True

    monkeypatch.setattr(evidence_group, "open_with_system", fake_open)
    return calls


def _link(window: MainWindow, qtbot: QtBot, path: str) -> EvidenceGroup:
    doc = window.document
    doc.push(commands.AddEvidence(doc, "compare", FileLink(id="f1", path=path)))
    group = _select(window, qtbot, "compare")
    group.list.setCurrentRow(0)
    assert group.open_button.isEnabled()
    return group


def test_a_document_beside_the_map_opens_with_the_system(window: MainWindow, qtbot: QtBot,
                                                         opened: list[Path]) -> None:
    folder = window.document.path.parent  # type: ignore[union-attr]
    (folder / "research").mkdir()
    (folder / "research" / "notes.md").write_text("notes", encoding="utf-8")
    _link(window, qtbot, "research/notes.md").open_button.click()
    assert opened == [(folder / "research" / "notes.md").resolve()]


@pytest.mark.parametrize(("make", "problem"), [
    ("missing", "no such file"),
    ("outside", "outside the map's folder"),
    ("script", "a program or script"),
    ("executable", "a program or script"),
])
def test_links_that_leave_the_folder_or_run_code_never_open(
        window: MainWindow, qtbot: QtBot, opened: list[Path], tmp_path: Path, make: str,
        problem: str) -> None:
    folder = window.document.path.parent  # type: ignore[union-attr]
    name = "evidence.txt"
    if make == "outside":
        secret = tmp_path.parent / f"{tmp_path.name}-secret.txt"
        secret.write_text("secret", encoding="utf-8")
        (folder / name).symlink_to(secret)
    elif make == "script":
        name = "notes.desktop"
        (folder / name).write_text("[Desktop Entry]\nExec=rm -rf ~\n", encoding="utf-8")
    elif make == "executable":
        (folder / name).write_text("#!/bin/sh\n", encoding="utf-8")
        os.chmod(folder / name, 0o755)
    _link(window, qtbot, name).open_button.click()
    assert opened == []
    label = window.inspector.card_page.problem
    assert label.isVisibleTo(window) and problem in label.text()


def test_an_unsaved_map_has_no_folder_to_open_from(manager, qtbot: QtBot,  # type: ignore[no-untyped-def]
                                                   small_map, opened: list[Path]) -> None:
    window = manager.new_window(small_map)
    window.resize(1800, 1100)
    qtbot.waitExposed(window)
    window.view.horizontalScrollBar().setValue(0)
    window.view.verticalScrollBar().setValue(0)
    _link(window, qtbot, "notes.md").open_button.click()
    assert opened == []
    assert "Save the map first" in window.inspector.card_page.problem.text()
