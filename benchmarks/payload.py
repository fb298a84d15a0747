"""What a reader downloads: a page's first view, then one search, at the size GitHub Pages sends it.

The built site is served on 127.0.0.1 (``http.server`` in a thread) and each page opened in Debian's
Chromium (Playwright) in a fresh context (an empty cache). First view: the document and every asset,
until the network is idle. One search: what clicking the header's search button, typing a word and
waiting for the results (and the network) adds: Pagefind's scripts, WebAssembly, index and fragments.
Each response counts once, as its file on disk: gzip -6 for .html, .js, .css, .json, .svg and .xml,
as is for the rest (Pagefind's ``.pf_*`` and ``.pagefind`` files are compressed already). A response
with no file behind it is listed, not counted.
"""

from __future__ import annotations

import functools
import gzip
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
COMPRESSED = {".html", ".js", ".css", ".json", ".svg", ".xml"}
SEARCH_BUTTON = ".md-header [data-site-search-open]"
SEARCH_BOX = "dialog.site-search__dialog input.pagefind-ui__search-input"
RESULT = "dialog[open] a.pagefind-ui__result-link"
IDLE = 300  # milliseconds without a new response: the network is idle


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def served(folder: Path):
    """``folder`` served on 127.0.0.1; yields its address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def wire_bytes(path: Path) -> int:
    data = path.read_bytes()
    return len(gzip.compress(data, compresslevel=6)) if path.suffix in COMPRESSED else len(data)


def file_of(site: Path, base: str, url: str) -> Path | None:
    if not url.startswith(base):
        return None
    path = site / unquote(urlsplit(url).path).lstrip("/")
    path = path / "index.html" if path.is_dir() else path
    return path if path.is_file() else None


def settle(page, urls: list[str]) -> None:
    """Wait until no response has come for ``IDLE`` milliseconds."""
    while True:
        seen = len(urls)
        page.wait_for_timeout(IDLE)
        if len(urls) == seen:
            return


def measure(site: Path, pages: dict[str, tuple[str, str]]) -> dict:
    """For each page (name: (address in the site, word to search)), the bytes of its first view and of one search."""
    if not CHROMIUM.is_file():
        return {"skipped": f"Chromium is not installed ({CHROMIUM}; `apt-get install chromium`)", "pages": []}
    from playwright.sync_api import sync_playwright

    rows, outside = [], set()
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        for name, (address, word) in pages.items():
            context = browser.new_context()
            page = context.new_page()
            urls: list[str] = []
            page.on("response", lambda response, urls=urls: urls.append(response.url))
            page.goto(base + address, wait_until="networkidle")
            view = list(dict.fromkeys(urls))
            page.locator(SEARCH_BUTTON).click()
            page.locator(SEARCH_BOX).fill(word)
            page.locator(RESULT).first.wait_for()
            settle(page, urls)
            search = [url for url in dict.fromkeys(urls) if url not in view]
            row = {"page": name, "address": address, "word": word}
            for key, got in (("view", view), ("search", search)):
                files = [file_of(site, base, url) for url in got]
                outside |= {url for url, file in zip(got, files) if file is None}
                row[f"{key}_requests"] = len(got)
                row[f"{key}_bytes"] = sum(wire_bytes(file) for file in files if file)
            rows.append(row)
            context.close()
        browser.close()
    return {"pages": rows, "not_counted": sorted(outside)}
