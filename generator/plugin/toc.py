"""Each table of contents entry in its heading's own words: Python-Markdown's ``toc`` collapses
every Unicode space of a heading into a plain one (``' '.join(text.split())``), so "49 %" with
its no-break space, written so by the generator's French typography, would break in the
sidebar. The entries are read again from the headings MkDocs rendered."""

from __future__ import annotations

import re

_HEADING = re.compile(r'<h[1-6] id="(?P<id>[^"]+)"[^>]*>(?P<inner>.*?)</h[1-6]>', re.S)
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_TAG = re.compile(r"<[^>]*>")
_ASCII_SPACES = re.compile(r"[ \t\r\n]+")


def keep_spaces(toc, html: str) -> None:
    """Give each entry of ``toc`` (MkDocs' page TOC) its heading's text from ``html``, with its
    no-break spaces; an entry with a label of its own (``data-toc-label``) keeps it."""
    headings = {match["id"]: match["inner"] for match in _HEADING.finditer(html)}

    def fix(items) -> None:
        for item in items:
            inner = headings.get(item.id)
            if inner is not None and "\u00a0" not in item.title and "\u202f" not in item.title:
                text = _ASCII_SPACES.sub(" ", _TAG.sub("", _PERMALINK.sub("", inner))).strip()
                if text.replace("\u00a0", " ").replace("\u202f", " ") == item.title:
                    item.title = text
            fix(item.children)

    fix(toc)
