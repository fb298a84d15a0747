"""The visuals as a reader sees them: key-figure cards, the funding chart, the timeline and the
watchlist dashboard, at 1280 and 375 px; every timeline mark leads to its event."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .reader import ARTIFACTS

pytestmark = pytest.mark.browser

VISUALS = {  # page kind -> (selector, how many parts it must show)
    "home": (".figure-cards", ".figure-card", 7),
    "profile": ("#funding-chart", ".chart__mark", 5),
    "timeline": (".time-axis", ".time-axis__events a", 16),
    "watchlist": (".dashboard", ".dashboard__card", 5),
}


def element_screenshot(locator, name: str) -> None:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    locator.screenshot(path=str(folder / f"{name}.png"))


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_each_visual_renders_within_the_screen(new_context, pages, language, width):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    for kind, (selector, part, count) in VISUALS.items():
        page.goto(pages[kind][0 if language == "fr" else 1])
        visual = page.locator(selector)
        expect(visual).to_be_visible()
        expect(visual.locator(part)).to_have_count(count)
        box = visual.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (kind, box)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, kind
        element_screenshot(visual, f"{language}-{kind}-visual-{width}px")


def test_the_chart_is_an_image_with_a_title_a_description_and_a_table(page):
    page.goto("en/profile/")
    chart = page.locator("#funding-chart > svg")
    assert chart.get_attribute("role") == "img"
    assert page.locator("#funding-chart-title").text_content() == "Funding and valuation of Scale AI"
    assert "$4.5M" in page.locator("#funding-chart-desc").text_content()
    table = page.get_by_role("table", name="Funding and valuation of Scale AI")
    expect(table.get_by_role("row")).to_have_count(4)  # a header and the three dated rounds with amounts
    expect(table).to_contain_text("$14.3B")
    expect(page.locator("#funding-chart .chart__tick").first).to_have_text("$1M")


def test_every_timeline_mark_lands_on_its_event(page):
    page.goto("chronologie/")
    links = page.locator(".time-axis__events a")
    for index in range(links.count()):
        link = links.nth(index)
        target = link.get_attribute("href")
        link.click()
        page.wait_for_url(f"**/chronologie/{target}")
        expect(page.locator(target)).to_be_in_viewport()
        page.evaluate("window.scrollTo(0, 0)")


@pytest.mark.parametrize("address", ["profil/", "en/watchlist/"])
def test_in_print_the_article_stands_alone_with_its_notes_at_the_end(page, address):
    page.goto(address)
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".copy-link"):
        expect(page.locator(hidden).first).to_be_hidden()
    notes = page.locator(".provenance")
    expect(notes.first).to_be_visible()
    expect(notes.last).to_be_visible()
    assert notes.last.bounding_box()["y"] > page.locator("article h2").last.bounding_box()["y"]
    if address == "profil/":
        expect(page.locator(".chart__data table")).to_be_visible()
    page.pdf(path=str(ARTIFACTS / f"print-{address.strip('/').replace('/', '-')}.pdf"))
