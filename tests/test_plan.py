"""The plan: every page's file and address in every language, decided before anything renders,
and each language's navigation."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.catalogs import read_catalogs
from generator.content import ContentPage
from generator.plan import BRIEFING_PAGES, data_paths, language_prefix, pdf_path, plan
from generator.problems import Problems
from generator.seeds import load_briefings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def translations():
    problems = Problems()
    catalogs = read_catalogs((ROOT / "locales",), ["fr", "en"], problems)
    assert not problems
    return {language: catalog.translations for language, catalog in catalogs.items()}


@pytest.fixture(scope="module")
def acme(fixture_seeds):
    problems = Problems()
    briefings = load_briefings(fixture_seeds, problems)
    assert not problems
    return briefings


@pytest.fixture(scope="module")
def two_briefings(tmp_path_factory, fixture_seeds):
    seeds = tmp_path_factory.mktemp("seeds")
    shutil.copytree(fixture_seeds / "acme-robotics", seeds / "acme-robotics")
    shutil.copytree(FIXTURES / "minimal", seeds / "mini")
    problems = Problems()
    briefings = load_briefings(seeds, problems)
    assert not problems
    return briefings


def page(key: str, language: str, **meta) -> ContentPage:
    return ContentPage(key, language, Path(f"content/{key}.{language}.md"), {"title": key.title(), **meta}, "", 1)


def addresses(site_plan) -> dict[str, dict[str, tuple[str, str]]]:
    return {p.key: {lang: (place.doc_path, place.url) for lang, place in p.places.items()} for p in site_plan.pages}


def test_one_briefing_is_at_the_site_root_with_translated_addresses(acme, translations):
    site_plan = plan(acme, [], ["fr", "en"], translations)
    assert addresses(site_plan) == {
        "acme-robotics/home": {"fr": ("index.md", ""), "en": ("index.md", "en/")},
        "acme-robotics/profile": {"fr": ("profil.md", "profil/"), "en": ("profile.md", "en/profile/")},
        "acme-robotics/timeline": {"fr": ("chronologie.md", "chronologie/"), "en": ("timeline.md", "en/timeline/")},
        "acme-robotics/watchlist": {"fr": ("veille.md", "veille/"), "en": ("watchlist.md", "en/watchlist/")},
        "acme-robotics/changes": {"fr": ("modifications.md", "modifications/"), "en": ("changes.md", "en/changes/")},
        "acme-robotics/sources": {"fr": ("sources.md", "sources/"), "en": ("sources.md", "en/sources/")},
    }
    assert [p.kind for p in site_plan.pages] == ["home", "profile", "timeline", "watchlist", "changes", "sources"]
    assert site_plan.navigation["fr"] == [
        {"Synthèse": "index.md"}, {"Profil de l\u2019entreprise": "profil.md"}, {"Chronologie": "chronologie.md"},
        {"Veille": "veille.md"}, {"Ce qui a changé": "modifications.md"}, {"Sources": "sources.md"}]
    assert site_plan.navigation["en"][:2] == [{"Overview": "index.md"}, {"Company profile": "profile.md"}]


def test_several_briefings_get_a_folder_each_and_a_site_index(two_briefings, translations):
    site_plan = plan(two_briefings, [], ["fr", "en"], translations)
    places = addresses(site_plan)
    assert list(places)[:2] == ["index", "acme-robotics/home"]
    assert places["index"] == {"fr": ("index.md", ""), "en": ("index.md", "en/")}
    assert places["mini/home"] == {"fr": ("mini/index.md", "mini/"), "en": ("mini/index.md", "en/mini/")}
    assert places["mini/profile"] == {"fr": ("mini/profil.md", "mini/profil/"),
                                      "en": ("mini/profile.md", "en/mini/profile/")}
    english = site_plan.navigation["en"]
    assert [list(entry) for entry in english] == [["Briefings"], ["Acme Robotics: the Globex takeover"], ["Mini"]]
    assert english[2]["Mini"][:2] == [{"Overview": "mini/index.md"}, {"Company profile": "mini/profile.md"}]
    assert list(site_plan.navigation["fr"][0]) == ["Notes de synthèse"]


def test_editors_pages_follow_in_order_with_their_slugs_and_languages(acme, translations):
    content = [page("zeta", "fr"), page("zeta", "en"),
               page("alpha", "fr", order=5, slug="alpha-fr"), page("alpha", "en"),
               page("beta", "en", order=1), page("beta", "fr", order=20),
               page("memo", "fr")]  # no English version (the check phase reports it)
    site_plan = plan(acme, content, ["fr", "en"], translations)
    places = addresses(site_plan)
    # By their smallest order, pages without one last, then by name.
    assert [key for key in places if key.startswith("content/")] == [
        "content/beta", "content/alpha", "content/memo", "content/zeta"]
    assert places["content/alpha"] == {"fr": ("alpha-fr.md", "alpha-fr/"), "en": ("alpha.md", "en/alpha/")}
    assert places["content/memo"] == {"fr": ("memo.md", "memo/")}
    assert site_plan.by_key["content/alpha"].content["en"].meta["title"] == "Alpha"
    assert site_plan.navigation["en"][len(BRIEFING_PAGES):] == [{"Beta": "beta.md"}, {"Alpha": "alpha.md"}, {"Zeta": "zeta.md"}]
    assert [p.key for p in site_plan.in_language("en")][-3:] == ["content/beta", "content/alpha", "content/zeta"]


def test_the_build_date_is_the_latest_as_of_date_never_the_clock(acme, two_briefings, translations,
                                                                  seeds_in, edit):
    assert plan(acme, [], ["fr", "en"], translations).build_date == date(2026, 9, 16)
    # Acme's as-of date is 2026-09-16, the minimal briefing's 2025-06-01.
    assert plan(two_briefings, [], ["fr", "en"], translations).build_date == date(2026, 9, 16)
    problems = Problems()
    month = load_briefings(seeds_in(briefing=edit("briefing", "as_of: 2025-06-01", "as_of: 2025-11")), problems)
    assert not problems
    assert plan(month, [], ["fr", "en"], translations).build_date == date(2025, 11, 30)


def test_prefixes_pdfs_and_data_files(acme, translations):
    site_plan = plan(acme, [], ["fr", "en"], translations)
    assert (site_plan.prefix("fr"), site_plan.prefix("en")) == ("", "en/")
    assert language_prefix("fr", ["en", "fr"]) == "fr/"
    assert pdf_path(acme[0], "en") == "pdf/acme-robotics-en.pdf"
    assert data_paths(acme[0]) == {"json": "data/acme-robotics.json", "csv": "data/acme-robotics.csv"}
