"""Reading on a phone, and moving through a page with the keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .reader import ARTIFACTS, SEARCH_BOX, SEARCH_BUTTON, screenshot, search

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}

_WIDER_THAN_THE_SCREEN = """() => {
  const width = document.documentElement.clientWidth
  const page = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)
  const inner = [...document.querySelectorAll('article *')]
    .filter(el => el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
    .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))
  // Inside a visually hidden box (1 px, overflow hidden: a chart's table for screen readers) nothing shows.
  const seen = el => { for (let box = el; box; box = box.parentElement) {
    if (getComputedStyle(box).overflow === 'hidden' && box.getBoundingClientRect().width <= 1) return false }
    return true }
  const outside = [...document.querySelectorAll('article *')].filter(seen)
    .filter(el => { const box = el.getBoundingClientRect(); return box.width > 0 && (box.right > width + 1 || box.left < -1) })
    .map(el => el.tagName.toLowerCase() + ' ' + (el.textContent || '').trim().slice(0, 40))
  return {width, page, inner, outside: outside.slice(0, 5)}
}"""
"""The page's width against the screen's, boxes that scroll sideways inside the article, and
article elements that stick out of the screen (but for what is visually hidden)."""


@pytest.mark.parametrize("kind", ["home", "profile", "timeline", "watchlist", "sources"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_briefing_page_reads_on_a_375_px_phone_without_sideways_scrolling(new_context, pages, language, kind):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(pages[kind][0 if language == "fr" else 1])
    layout = page.evaluate(_WIDER_THAN_THE_SCREEN)
    screenshot(page, f"{language}-{kind}-375px")
    assert layout["page"] <= layout["width"], f"the page is {layout['page']} px wide on a {layout['width']} px screen"
    assert not layout["inner"], f"parts of the article scroll sideways: {layout['inner']}"
    assert not layout["outside"], f"parts of the article stick out of the screen: {layout['outside']}"
    font_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article > p')).fontSize)")
    assert font_size >= 14, f"body text is {font_size} px"


def focused(page) -> str:
    """What has the keyboard focus, described for the assertion messages."""
    return page.evaluate("""() => { const el = document.activeElement
      return [el.tagName.toLowerCase(), el.className, el.getAttribute('aria-label') || el.getAttribute('hreflang') || '']
        .filter(Boolean).join(' ') }""")


def tab_until(page, selector: str, presses: int = 40) -> list[str]:
    """Press Tab until ``selector`` has the focus; return what got the focus on the way."""
    path = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        path.append(focused(page))
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return path
    raise AssertionError(f"{selector} never got the focus after {presses} Tab presses: {path}")


def test_the_keyboard_alone_reaches_the_search_and_opens_a_result(page):
    page.goto("")
    tab_until(page, SEARCH_BUTTON)
    page.keyboard.press("Enter")
    page.locator(SEARCH_BOX).wait_for()
    page.keyboard.type("licenciements")
    results = search(page, "licenciements", expect="chronologie/")
    assert "chronologie/" in results, results
    tab_until(page, "dialog[open] a.pagefind-ui__result-link[href*='/chronologie/']", presses=10)
    page.keyboard.press("Enter")
    page.wait_for_url("**/chronologie/?highlight=*")


def test_the_search_opens_with_slash_and_escape_closes_it(page):
    page.goto("en/watchlist/")
    page.keyboard.press("/")
    page.locator(SEARCH_BOX).wait_for()
    assert page.locator(SEARCH_BOX).evaluate("el => el === document.activeElement")
    page.keyboard.press("Escape")
    expect(page.locator("dialog.site-search__dialog[open]")).to_have_count(0)
    page.goto("en/watchlist/")
    tab_until(page, SEARCH_BUTTON)
    page.keyboard.press("Enter")
    page.locator(SEARCH_BOX).wait_for()
    page.keyboard.press("Escape")
    expect(page.locator("dialog.site-search__dialog[open]")).to_have_count(0)
    assert page.evaluate("document.activeElement.matches('[data-site-search-open]')"), "focus returns to the button"


def test_the_keyboard_alone_reaches_the_language_switcher_and_lands_on_the_same_page(page):
    page.goto("veille/")
    tab_until(page, ".md-header button[aria-label]:is(.md-select *)")
    tab_until(page, "a.md-select__link[hreflang=en]", presses=3)
    expect(page.locator("a.md-select__link[hreflang=en]"), "the focused link is visible").to_be_visible()
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/watchlist/")
    assert page.evaluate("document.documentElement.lang") == "en"


def test_on_a_phone_the_keyboard_reaches_the_search(new_context):
    page = new_context(viewport=PHONE).new_page()
    page.goto("en/")
    path = tab_until(page, SEARCH_BUTTON)
    page.keyboard.press("Enter")
    page.locator(SEARCH_BOX).wait_for()
    page.keyboard.type("layoffs")
    assert page.locator(SEARCH_BOX).evaluate("el => el === document.activeElement"), path
    results = search(page, "layoffs", expect="en/timeline/")
    assert "en/timeline/" in results, results
    page.screenshot(path=str(ARTIFACTS / "screenshots" / "en-search-375px.png"))
