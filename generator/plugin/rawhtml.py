"""A Markdown extension: the generator's marked HTML (see ``generator/passthrough.py``) is put
in Python-Markdown's HTML stash before Markdown parses the page, as Markdown's own raw-HTML
preprocessor would put it, so that neither that preprocessor nor the inline patterns read it.

A marked piece at the start of a line that opens with a block-level tag becomes a block (a
paragraph of its own, which Markdown's raw-HTML postprocessor unwraps); any other piece stays
inline, where it was. The output is Markdown's own for the generator's pieces, which are whole
elements, or runs of them, with no blank line or Markdown syntax meant to be read inside (a test
converts every golden page both ways). Pieces are paired in order, nested ones kept whole in the
outermost; a marker left without its pair stays an HTML comment, and so does every later one.

MkDocs checks links to anchors against the ``id``s its own scan of the page's raw HTML finds
(its ``mkdocs_raw_html`` preprocessor, which runs after this one): the ids of the stashed pieces
are added to what it found.
"""

from __future__ import annotations

import html
import re

from markdown.extensions import Extension
from markdown.htmlparser import blank_line_re
from markdown.preprocessors import Preprocessor

from ..passthrough import END, START

MARKERS = re.compile(f"{re.escape(START)}|{re.escape(END)}")
FIRST_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
IDS = re.compile(r"""<[a-zA-Z][^<>]*?\sid=(?:"([^"]*)"|'([^']*)')""")
MKDOCS_SCAN = "mkdocs_raw_html"
"""MkDocs' preprocessor that collects a page's anchors in its raw HTML (``present_anchor_ids``)."""


class RawHtmlPreprocessor(Preprocessor):
    def __init__(self, md) -> None:
        super().__init__(md)
        self.ids: set[str] = set()

    def run(self, lines: list[str]) -> list[str]:
        self.ids = set()
        text = "\n".join(lines)
        if START not in text:
            return lines
        parts, depth, begin, done = [], 0, 0, 0
        for marker in MARKERS.finditer(text):
            if marker.group() == START:
                if depth == 0:
                    begin = marker.start()
                depth += 1
            elif depth:
                depth -= 1
                if depth == 0:
                    parts += [text[done:begin], self._stash(text, begin, marker.end())]
                    done = marker.end()
        parts.append(text[done:])
        return "".join(parts).split("\n")

    def _stash(self, text: str, begin: int, end: int) -> str:
        piece = MARKERS.sub("", text[begin + len(START):end - len(END)])
        self.ids.update(html.unescape(double or single) for double, single in IDS.findall(piece))
        body = piece.lstrip(" \n")
        tag = FIRST_TAG.match(body)
        if not (tag and self.md.is_block_level(tag.group(1).lower()) and (begin == 0 or text[begin - 1] == "\n")):
            return self.md.htmlStash.store(piece)
        # As Markdown's HtmlBlockPreprocessor does: a paragraph of its own (its tag first, which
        # the postprocessor needs to unwrap it), ending with a newline where a blank line follows.
        lead = "\n" * piece[:len(piece) - len(body)].count("\n")
        body = body.rstrip("\n")
        tail = piece[len(piece.rstrip("\n")):]
        ending = "\n" if blank_line_re.match(tail + text[end:]) else ""
        return lead + "\n" + self.md.htmlStash.store(body + ending) + "\n\n" + tail


class StashedAnchors(Preprocessor):
    """Adds the stashed pieces' ids to the anchors MkDocs found in the page's raw HTML."""

    def __init__(self, md, stash: RawHtmlPreprocessor) -> None:
        super().__init__(md)
        self.stash = stash

    def run(self, lines: list[str]) -> list[str]:
        if self.stash.ids and MKDOCS_SCAN in self.md.preprocessors:
            self.md.preprocessors[MKDOCS_SCAN].present_anchor_ids |= self.stash.ids
        return lines


class RawHtml(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        stash = RawHtmlPreprocessor(md)
        # After normalize_whitespace (30), which strips the stash's placeholder characters; then
        # MkDocs' scan of the raw HTML (21), the stashed ids, and Markdown's html_block (20).
        md.preprocessors.register(stash, "briefing_raw_html", 25)
        md.preprocessors.register(StashedAnchors(md, stash), "briefing_stashed_anchors", 20.5)
