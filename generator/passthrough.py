"""HTML the generator writes, marked so that Markdown leaves it as it is.

The generator knows the structure of much of a page (a figure with its provenance marker, the
key-figure cards, the charts, the provenance notes): it writes that as HTML. Python-Markdown
would still parse it, tag by tag, to find where it ends, and run its inline patterns over the
text between the tags, for nothing. Marked with ``passthrough``, a piece of HTML reaches the
page as written: the ``briefing`` plugin's Markdown extension (``plugin/rawhtml.py``) sets each
marked piece aside before Markdown reads the page. The markers are HTML comments, so a page
built without the extension (by plain MkDocs, say) is the same page.
"""

from __future__ import annotations

from markupsafe import Markup

START = "<!--briefing:html-->"
END = "<!--/briefing:html-->"


def passthrough(html: str) -> Markup:
    """``html`` (already escaped: Markup, or the output of an escaping template), marked to
    pass Markdown untouched. Marked pieces may nest: the outermost is kept whole."""
    return Markup(f"{START}{html}{END}")
