"""A Markdown extension: the generator's marked HTML (see ``generator/passthrough.py``) is put
in Python-Markdown's HTML stash before Markdown parses the page, as Markdown's own raw-HTML
preprocessor would put it, so that neither that preprocessor nor the inline patterns read it.

A marked piece at the start of a line that opens with a block-level tag becomes a block (a
paragraph of its own, which Markdown's raw-HTML postprocessor unwraps); any other piece stays
inline, where it was. Markers that do not pair are left as they are (HTML comments).
"""

from __future__ import annotations

import re

from markdown.extensions import Extension
from markdown.htmlparser import blank_line_re
from markdown.preprocessors import Preprocessor

from ..passthrough import END, START

MARKERS = re.compile(f"{re.escape(START)}|{re.escape(END)}")
FIRST_TAG = re.compile(r"\s*<([a-zA-Z][a-zA-Z0-9-]*)")


class RawHtmlPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
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
        html = MARKERS.sub("", text[begin + len(START):end - len(END)])
        tag = FIRST_TAG.match(html)
        if not (tag and self.md.is_block_level(tag.group(1).lower()) and (begin == 0 or text[begin - 1] == "\n")):
            return self.md.htmlStash.store(html)
        # As Markdown's HtmlBlockPreprocessor does: a paragraph of its own, ending with a
        # newline where a blank line follows it.
        body = html.rstrip("\n")
        tail = html[len(body):]
        ending = "\n" if blank_line_re.match(tail + text[end:]) else ""
        return "\n" + self.md.htmlStash.store(body + ending) + "\n\n" + tail


class RawHtml(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        # After normalize_whitespace (30), which strips the stash's placeholder characters,
        # and before html_block (20).
        md.preprocessors.register(RawHtmlPreprocessor(md), "briefing_raw_html", 25)
