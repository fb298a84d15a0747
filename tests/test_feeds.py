"""The Atom feeds of the real site, read as a feed reader would: every element RFC 4287
requires, stable entry ids that lead to their entry, dates from the data, each page's head
linking its language's feed."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
A = "{http://www.w3.org/2005/Atom}"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def feed(site: Path, prefix: str) -> ET.Element:
    return ET.parse(site / prefix / "feed.xml").getroot()


def the(element: ET.Element, tag: str) -> ET.Element:
    """The one child ``tag`` (RFC 4287: exactly one)."""
    found = element.findall(A + tag)
    assert len(found) == 1, f"{len(found)} atom:{tag} in {element.tag}"
    return found[0]


def test_each_feed_has_every_element_rfc_4287_requires(real_site, published):
    for language, prefix in (("fr", ""), ("en", "en/")):
        root = feed(real_site, prefix)
        assert root.tag == A + "feed" and root.get(LANG) == language
        for tag in ("id", "title", "updated"):
            assert the(root, tag).text.strip()
        assert RFC3339.match(the(root, "updated").text)
        assert the(the(root, "author"), "name").text.strip()  # so entries need no author of their own
        [self_link] = [link for link in root.findall(A + "link") if link.get("rel") == "self"]
        assert self_link.get("href") == published.url + prefix + "feed.xml"
        entries = root.findall(A + "entry")
        assert entries
        ids = [the(entry, "id").text for entry in entries]
        assert len(set(ids)) == len(ids)
        for entry in entries:
            for tag in ("id", "title", "updated", "summary"):
                assert the(entry, tag).text.strip(), tag
            assert RFC3339.match(the(entry, "updated").text)
            [alternate] = [link for link in entry.findall(A + "link") if link.get("rel") == "alternate"]
            assert alternate.get("href") == the(entry, "id").text
        # The feed is dated by its latest entry, entries come latest first.
        days = [datetime.fromisoformat(the(entry, "updated").text.replace("Z", "+00:00")) for entry in entries]
        assert days == sorted(days, reverse=True)
        assert the(root, "updated").text == the(entries[0], "updated").text


def test_entries_are_the_updates_of_the_data_and_lead_to_their_entry(real_site, published):
    updates = yaml.safe_load((ROOT / "seeds" / "scale-ai" / "updates.yaml").read_text(encoding="utf-8"))["updates"]
    for prefix, page in (("", "modifications/"), ("en/", "en/changes/")):
        entries = feed(real_site, prefix).findall(A + "entry")
        assert [the(entry, "id").text for entry in entries] == [
            f"{published.url}{page}#u-{update['id']}" for update in updates]
        assert {the(entry, "updated").text for entry in entries} == {"2025-07-01T00:00:00Z"}
        html = (real_site / page / "index.html").read_text(encoding="utf-8")
        for update in updates:
            assert f'id="u-{update["id"]}"' in html
        # Summaries are text: the figures they quote are formatted, no markup or placeholder left.
        summary = the(entries[0], "summary")
        assert summary.get("type") == "text" and "{" not in summary.text and "<" not in summary.text
    assert "14,3 Md $US" in the(feed(real_site, "").find(A + "entry"), "summary").text.replace("\u202f", " ").replace("\xa0", " ")
    assert "$14.3B" in the(feed(real_site, "en/").find(A + "entry"), "summary").text


def test_every_page_links_its_own_languages_feed(real_site, published):
    pages = [path for path in real_site.rglob("index.html") if "pagefind" not in path.parts]
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        language = re.search(r'<html lang="(\w+)"', html)[1]
        [link] = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', html)
        assert f'hreflang="{language}"' in link
        href = re.search(r'href="([^"]+)"', link)[1]  # absolute, as a link with an hreflang must be
        assert href == published.url + ("" if language == "fr" else "en/") + "feed.xml"
