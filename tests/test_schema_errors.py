"""Pydantic's errors as editors' messages: ``walk`` follows an error's location through the YAML
and the schema at once, ``describe`` says what to write, ``without_echoes`` keeps one message
per mistake. Line numbers refer to the minimal briefing (``fixtures/minimal/``)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from generator.briefing import Briefing, Citation
from generator.profile import Leader
from generator.facts import DateFact, MoneyFact
from generator.loading import read_yaml
from generator.seeds import merge_sections
from generator.problems import Problems
from generator.schema_errors import describe, walk, without_echoes

KINDS = "money, count, percentage, date, person, organisation, text"


@pytest.fixture
def briefing_yaml(tmp_path, minimal):
    """``briefing_yaml(**texts)``: the minimal briefing, with some files replaced, merged as the
    loader merges it, and the errors pydantic finds in it (``[]`` when valid)."""

    def merged(**texts: str):
        problems = Problems()
        for name, text in {**minimal, **texts}.items():
            (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
        root = merge_sections([read_yaml(path, problems) for path in sorted(tmp_path.glob("*.yaml"))], problems)
        assert not problems
        try:
            Briefing.model_validate(root)
        except ValidationError as error:
            return root, error.errors()
        return root, []

    return merged


def test_walk_names_the_file_line_and_field_of_a_nested_location(briefing_yaml, tmp_path):
    root, errors = briefing_yaml()
    assert errors == []
    position = walk(root, ("facts", 0, "money", "citations", 0, "where"))
    assert (position.file, position.line, position.field, position.node) == (
        str(tmp_path / "facts.yaml"), 10, "facts[deal.amount].citations[0].where", "§1")
    leader = walk(root, ("profile", "leadership", 0, "current"))
    assert (leader.file, leader.line, leader.field, leader.node) == (
        str(tmp_path / "profile.yaml"), 10, "profile.leadership[founder].current", True)
    assert walk(root, ("profile", "leadership", 0)).model is Leader
    assert walk(root, ("events", 0, "citations", 0)).model is Citation


def test_walk_reads_a_facts_model_from_its_kind(briefing_yaml, tmp_path):
    root, _ = briefing_yaml()
    money = walk(root, ("facts", 0, "money"))
    assert (money.model, money.line, money.field) == (MoneyFact, 2, "facts[deal.amount]")
    assert "currency" in money.model.model_fields
    date = walk(root, ("facts", 1, "date"))
    assert (date.model, date.line, date.field) == (DateFact, 11, "facts[founded]")
    assert "currency" not in date.model.model_fields


def test_walk_stops_where_the_yaml_ends(briefing_yaml, tmp_path):
    root, _ = briefing_yaml()
    absent = walk(root, ("facts", 0, "money", "upper"))
    assert (absent.node, absent.model, absent.file, absent.line, absent.field) == (
        None, MoneyFact, str(tmp_path / "facts.yaml"), 2, "facts[deal.amount]")
    section = walk(root, ("conflicts",))
    assert (section.node, section.line, section.field) == (None, 1, "conflicts")
    assert walk(root, ()).field == "(file)"


@pytest.mark.parametrize("file, old, new, message", [
    ("facts", "kind: money", "kind: amount", f"unknown kind 'amount' (expected one of: {KINDS})"),
    ("facts", "    kind: money\n", "", f"required field 'kind' is missing (one of: {KINDS})"),
    ("facts", "currency: USD", "currency: dollars",
     "currency must be an ISO 4217 code such as USD or EUR, got text ('dollars')"),
    ("facts", "value: 10e6", "value: ten", "expected a number, got text ('ten')"),
    ("profile", "current: true", "current: yes",
     "expected true or false, got text ('yes') (YAML 1.1 words yes/no/on/off are read as text here)"),
    ("events", '    citations:\n      - {source: release, where: "§1"}\n', "    citations: []\n",
     "expected at least 1 item(s), got 0"),
    ("events", "  - id: raise", "  - id: Raise",
     "text ('Raise') is not a valid id (use lowercase letters, digits, '.', '-', '_')"),
])
def test_describe_says_what_to_write_instead(briefing_yaml, minimal, file, old, new, message):
    root, errors = briefing_yaml(**{file: minimal[file].replace(old, new, 1)})
    assert [describe(error, root) for error in without_echoes(errors, root)] == [message]


def test_a_misspelt_key_is_one_mistake_and_one_message(briefing_yaml, minimal):
    root, errors = briefing_yaml(facts=minimal["facts"].replace("currency: USD", "curency: USD"))
    assert sorted(error["type"] for error in errors) == ["extra_forbidden", "missing"]
    kept = without_echoes(errors, root)
    assert [(error["type"], error["loc"]) for error in kept] == [("extra_forbidden", ("facts", 0, "money", "curency"))]
    assert describe(kept[0], root).endswith("; did you mean 'currency'?")


def test_an_unknown_key_that_misspells_nothing_keeps_the_missing_field(briefing_yaml, minimal):
    root, errors = briefing_yaml(facts=minimal["facts"].replace("currency: USD", "money: USD"))
    assert sorted(describe(error, root) for error in without_echoes(errors, root)) == [
        "'currency' is required for a money value",
        "unknown key 'money' (expected one of: as_of, change, citations, currency, derivation, derived_from, "
        "horizon, id, kind, label, note, qualifier, status, upper, value)",
    ]


def test_a_place_written_as_words_gets_the_words_message_only(briefing_yaml, minimal):
    root, errors = briefing_yaml(facts=minimal["facts"].replace('where: "§1"', 'where: "page 4"', 1))
    assert len(errors) == 2  # one per way of writing a place: words, or a text per language
    kept = without_echoes(errors, root)
    assert len(kept) == 1 and describe(kept[0], root).startswith("unknown place 'page 4' in 'page 4': write one of")
    position = walk(root, kept[0]["loc"])
    assert (position.line, position.field) == (10, "facts[deal.amount].citations[0].where")
