"""Every page of both languages, visited once: only 127.0.0.1 is contacted, everything loads,
no script errs, and axe-core finds no WCAG 2.2 AA violation (nor with the search results open).
Screenshots are saved on the way."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from .reader import Traffic, all_addresses, screenshot, search

pytestmark = pytest.mark.browser

NOT_FOUND_PAGES = ["404.html", "en/404.html"]

AXE = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]},
       "rules": {"aria-dialog-name": {"enabled": True}}, "resultTypes": ["violations"]}
"""axe-core's rules for every success criterion up to WCAG 2.2, levels A and AA, plus its
best-practice rule that the search dialog has a name (Material's has none by default)."""

AXE_RUN = "options => axe.run(document, options).then(results => results.violations)"


def described(violations: list[dict], where: str) -> list[str]:
    return [f"{where}: {v['id']} ({v['impact']}): {v['help']}: "
            + "; ".join(f"{' '.join(node['target'])} {node['failureSummary'].splitlines()[-1].strip()}"
                        for node in v["nodes"][:4]) for v in violations]


@dataclass
class Visit:
    """What one page did while it loaded and until its search was ready, and what axe found."""

    traffic: Traffic
    violations: list[dict]


@pytest.fixture(scope="module")
def visits(browser, base_url, pages) -> dict[str, Visit]:
    """Each page until the network is idle, so that every request it makes is recorded; then
    axe-core, injected before the page's scripts.
    One browser tab for all: a fresh context per page costs twice the time."""
    context = browser.new_context(base_url=base_url)
    context.add_init_script(script=Axe().axe_script)
    everything = Traffic()
    everything.watch(context)
    page = context.new_page()
    visits = {}
    screenshots = {pages[kind][index]: f"{language}-{kind}-1280px" for kind in ("home", "profile", "timeline", "watchlist", "sources")
                   for index, language in enumerate(("fr", "en"))}
    for address in all_addresses(pages) + NOT_FOUND_PAGES:
        mark = everything.mark()
        page.goto(address, wait_until="networkidle")
        violations = page.evaluate(AXE_RUN, AXE)
        if address in screenshots:
            screenshot(page, screenshots[address])
        visits[address] = Visit(everything.since(mark), violations)
    context.close()
    return visits


def test_the_tests_visit_every_page_of_the_site(site_dir: Path, pages):
    built = {str(path.parent.relative_to(site_dir)).replace(".", "") for path in site_dir.rglob("index.html")}
    built = {address + "/" if address else "" for address in built
             if not address.startswith(("assets", "search", "en/assets", "en/search"))}
    assert built == set(all_addresses(pages))


def test_no_page_makes_a_request_outside_127_0_0_1(visits):
    outside = {f"/{address}": visit.traffic.outside() for address, visit in visits.items() if visit.traffic.outside()}
    assert not outside
    index = {address: [url for url in visit.traffic.requests if "/pagefind/" in url] for address, visit in visits.items()}
    assert not any(index.values()), f"a page view downloaded search files: {index}"
    assert all(visit.traffic.requests for visit in visits.values())


def test_every_page_loads_everything_without_a_script_error(visits):
    problems = {f"/{address}": visit.traffic.failures + visit.traffic.errors for address, visit in visits.items()
                if visit.traffic.failures or visit.traffic.errors}
    assert not problems


def test_every_page_has_no_wcag_22_aa_violation(visits):
    found = [line for address, visit in visits.items() for line in described(visit.violations, f"/{address}")]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("start, query", [("", "licenciements"), ("en/", "layoffs")])
def test_search_with_its_results_open_has_no_wcag_22_aa_violation(new_context, start, query):
    """The search dialog open, with the count of results and the words found marked in them."""
    context = new_context()
    context.add_init_script(script=Axe().axe_script)
    page = context.new_page()
    page.goto(start)
    assert search(page, query), f"{query!r} found nothing"
    screenshot(page, f"{'en' if start else 'fr'}-search-1280px")
    found = described(page.evaluate(AXE_RUN, AXE), f"/{start} searching {query!r}")
    assert not found, "\n".join(found)
