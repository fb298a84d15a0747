"""What a dirty MkDocs build (``build(config, dirty=True)``) needs to equal a clean one.

In a dirty build MkDocs reads, renders and writes only the pages whose Markdown is newer than
their HTML (the generator rewrites only the pages whose text changed). The others stay as the
last build wrote them, and MkDocs knows nothing of them: no title (the navigation and the footer
of the pages it does build would lose theirs) and no anchors (links to them or from them would go
unchecked). So after every build the plugin keeps, per page, its title, its anchors and the
anchors it links to (``pages``), and in a dirty build it hands them back to the pages MkDocs did
not read, before MkDocs writes the others and checks every page's links to anchors.
"""

from __future__ import annotations

from typing import Any

Pages = dict[str, dict[str, Any]]
"""Per page (its Markdown file): ``title``, ``anchors`` (its ids), ``links`` (page -> {anchor: link})."""


def restore(files, previous: Pages) -> None:
    """Give each page the dirty build did not read what it had: its title (MkDocs' ``Page.title``
    is None for a page without Markdown), its anchors and its links, so that MkDocs' own check of
    links to anchors covers the links from and to it."""
    for file in files.documentation_pages():
        page = file.page
        if page is not None and page.markdown is None and file.src_uri in previous:
            kept = previous[file.src_uri]
            page.markdown = ""
            page.meta = {"title": kept["title"]}
            page.present_anchor_ids = set(kept["anchors"])
            page.links_to_anchors = {target: links for uri, links in kept["links"].items()
                                     if (target := files.get_file_from_path(uri)) is not None}


def record(files, rendered: set[str], previous: Pages) -> Pages:
    """Every page's title, anchors and links: read from the pages this build rendered, kept from
    ``previous`` for the others."""
    pages: Pages = {}
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        if file.src_uri not in rendered:  # not rendered by this (dirty) build
            if file.src_uri in previous:
                pages[file.src_uri] = previous[file.src_uri]
            continue
        pages[file.src_uri] = {
            "title": page.title,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": {target.src_uri: dict(sorted(links.items()))
                      for target, links in sorted(page.links_to_anchors.items(), key=lambda item: item[0].src_uri)}
            if page.links_to_anchors else {}}
    return pages
