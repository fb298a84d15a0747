"""Index a built language with Pagefind: ``pagefind/`` beside its pages, chunked, stemmed.

Pagefind reads each page's ``<html lang>`` (the language's stemmer) and, of each page
(``index.html``: not the 404 page), only its article, without what the templates mark
``data-pagefind-ignore`` (the provenance notes and details, the copy buttons). A reader's browser then fetches the index piece by piece as they type:
a page view downloads none of it, and a search only the chunks its words need, however large the
site. The version is pinned (``requirements.lock``): the build's byte-identity test covers the
index, which Pagefind promises stable only since 1.3.
"""

from __future__ import annotations

import contextlib
import fcntl
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

BUNDLE = "pagefind"
"""The index's folder in each language's site (``/pagefind/``, ``/en/pagefind/``)."""
PAGES = "**/index.html"
"""The pages indexed: every page, not ``404.html``."""
ROOT = "article.md-content__inner"
"""What is indexed of a page: Material's article (not the navigation, header or footer)."""
EXCLUDE = ".headerlink, .fact-marker"
"""Left out of the words: the headings' permalink signs (¶) and the figures' note numbers."""


def command(site: Path, output: Path | None = None) -> list[str]:
    """Pagefind's command indexing the language built in ``site`` into ``output`` (by default
    ``site/pagefind/``)."""
    from pagefind_bin import get_executable

    where = ["--output-path", str(output)] if output else ["--output-subdir", BUNDLE]
    return [str(get_executable()), "--site", str(site), *where, "--glob", PAGES, "--root-selector", ROOT,
            "--exclude-selectors", EXCLUDE, "--silent"]


def index_site(site: Path, lock: Path | None = None) -> None:
    """Write ``site/pagefind/``; raise PluginError with Pagefind's own message if it fails.
    With ``lock``, a file, the builds that share it index one at a time (see ``one_at_a_time``)."""
    shutil.rmtree(site / BUNDLE, ignore_errors=True)  # a dirty build's site still holds the last index
    with one_at_a_time(lock):
        result = subprocess.run(command(site), capture_output=True, text=True)
    if result.returncode != 0 or not (site / BUNDLE / "pagefind-entry.json").is_file():
        raise PluginError(f"briefing plugin (search): Pagefind could not index {site}: "
                          + (result.stderr.strip() or result.stdout.strip() or f"exit status {result.returncode}"))


@contextlib.contextmanager
def one_at_a_time(lock: Path | None):
    """Hold ``lock`` (``flock``, released however the process ends) while the block runs.
    Pagefind keeps its whole index in memory and uses every core: the languages built side by
    side take as long one after the other (at 200 briefings, 7.4 s either way), and the build's
    peak is one index lighter (0.45 GB)."""
    if lock is None:
        yield
        return
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
