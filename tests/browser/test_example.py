"""The three-language example in a browser: German search with German stemming, and the
language switcher's three entries, at 1280 and 375 px."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from .reader import ARTIFACTS, ROOT, search

pytestmark = pytest.mark.browser
EXAMPLE = ROOT / "examples" / "trilingual"


@pytest.fixture
def german(new_context, example):
    def open_at(width: int):
        context = new_context(viewport={"width": width, "height": 900})
        context.add_init_script(f"window.__siteRoot = {json.dumps(example.url)}")
        page = context.new_page()
        page.example_url = example.url
        return page

    return open_at


@pytest.mark.parametrize("width", [1280, 375])
def test_a_german_reader_finds_a_word_in_another_form_and_only_german_pages(german, width):
    page = german(width)
    page.goto(page.example_url + "de/")
    # The pages say "Standort", "Standorte", "Standorts", never "Standortes": only the German
    # stemmer, which reduces them all to "standort", finds them.
    written = " ".join(path.read_text(encoding="utf-8") for path in EXAMPLE.rglob("*.*") if path.suffix in (".yaml", ".md"))
    assert "standortes" not in written.lower() and "Standorte " in written
    results = search(page, "Standortes")
    assert len(results) >= 3 and all(address.startswith("de/") for address in results), results
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"de-example-search-{width}px.png"))


def test_the_switcher_offers_three_languages_for_the_same_page(german):
    page = german(1280)
    page.goto(page.example_url + "de/")
    page.locator(".md-header .md-select").hover()
    links = page.locator("a.md-select__link")
    expect(links).to_have_count(3)
    assert sorted(links.evaluate_all("links => links.map(link => link.hreflang)")) == ["de", "en", "fr"]
    page.locator("a.md-select__link[hreflang=fr]").click()
    page.wait_for_url("**/")
    assert page.evaluate("document.documentElement.lang") == "fr"
