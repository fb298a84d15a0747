"""A real Chromium against the real site: built once, served on 127.0.0.1, one browser per session.

Playwright drives Debian's Chromium (``/usr/bin/chromium``, or ``$CHROMIUM_PATH``; Playwright
cannot download its own browser here). Where Chromium is missing the browser tests are skipped,
loudly: each skip gives the reason and a red "BROWSER TESTS SKIPPED" section ends the run. In CI
(``CI`` set) a missing Chromium is a failure, never a skip.

The site is the session's one build (``published`` in ``tests/conftest.py``), made for the
address it is served at, under a project subpath as on GitHub Pages.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from .reader import HOST, Traffic

LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
"""Flags that work on this kind of machine (shared/TOOLING.md); the network ones keep Chromium
itself from calling home, so that any request leaving 127.0.0.1 comes from the site."""


def chromium_path() -> str | None:
    """``$CHROMIUM_PATH`` when set (a path that does not exist counts as missing), else Debian's Chromium."""
    if "CHROMIUM_PATH" in os.environ:
        candidates = [os.environ["CHROMIUM_PATH"]]
    else:
        candidates = [shutil.which("chromium"), "/usr/bin/chromium"]
    return next((path for path in candidates if path and Path(path).is_file()), None)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


MISSING_CHROMIUM = ("Chromium not found (apt-get install chromium, or set CHROMIUM_PATH=/path/to/chromium): "
                    "the browser tests (search, language switch, accessibility, outside requests) did not run")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    browser_items = [item for item in items if item.get_closest_marker("browser") and here in item.path.parents]
    if not browser_items or chromium_path() or in_ci():
        return  # in CI, ``browser_type_launch_args`` fails every browser test instead
    config._briefing_browser_skipped = len(browser_items)
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=MISSING_CHROMIUM))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = getattr(config, "_briefing_browser_skipped", 0)
    if skipped:
        terminalreporter.section("BROWSER TESTS SKIPPED", sep="!", red=True, bold=True)
        terminalreporter.write_line(f"{skipped} browser tests skipped. {MISSING_CHROMIUM}.",
                                    red=True, bold=True)


# --- The site, served (the session's one build, see tests/conftest.py) -----------------------

@pytest.fixture(scope="session")
def base_url(published) -> str:
    """pytest-playwright's ``base_url``: ``page.goto("en/")`` opens the served site."""
    return published.url


@pytest.fixture(scope="session")
def site_dir(published) -> Path:
    return published.site_dir


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = chromium_path()
    if executable is None:  # only in CI: elsewhere the tests were skipped at collection
        pytest.fail(f"CI is set and {MISSING_CHROMIUM}. CI must run them: install chromium first "
                    "(.ci/run does).", pytrace=False)
    return {**browser_type_launch_args, "executable_path": executable, "args": LAUNCH_ARGS}


# --- Every test: nothing leaves 127.0.0.1, nothing fails to load, no script error -----------------

@pytest.fixture
def traffic() -> Traffic:
    """What the test's browser contexts did (see ``new_context``)."""
    return Traffic()


@pytest.fixture
def new_context(new_context, traffic, base_url):
    """pytest-playwright's ``new_context`` (behind ``context`` and ``page`` too), watched by
    ``traffic``; its pages know the site's root address (``window.__siteRoot``)."""

    def watched_context(**kwargs):
        context = new_context(**kwargs)
        context.add_init_script(f"window.__siteRoot = {json.dumps(base_url)}")
        traffic.watch(context)
        return context

    return watched_context


@pytest.fixture(autouse=True)
def _nothing_leaves_the_site_nothing_fails(traffic):
    """Every browser test fails if a request left 127.0.0.1, if anything failed to load or if
    a script logged an error, whatever else it checks."""
    yield
    assert not traffic.outside(), f"requests left {HOST}: {traffic.outside()}"
    assert not traffic.failures, f"failed to load: {traffic.failures}"
    assert not traffic.errors, f"script errors: {traffic.errors}"
