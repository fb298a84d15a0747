"""The facts as data files: JSON per language (values as the pages show them, with provenance),
CSV (one row per fact, labels in every language), and schema.org JSON-LD for profile pages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from generator.data import data_files, facts_csv, facts_json, organization_jsonld
from generator.plan import plan
from generator.problems import Problems
from generator.seeds import load_briefings
from generator.values import Formatter

ROOT = Path(__file__).resolve().parent.parent
NBSP = "\u00a0"
URL = "https://briefing.example.org/"


@pytest.fixture(scope="module")
def inputs(fixture_planned):
    return fixture_planned[0]


@pytest.fixture(scope="module")
def acme(inputs):
    return inputs.briefings[0]


def facts_of(text: str) -> dict[str, dict]:
    return {fact["id"]: fact for fact in json.loads(text)["facts"]}


def test_the_json_gives_each_value_as_the_pages_show_it_in_its_language(inputs, acme):
    french = facts_json(acme, Formatter("fr", inputs.translations["fr"]))
    english = facts_json(acme, Formatter("en", inputs.translations["en"]))
    amount = facts_of(french)["deal.amount"]
    assert (amount["value"], amount["display"], amount["currency"], amount["label"]) == (
        1200000000, f"1,2{NBSP}Md{NBSP}$US", "USD", "Prix payé par Globex")
    assert (facts_of(english)["deal.amount"]["display"], facts_of(english)["deal.amount"]["label"]) == (
        "$1.2B", "Price paid by Globex")
    assert facts_of(english)["acme.first-product"]["value"] == "2016-autumn"
    assert facts_of(english)["globex.outlook"]["value"] == "A sensible purchase for Globex"
    assert json.loads(french)["briefing"] == {"id": "acme-robotics", "title": "Acme Robotics : le rachat par Globex",
                                              "subject": "Acme Robotics", "as_of": "2026-09-16", "language": "fr"}
    assert french.endswith("}\n") and french == facts_json(acme, Formatter("fr", inputs.translations["fr"]))


def test_the_json_keeps_provenance_conflicts_and_corrections(inputs, acme):
    document = json.loads(facts_json(acme, Formatter("en", inputs.translations["en"])))
    facts = {fact["id"]: fact for fact in document["facts"]}
    assert facts["globex.stake"]["citations"] == [
        {"source": "globex-release", "title": "Globex to acquire Acme Robotics", "where": "§2"},
        {"source": "gazette-article", "title": "Globex boucle le rachat d'Acme Robotics", "where": "§1"}]
    assert [(facts[i]["conflict"], facts[i]["preferred"]) for i in ("deal.amount", "deal.amount-gazette", "globex.stake")] \
        == [("deal.price", True), ("deal.price", False), (None, None)]
    assert (facts["deal.amount-gazette"]["qualifier"], facts["deal.amount-gazette"]["status"]) == ("about", "estimate")
    derived = facts["founders.stake"]
    assert (derived["derived_from"], derived["derivation"]) == (
        ["globex.stake"], "The rest of the capital: 100% less the 80% bought by Globex.")
    assert document["conflicts"][0]["preferred"] == "deal.amount"
    assert document["corrections"] == [{"id": "gazette.founder-name", "source": "gazette-article", "where": "§2",
                                        "says": "Ada Moreaux", "correct": "Ada Moreau", "fact": "acme.founder",
                                        "reason": "Globex's release and the company register both spell it \"Moreau\"."}]
    gazette = document["sources"][1]
    assert (gazette["author"], gazette["published"], gazette["url"]) == ("Claire Dupin", "2026-09", None)
    assert gazette["published_inferred"] == "The article is undated; it mentions the closing of 15 September 2026."


def test_the_csv_has_one_row_per_fact_with_its_label_in_every_language(acme):
    rows = list(csv.reader(io.StringIO(facts_csv(acme, ["fr", "en"]))))
    assert rows[0] == ["id", "kind", "value", "upper", "currency", "qualifier", "as_of", "status", "sources",
                       "conflict", "label_fr", "label_en"]
    assert [row[0] for row in rows[1:]] == [fact.id for fact in acme.facts]
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["deal.amount-gazette"] == [
        "deal.amount-gazette", "money", "1500000000", "", "USD", "about", "2026-09", "estimate",
        "gazette-article (§3)", "deal.price", "Prix payé par Globex, selon La Gazette",
        "Price paid by Globex, per La Gazette"]
    assert by_id["globex.stake"][8] == "globex-release (§2); gazette-article (§1)"
    assert by_id["acme.html-probe"][2] == '<script>alert("x")</script> & <b>gras</b>'  # the first language's text


def test_the_csv_keeps_an_upper_bound_of_zero(seeds_in, with_fact):
    fact = """\
        - id: share.change
          kind: percentage
          label: {fr: Variation, en: Change}
          value: -5
          upper: 0
          change: true
          as_of: 2025-06
          status: estimate
          citations:
            - {source: release, where: "§3"}
        """
    problems = Problems()
    [briefing] = load_briefings(seeds_in(facts=with_fact(fact)), problems)
    assert not problems
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(facts_csv(briefing, ["fr", "en"])))}
    assert (rows["share.change"]["value"], rows["share.change"]["upper"]) == ("-5", "0")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_a_text_that_a_spreadsheet_would_run_is_written_as_text(seeds_in, with_fact, start):
    fact = f"""\
        - id: probe
          kind: text
          label: {{fr: "{start}HYPERLINK(1)", en: "{start}1+1"}}
          value: {{fr: "{start}cmd|' /C calc'!A0", en: "{start}cmd"}}
          as_of: 2025-06
          status: reported
          citations:
            - {{source: release, where: "§3"}}
        """
    problems = Problems()
    [briefing] = load_briefings(seeds_in(facts=with_fact(fact)), problems)
    assert not problems
    row = {r["id"]: r for r in csv.DictReader(io.StringIO(facts_csv(briefing, ["fr", "en"])))}["probe"]
    assert (row["value"], row["label_fr"], row["label_en"]) == (
        f"'{start}cmd|' /C calc'!A0", f"'{start}HYPERLINK(1)", f"'{start}1+1")


def test_the_organization_json_ld_leaves_out_a_hedged_founding_date(acme, seeds_in, edit):
    assert organization_jsonld(acme, "fr", URL + "profil/") == {
        "@context": "https://schema.org", "@type": "Organization", "name": "Acme Robotics",
        "description": "Acme Robotics conçoit des bras robotisés pour la préparation de commandes en entrepôt.",
        "url": URL + "profil/", "inLanguage": "fr", "foundingDate": "2014"}
    problems = Problems()
    [hedged] = load_briefings(seeds_in(facts=edit("facts", "    value: 2016\n", "    value: 2016\n    qualifier: about\n")),
                              problems)
    assert not problems
    data = organization_jsonld(hedged, "en", URL + "en/profile/")
    assert "foundingDate" not in data and data["description"] == "Mini Corp makes examples."


def test_data_files_are_made_for_every_language_and_json_ld_for_each_profile_page(inputs):
    site_plan = plan(inputs.briefings, inputs.content, inputs.languages, inputs.translations)
    data = data_files(inputs, site_plan, URL)
    assert {language: sorted(files) for language, files in data.files.items()} == {
        "fr": ["data/acme-robotics.csv", "data/acme-robotics.json", "feed.xml"],
        "en": ["data/acme-robotics.csv", "data/acme-robotics.json", "feed.xml"]}
    assert data.files["fr"]["data/acme-robotics.csv"] == data.files["en"]["data/acme-robotics.csv"]
    assert json.loads(data.files["en"]["data/acme-robotics.json"])["briefing"]["language"] == "en"
    assert list(data.jsonld["en"]) == ["acme-robotics/profile"]
    english = json.loads(data.jsonld["en"]["acme-robotics/profile"])
    assert (english["url"], english["inLanguage"]) == (URL + "en/profile/", "en")
    assert json.loads(data.jsonld["fr"]["acme-robotics/profile"])["url"] == URL + "profil/"
