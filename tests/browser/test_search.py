"""Search as readers use it: in their language only, finding the forms of a word they did not type."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .reader import search

pytestmark = pytest.mark.browser



def pages_saying(site_dir: Path, language_prefix: str, word: str) -> set[str]:
    """Addresses of the pages whose search-index text holds ``word`` as a whole word."""
    index = json.loads((site_dir / language_prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    return {language_prefix + doc["location"].split("#")[0] for doc in index["docs"]
            if pattern.search(doc["title"]) or pattern.search(re.sub(r"<[^>]+>", " ", doc["text"]))}


def test_a_french_reader_searches_opens_a_result_switches_to_english_and_searches_again(page, pages):
    french, english = ({pair[index] for pair in pages.values()} for index in (0, 1))
    page.goto("")
    results = search(page, "licenciements", expect="chronologie/", type_like_a_reader=True)
    assert "chronologie/" in results and set(results) <= french, results

    page.locator(".md-search-result__list a[href*='/chronologie/?h=licenciements#']").first.click()
    page.wait_for_url("**/chronologie/?h=licenciements#*")
    assert page.evaluate("document.documentElement.lang") == "fr"
    expect(page.locator("article mark").first, "the searched word is highlighted on the page").to_be_visible()

    page.locator(".md-header .md-select").hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_url("**/en/timeline/")
    assert page.evaluate("document.documentElement.lang") == "en"

    results = search(page, "layoffs", expect="en/timeline/", type_like_a_reader=True)
    assert "en/timeline/" in results and set(results) <= english, results


@pytest.mark.parametrize("start, query, other_language", [
    ("", "contrats", 1),        # "contrats" is also in the English pages' French source titles
    ("en/", "contracts", 0),
])
def test_search_never_returns_the_other_language(page, pages, start, query, other_language):
    page.goto(start)
    results = search(page, query)
    assert results, f"{query!r} found nothing"
    assert not set(results) & {pair[other_language] for pair in pages.values()}, results


@pytest.mark.parametrize("start, query, written", [
    ("", "investissements", "investissement"),   # plural typed, singular written
    ("", "licenciement", "licenciements"),       # singular typed, plural written
    ("en/", "investments", "investment"),
    ("en/", "partnerships", "partnership"),
], ids=["fr-plural-finds-singular", "fr-singular-finds-plural", "en-plural-finds-singular",
        "en-plural-finds-singular-2"])
def test_search_finds_the_forms_of_a_word_the_reader_did_not_type(page, site_dir, start, query, written):
    expected = pages_saying(site_dir, start, written) - pages_saying(site_dir, start, query)
    assert expected, (f"no page says {written!r} without {query!r}: the seeds changed, "
                      "pick another pair of words for this test")
    page.goto(start)
    results = search(page, query, expect=sorted(expected)[0])
    assert expected <= set(results), f"{query!r} should find {sorted(expected)}, found {results}"
    expect(page.locator(".md-search-result__list mark").first, "the words found are marked").to_be_visible()
    assert not page.locator(".md-search-result__terms").count(), "no typed word is shown as missing"


@pytest.mark.parametrize("start, prefix, word", [
    ("", "licenciem", "licenciements"),
    ("en/", "invest", "investment"),
])
def test_the_start_of_a_word_still_finds_it(page, site_dir, start, prefix, word):
    expected = pages_saying(site_dir, start, word)
    page.goto(start)
    results = search(page, prefix, expect=sorted(expected)[0])
    assert expected <= set(results), f"{prefix!r} should find {sorted(expected)}, found {results}"
