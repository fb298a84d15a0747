"""What a dirty MkDocs build (``build(config, dirty=True)``) needs to equal a clean one.

In a dirty build MkDocs reads, renders and writes only the pages whose Markdown is newer than
their HTML (the generator rewrites only the pages whose text changed). The others stay as the
last build wrote them, and MkDocs knows nothing of them: no title (the navigation and the footer
of the pages it does build would lose theirs) and no anchors (links to them or from them would go
unchecked). So after every build the plugin keeps, per page, its title, its anchors and the
anchors it links to (``pages``), and in a dirty build it hands the pages MkDocs did not read their
titles back, and checks the links MkDocs could not: those from or to a page it did not read.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger("mkdocs.plugins.briefing")

Pages = dict[str, dict[str, Any]]
"""Per page (its Markdown file): ``title``, ``anchors`` (its ids), ``links`` (page -> {anchor: link})."""


def restore_titles(files, previous: Pages) -> None:
    """Give each page the dirty build did not read the title it had (MkDocs' ``Page.title`` is
    None for a page without Markdown)."""
    for file in files.documentation_pages():
        page = file.page
        if page is not None and page.markdown is None and file.src_uri in previous:
            page.markdown = ""
            page.meta = {"title": previous[file.src_uri]["title"]}


def record(files, previous: Pages) -> Pages:
    """Every page's title, anchors and links: read from the pages this build rendered, kept from
    ``previous`` for the others."""
    pages: Pages = {}
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        if page.present_anchor_ids is None:  # not rendered by this (dirty) build
            if file.src_uri in previous:
                pages[file.src_uri] = previous[file.src_uri]
            continue
        pages[file.src_uri] = {
            "title": page.title,
            "anchors": sorted(page.present_anchor_ids),
            "links": {target.src_uri: dict(sorted(links.items()))
                      for target, links in sorted(page.links_to_anchors.items(), key=lambda item: item[0].src_uri)}
            if page.links_to_anchors else {}}
    return pages


def check_links(files, pages: Pages, level: int) -> None:
    """Log, as MkDocs would, each link to a missing anchor that MkDocs did not check: from or to
    a page this build did not render."""
    rendered = {file.src_uri for file in files.documentation_pages()
                if file.page is not None and file.page.present_anchor_ids is not None}
    for source, entry in pages.items():
        for target, links in entry["links"].items():
            if source in rendered and target in rendered or target not in pages:
                continue
            anchors = set(pages[target]["anchors"])
            for anchor, original in links.items():
                if anchor not in anchors:
                    problem = ("there is no such anchor on this page" if target == source
                               else f"the doc '{target}' does not contain an anchor '#{anchor}'")
                    log.log(level, f"Doc file '{source}' contains a link '{original}', but {problem}.")
