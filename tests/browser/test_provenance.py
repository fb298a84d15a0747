"""A reader checks where a figure comes from, cites it, sees that the briefing is dated, and
switches language on a copy of the site served at another address."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .test_reading import tab_until

pytestmark = pytest.mark.browser

BRIEFING_KINDS = ("home", "profile", "timeline", "watchlist", "sources")
OPEN_NOTE = ".provenance:popover-open"


def test_the_keyboard_alone_opens_a_figures_provenance_and_closes_it(page):
    page.goto("")
    tab_until(page, "button.fact-marker", presses=60)
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    page.keyboard.press("Enter")
    note = page.locator(OPEN_NOTE)
    expect(note).to_be_visible()
    assert label.startswith("Note 1\u00a0: provenance de «\u00a0"), label
    # The note gives the source by its short label and place, the as-of date and the status.
    for words in ("Sources", "juin 2025", "Date de référence", "Statut", "Lien permanent"):
        expect(note).to_contain_text(words)
    assert note.locator("a[href*='#source-']").count() >= 1
    page.keyboard.press("Escape")
    expect(page.locator(OPEN_NOTE)).to_have_count(0)


def test_a_derived_figure_shows_its_calculation_and_the_facts_it_comes_from(page):
    page.goto("en/profile/")
    marker = page.locator("[data-fact='series_f.valuation'] button.fact-marker").first
    marker.click()
    note = page.locator(OPEN_NOTE)
    expect(note).to_contain_text("How it is derived")
    expect(note).to_contain_text("÷ 2")
    expect(note).to_contain_text("From:")
    expect(note.locator("a[href$='#f-deal-valuation']").first).to_be_visible()
    note.get_by_role("button", name="Close").click()
    expect(page.locator(OPEN_NOTE)).to_have_count(0)


@pytest.mark.parametrize("address, value", [("sources/#f-deal-amount", "14,3\u00a0Md\u00a0$US"),
                                            ("en/sources/#f-deal-amount", "$14.3B")])
def test_a_figures_permanent_link_shows_the_figure(page, address, value):
    page.goto(address)
    entry = page.locator("#f-deal-amount")
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text(value)


def test_from_a_figures_note_the_reader_reaches_and_copies_its_permanent_link(new_context, base_url):
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto("en/watchlist/")
    page.locator("[data-fact='deal.stake'] button.fact-marker").first.click()
    note = page.locator(OPEN_NOTE)
    note.get_by_role("button", name="Copy link").click()
    expect(note.get_by_role("button", name="Link copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == base_url + "en/sources/#f-deal-stake"
    note.get_by_role("link", name="Permanent link").click()
    page.wait_for_url("**/en/sources/#f-deal-stake")
    expect(page.locator("#f-deal-stake")).to_be_in_viewport()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_of_a_briefing_past_its_checkpoints_says_so(page, pages, language):
    words = {"fr": ("Sources jusqu’à juillet 2025", "Depuis, 5 échéances", "le 15 septembre 2025"),
             "en": ("Sources up to July 2025", "Since then, 5 watchlist checkpoints", "on September 15, 2025")}[language]
    for kind in BRIEFING_KINDS:
        page.goto(pages[kind][0 if language == "fr" else 1])
        notice = page.locator(".stale-notice")
        expect(notice).to_be_visible()
        for text in words:
            expect(notice).to_contain_text(text)
    page.goto(pages["watchlist"][0 if language == "fr" else 1])
    expect(page.locator(".overdue")).to_have_count(5)


@pytest.fixture(scope="module")
def foreign_copy(published, serve_folder) -> str:
    """The published site's files served at another address (the server's root), as a local
    copy or a pull-request preview would be."""
    return serve_folder(published.site_dir)


def test_on_a_copy_served_elsewhere_the_switcher_stays_on_the_copy(browser, foreign_copy, published, pages):
    context = browser.new_context(base_url=foreign_copy)
    # hreflang links point at the address the site was built for; the page must not fetch from it.
    context.route(published.url + "**", lambda route: route.abort())
    page = context.new_page()
    twins = {fr: en for fr, en in pages.values()} | {en: fr for fr, en in pages.values()}
    # Both homes and a page inside each language (every page's switcher is checked in test_site.py).
    for address in ("", "en/", pages["profile"][0], pages["sources"][1]):
        page.goto(address)
        language = "en" if address.startswith("en/") else "fr"
        page.locator(f"a.md-select__link[hreflang={'fr' if language == 'en' else 'en'}]").dispatch_event("click")
        page.wait_for_url(foreign_copy + twins[address])
    context.close()


def test_the_french_notes_use_french_typography(page):
    page.goto("")
    page.locator("[data-fact='meta.share_change'] button.fact-marker").first.click()
    head = page.locator(OPEN_NOTE).locator(".provenance__head").inner_text()
    assert "\u00a0:" in head and "\u22127,01\u00a0$US" in head, head
