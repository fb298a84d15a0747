"""Search as readers use it: in their language only, finding the forms of a word they did not type."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .reader import SEARCH_BOX, SEARCH_BUTTON, search

pytestmark = pytest.mark.browser



def indexed_text(html: str) -> str:
    """What Pagefind indexes of a page: its article, without what is marked
    ``data-pagefind-ignore`` (provenance notes and details), as plain words."""
    body = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    body = body.split('<div class="provenance-notes" data-pagefind-ignore>', 1)[0]
    body = re.sub(r'<dl class="provenance__details" data-pagefind-ignore>.*?</dl>', " ", body, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


def pages_saying(site_dir: Path, language_prefix: str, word: str) -> set[str]:
    """Addresses of the pages of a language whose indexed text holds ``word`` as a whole word."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    found = set()
    for path in (site_dir / language_prefix).rglob("index.html"):
        address = str(path.parent.relative_to(site_dir))
        address = "" if address == "." else address + "/"
        if (language_prefix or not address.startswith("en/")) and pattern.search(indexed_text(path.read_text(encoding="utf-8"))):
            found.add(address)
    return found


def test_a_french_reader_searches_opens_a_result_switches_to_english_and_searches_again(page, pages):
    french, english = ({pair[index] for pair in pages.values()} for index in (0, 1))
    page.goto("")
    results = search(page, "licenciements", expect="chronologie/", type_like_a_reader=True)
    assert "chronologie/" in results and set(results) <= french, results

    page.locator("dialog[open] a.pagefind-ui__result-link[href*='/chronologie/?highlight=licenciements']").first.click()
    page.wait_for_url("**/chronologie/?highlight=licenciements*")
    assert page.evaluate("document.documentElement.lang") == "fr"
    expect(page.locator("article mark.pagefind-highlight").first, "the searched word is highlighted on the page").to_be_visible()

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
    expect(page.locator("dialog[open] .pagefind-ui__result-excerpt mark").first, "the words found are marked").to_be_visible()


@pytest.mark.parametrize("start, prefix, word", [
    ("", "licenc", "licenciements"),  # a start that runs past the stem ("licenciem") finds less
    ("en/", "invest", "investment"),
])
def test_the_start_of_a_word_still_finds_it(page, site_dir, start, prefix, word):
    expected = pages_saying(site_dir, start, word)
    page.goto(start)
    results = search(page, prefix, expect=sorted(expected)[0])
    assert expected <= set(results), f"{prefix!r} should find {sorted(expected)}, found {results}"


def test_a_search_downloads_only_a_part_of_the_index(page, site_dir, base_url, traffic):
    """The reader's payload does not grow with the site: a page view fetches no index (see
    test_pages.py), and a search fetches Pagefind's code and the chunks its words need."""
    page.goto("en/")
    mark = traffic.mark()
    page.locator(SEARCH_BUTTON).click()
    page.locator(SEARCH_BOX).fill("investment")
    page.wait_for_function("() => document.querySelectorAll('dialog[open] .pagefind-ui__result-link').length >= 5")
    page.wait_for_load_state("networkidle")
    fetched = [url.removeprefix(base_url) for url in traffic.since(mark).requests if "/pagefind/" in url]
    assert any(name.startswith("en/pagefind/index/") for name in fetched), fetched
    assert all(name.startswith("en/pagefind/") for name in fetched), "only this language's index"
    size = sum(transferred(site_dir / name.split("?")[0]) for name in fetched)
    assert size < 300_000, (size, fetched)
    # Whatever the site's size: one fragment per result shown (five at first), not one per page.
    fragments = [name for name in fetched if "/fragment/" in name]
    shown = page.locator("dialog[open] .pagefind-ui__result").count()
    assert 0 < len(fragments) <= shown <= 5, (fragments, shown)


def transferred(path: Path) -> int:
    """The bytes a file costs a reader: GitHub Pages serves text gzipped; Pagefind's index, fragments
    and WebAssembly are compressed already."""
    import gzip

    data = path.read_bytes()
    return len(gzip.compress(data)) if path.suffix in (".js", ".css", ".json", ".html") else len(data)
