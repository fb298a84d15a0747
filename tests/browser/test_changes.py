"""What changed, as a reader follows it: the latest changes on the home page lead to their entry
on the "What changed" page, whose entries lead to the facts they touch; the feed each page
announces is there. At 1280 and 375 px, in both languages."""

from __future__ import annotations

import pytest
import yaml
from playwright.sync_api import expect

from .reader import ARTIFACTS, ROOT

pytestmark = pytest.mark.browser

UPDATES = yaml.safe_load((ROOT / "seeds" / "scale-ai" / "updates.yaml").read_text(encoding="utf-8"))["updates"]
KIND_WORDS = {"fr": "Correction", "en": "Correction"}


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_reader_goes_from_the_latest_changes_to_an_entry_and_its_facts(new_context, pages, language, width):
    index = 0 if language == "fr" else 1
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(pages["home"][index])
    latest = page.locator("article .updates > li")
    expect(latest).to_have_count(3)
    expect(latest.first.locator(".update__kind")).to_have_text(KIND_WORDS[language])

    latest.first.locator(".update__more a").click()
    page.wait_for_url(f"**/{pages['changes'][index]}#u-{UPDATES[0]['id']}")
    entries = page.locator("article .updates > li")
    expect(entries).to_have_count(len(UPDATES))
    assert entries.evaluate_all("items => items.map(item => item.id)") == [f"u-{u['id']}" for u in UPDATES]
    target = page.locator(f"#u-{UPDATES[0]['id']}")
    expect(target).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{language}-changes-{width}px.png"))

    # Each fact it touches links to that fact's permanent entry on the sources page.
    first_fact = UPDATES[0]["facts"][0]
    target.locator(".update__touches a").first.click()
    page.wait_for_url(f"**/{pages['sources'][index]}#f-{first_fact.replace('.', '-').replace('_', '-')}")
    expect(page.locator(f"#f-{first_fact.replace('.', '-').replace('_', '-')}")).to_be_in_viewport()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_feed_a_page_announces_is_served_as_atom(page, pages, language):
    page.goto(pages["changes"][0 if language == "fr" else 1])
    link = page.locator('head link[rel=alternate][type="application/atom+xml"]')
    assert link.get_attribute("hreflang") == language
    response = page.request.get(page.evaluate("href => new URL(href, location.href).href", link.get_attribute("href")))
    assert response.ok and response.text().lstrip().startswith("<?xml")
    assert f'xml:lang="{language}"' in response.text()
