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


Entry = tuple[tuple[int, int, int], str]
"""A feed entry: its update's date as it sorts (year, month, day or 0), and its XML."""


def feed_entries(briefing: Briefing, plan: Plan, formatter: Formatter, base_url: str) -> list[Entry]:
    """A briefing's entries in one language's feed (its latest updates), each as XML text: the
    build cache keeps them per briefing, so that an edit does not make every briefing's again."""
    language = formatter.language
    page = plan.by_key[f"{briefing.id}/changes"].places[language].url
    entries = []
    for update in briefing.latest_updates():
        address = f"{base_url}{page}#{update_anchor(update)}"
        kind = formatter.gettext(UPDATE_KINDS[update.kind])
        entry = ET.Element(f"{{{ATOM}}}entry")
        _add(entry, "id", address)
        _add(entry, "title", formatter.gettext("%(kind)s, %(date)s: %(subject)s") % {
            "kind": kind, "date": formatter.date(update.date), "subject": formatter.words(briefing.briefing.subject)})
        _add(entry, "updated", _timestamp(_day(update.date.sort_key)))
        _add(entry, "link", rel="alternate", type="text/html", href=address)
        _add(entry, "category", term=update.kind, label=kind)
        _add(entry, "summary", formatter.plain_text(update.summary, briefing), type="text")
        entries.append((tuple(update.date.sort_key), ET.tostring(entry, encoding="unicode")))
    return entries


def atom_feed(entries: list[Entry], plan: Plan, language: str, base_url: str, title: str, author: str) -> str:
    """One language's feed, as text, from every briefing's entries in the briefings' order."""
    home = base_url + plan.prefix(language)
    entries = sorted(entries, key=lambda entry: entry[0], reverse=True)  # latest first; ties keep their order
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: language})
    _add(feed, "id", home + FEED_PATH)
    _add(feed, "title", title)
    _add(feed, "updated", _timestamp(_day(entries[0][0]) if entries else plan.build_date))
    _add(_add(feed, "author"), "name", author)
    _add(feed, "link", rel="self", type="application/atom+xml", href=home + FEED_PATH)
    _add(feed, "link", rel="alternate", type="text/html", hreflang=language, href=home)
    _add(feed, "generator", "briefing")
    feed.extend(ET.fromstring(xml) for _, xml in entries)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element


def _day(sort_key: tuple[int, int, int]) -> date:
    """An update known to the month is dated by the month's first day, as it sorts."""
    year, month, day = sort_key
    return date(year, month, day or 1)
