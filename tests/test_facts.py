"""Facts and their provenance: places in a document, anchors, quoted facts, the fact kinds."""

from __future__ import annotations

import typing
from decimal import Decimal

import pytest
from pydantic import TypeAdapter, ValidationError

from generator.facts import (FACT_KINDS, FACT_MODELS, NUMBER_KINDS, Citation, Fact, Locator, MoneyFact,
                             NumberFact, fact_anchor, parse_locators, quoted_facts)

PLACE_HELP = ("write one of title, subtitle, standfirst, dateline, footer, intro, 'section « Heading »', "
              "each optionally followed by ', §N' (paragraph) or ', item N' (list item), or '§N' alone; "
              "separate several places with ' ; ', or give the place in every language ({fr: ..., en: ...})")


@pytest.mark.parametrize("where, locators", [
    ("title", [Locator(part="title")]),
    ("§3", [Locator(paragraph=3)]),
    ("§ 12", [Locator(paragraph=12)]),
    ("item 4", [Locator(item=4)]),
    ("intro, §3", [Locator(part="intro", paragraph=3)]),
    ("section «En coulisses»", [Locator(heading="En coulisses")]),
    ("intro, §3 ; section « En coulisses », item 2",
     [Locator(part="intro", paragraph=3), Locator(heading="En coulisses", item=2)]),
])
def test_locator_words_are_read_as_places(where, locators):
    assert parse_locators(where) == locators


@pytest.mark.parametrize("where, culprit", [
    ("page 4", "page 4"),
    ("intro §3", "intro §3"),          # the detail follows a comma
    ("title, §2, item 3", "title, §2, item 3"),
    ("§1;", ""),                       # an empty place after the separator
])
def test_any_other_place_is_refused_with_the_grammar(where, culprit):
    with pytest.raises(ValueError) as raised:
        parse_locators(where)
    assert str(raised.value) == f"unknown place '{culprit}' in '{where}': {PLACE_HELP}"


def test_a_citation_takes_locator_words_or_a_place_in_every_language():
    assert Citation.model_validate({"source": "release", "where": "intro, §2"}).where == "intro, §2"
    translated = Citation.model_validate({"source": "release", "where": {"fr": "encadré", "en": "box"}})
    assert translated.where.get("en") == "box"
    with pytest.raises(ValidationError) as raised:
        Citation.model_validate({"source": "release", "where": "page 4"})
    assert f"unknown place 'page 4' in 'page 4': {PLACE_HELP}" in str(raised.value)


def test_anchors_and_quoted_facts():
    assert fact_anchor("deal.amount") == "f-deal-amount"
    assert fact_anchor("scale_ai.revenue-2024") == "f-scale-ai-revenue-2024"
    assert quoted_facts("Meta paid {deal.amount} for {meta.stake}; {Not.an.id} {deal.amount}") == [
        "deal.amount", "meta.stake", "deal.amount"]
    assert quoted_facts("no fact here") == []


def test_the_fact_kinds_are_read_from_the_fact_union():
    union = typing.get_args(typing.get_args(Fact)[0])
    assert set(FACT_MODELS.values()) == set(union) and len(FACT_MODELS) == len(union)
    assert FACT_KINDS == ("money", "count", "percentage", "date", "person", "organisation", "text")
    assert NUMBER_KINDS == ("money", "count", "percentage")
    assert all(issubclass(FACT_MODELS[kind], NumberFact) == (kind in NUMBER_KINDS) for kind in FACT_KINDS)
    assert FACT_MODELS["money"] is MoneyFact


def test_a_fact_is_validated_against_the_model_of_its_kind():
    money = {"id": "deal.amount", "kind": "money", "label": {"fr": "Montant", "en": "Amount"}, "value": "14.3e9",
             "currency": "USD", "as_of": "2025-06", "status": "reported",
             "citations": [{"source": "release", "where": "§1"}]}
    fact = TypeAdapter(Fact).validate_python(money)
    assert isinstance(fact, MoneyFact) and fact.value == Decimal("14300000000") and fact.change is False
    with pytest.raises(ValidationError) as raised:
        TypeAdapter(Fact).validate_python({**money, "currency": "dollars"})
    assert [(e["loc"], e["type"]) for e in raised.value.errors()] == [(("money", "currency"), "string_pattern_mismatch")]
