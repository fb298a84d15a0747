"""What a reader does and looks at, shared by the browser tests: the pages, search, screenshots."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
"""Screenshots for people to look at (git-ignored; CI keeps them as artefacts)."""

HOST = "127.0.0.1"



def all_addresses(pages: dict[str, tuple[str, str]]) -> list[str]:
    """Every page's address in both languages."""
    return [address for pair in pages.values() for address in pair]


class Traffic:
    """Every request, failed load and script error of the browser contexts it watches (their
    pages and the pages' workers)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.failures: list[str] = []
        self.errors: list[str] = []

    def watch(self, context) -> None:
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("response", lambda response: response.status >= 400
                   and self.failures.append(f"{response.status} {response.url}"))
        context.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED"  # left the page
                   and self.failures.append(f"{request.failure} {request.url}"))
        context.on("weberror", lambda error: self.errors.append(str(error.error)))
        context.on("console", lambda message: message.type == "error" and self.errors.append(message.text))

    def mark(self) -> tuple[int, int, int]:
        """A point in time, for ``since``."""
        return len(self.requests), len(self.failures), len(self.errors)

    def since(self, mark: tuple[int, int, int]) -> Traffic:
        """What happened after ``mark``."""
        later = Traffic()
        later.requests = self.requests[mark[0]:]
        later.failures = self.failures[mark[1]:]
        later.errors = self.errors[mark[2]:]
        return later

    def outside(self) -> list[str]:
        """The requests that went anywhere but 127.0.0.1."""
        return [url for url in self.requests
                if urlparse(url).scheme not in ("data", "blob") and urlparse(url).hostname != HOST]


def screenshot(page, name: str) -> None:
    """Save a full-page screenshot as a test artefact: ``test-artifacts/screenshots/<name>.jpg``
    (JPEG: a page is up to 17,000 px tall on a phone, and PNG takes three times as long)."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.jpg"), full_page=True, type="jpeg", quality=80)


# --- Search, as a reader uses it ----------------------------------------------------------------

SEARCH_BUTTON = ".md-header [data-site-search-open]"
"""The header's search button (it opens the search dialog)."""
SEARCH_BOX = "dialog.site-search__dialog input.pagefind-ui__search-input"

_RESULT_PAGES = """() => [...document.querySelectorAll('dialog[open] .pagefind-ui__result-title > a.pagefind-ui__result-link')]
    .map(link => { const url = new URL(link.href); return (url.origin + url.pathname).replace(window.__siteRoot, '') })
    .filter((address, i, all) => all.indexOf(address) === i)"""
"""The result pages, as site addresses (``window.__siteRoot`` is set by the browser conftest)."""


def open_search(page) -> None:
    """Open the search dialog with the header's button, if it is not open, and wait for its box."""
    if not page.locator("dialog.site-search__dialog[open]").count():
        page.locator(SEARCH_BUTTON).click()
    page.locator(SEARCH_BOX).wait_for()


def search(page, query: str, expect: str | None = None, type_like_a_reader: bool = False) -> list[str]:
    """Search ``query`` in the search dialog; return the result pages as addresses (``en/timeline/``).

    Pagefind searches as the reader types, so the results of an earlier query may still show:
    the box is emptied first (no results), then the query is entered, and this waits until
    ``expect`` (an address) is among the results, or until there is any result. On timeout it
    returns what is shown, for the caller's assertion to report.
    """
    open_search(page)
    box = page.locator(SEARCH_BOX)
    box.fill("")
    page.wait_for_function("() => !document.querySelector('dialog[open] .pagefind-ui__result')")
    if type_like_a_reader:
        box.press_sequentially(query)
    else:
        box.fill(query)
    try:
        page.wait_for_function(f"expect => ({_RESULT_PAGES})().some(address => expect === null || address === expect)",
                               arg=expect, timeout=10_000)
    except PlaywrightTimeoutError:
        pass  # the caller's assertion shows what was found instead
    more = page.locator("dialog[open] button.pagefind-ui__button")  # "Load more results", five at a time
    while more.count():
        shown = page.locator("dialog[open] .pagefind-ui__result").count()
        more.click()
        page.wait_for_function("shown => document.querySelectorAll('dialog[open] .pagefind-ui__result').length > shown",
                               arg=shown)
    # Results render one by one as their fragments arrive: wait until none is still loading.
    try:
        page.wait_for_function("() => !document.querySelector('dialog[open] .pagefind-ui__loading')", timeout=5_000)
    except PlaywrightTimeoutError:
        pass
    return page.evaluate(_RESULT_PAGES)
