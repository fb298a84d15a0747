"""The Atom feed of each language (RFC 4287): every briefing's updates, latest first.

Part of the data phase: ``feed.xml`` at each language's root, linked from every page's head.
Everything in it comes from the data: an entry's id is its permanent address on the "What
changed" page (stable while the site's address is), its date the update's; the feed's date is
its latest entry's, never the clock, so that the same inputs give the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from .briefing import Briefing, Update
from .formatting import N_
from .plan import Plan
from .values import Formatter

FEED_PATH = "feed.xml"
"""Inside each language's folder."""
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

UPDATE_KINDS = {"new": N_("New"), "revised": N_("Revised"), "correction": N_("Correction")}
"""How each kind of update is named to readers."""


def update_anchor(update: Update) -> str:
    return f"u-{update.id}"


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(briefings: list[Briefing], plan: Plan, formatter: Formatter, base_url: str, title: str,
              author: str) -> str:
    """One language's feed, as text."""
    language = formatter.language
    home = base_url + plan.prefix(language)
    entries = sorted(((update, briefing) for briefing in briefings for update in briefing.latest_updates()),
                     key=lambda item: item[0].date.sort_key, reverse=True)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: language})

    def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        element.text = text
        return element

    add(feed, "id", home + FEED_PATH)
    add(feed, "title", title)
    add(feed, "updated", _timestamp(_day(entries[0][0]) if entries else plan.build_date))
    add(add(feed, "author"), "name", author)
    add(feed, "link", rel="self", type="application/atom+xml", href=home + FEED_PATH)
    add(feed, "link", rel="alternate", type="text/html", hreflang=language, href=home)
    add(feed, "generator", "briefing")
    for update, briefing in entries:
        page = plan.by_key[f"{briefing.id}/changes"].places[language].url
        address = f"{base_url}{page}#{update_anchor(update)}"
        kind = formatter.gettext(UPDATE_KINDS[update.kind])
        entry = add(feed, "entry")
        add(entry, "id", address)
        add(entry, "title", formatter.gettext("%(kind)s, %(date)s: %(subject)s") % {
            "kind": kind, "date": formatter.date(update.date), "subject": formatter.words(briefing.briefing.subject)})
        add(entry, "updated", _timestamp(_day(update)))
        add(entry, "link", rel="alternate", type="text/html", href=address)
        add(entry, "category", term=update.kind, label=kind)
        add(entry, "summary", formatter.plain_text(update.summary, briefing), type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _day(update: Update) -> date:
    """An update known to the month is dated by the month's first day, as it sorts."""
    year, month, day = update.date.sort_key
    return date(year, month, day or 1)
