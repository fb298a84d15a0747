"""The three-language example (``examples/trilingual/``): French, English and German, each at its
own address, linked to one another, searchable and formatted in its own language."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = {"fr": "", "en": "en/", "de": "de/"}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def pages(site: Path, prefix: str) -> list[Path]:
    """A language's pages (the other languages' folders and Pagefind's excluded)."""
    others = {p.rstrip("/") for p in LANGUAGES.values() if p and p != prefix}
    root = site / prefix
    return sorted(path for path in root.rglob("index.html")
                  if not ({"pagefind", *others} & set(path.relative_to(root).parts)))


def head_links(html: str) -> dict[str, str]:
    """The page's hreflang alternates (the feed's link has a type and is not one)."""
    return {lang: href for href, lang in re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([\w-]+)">', html)}


def address(site: Path, path: Path) -> str:
    relative = str(path.parent.relative_to(site))
    return "" if relative == "." else relative + "/"


def test_each_language_has_its_own_address_and_the_same_pages(example):
    site = example.site_dir
    counts = {language: len(pages(site, prefix)) for language, prefix in LANGUAGES.items()}
    assert counts["fr"] == counts["en"] == counts["de"] >= 8, counts
    for language, prefix in LANGUAGES.items():
        html = (site / prefix / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{language}"' in html
    assert (site / "de" / "chronik" / "index.html").is_file()  # German addresses from the German catalog


def test_hreflang_links_name_all_three_and_x_default_absolute_and_reciprocal(example):
    site, url = example.site_dir, example.url
    for prefix in LANGUAGES.values():
        for path in pages(site, prefix):
            links = head_links(path.read_text(encoding="utf-8"))
            assert set(links) == {"fr", "en", "de", "x-default"}, path
            assert links["x-default"] == links["fr"] and all(href.startswith(url) for href in links.values())
            assert links[next(lang for lang, p in LANGUAGES.items() if p == prefix)] == url + address(site, path)
            for href in links.values():
                twin = site / href.removeprefix(url) / "index.html"
                assert head_links(twin.read_text(encoding="utf-8")) == links


def test_the_language_switcher_has_three_entries_leading_to_the_same_page(example):
    site, url = example.site_dir, example.url
    html = (site / "de" / "chronik" / "index.html").read_text(encoding="utf-8")
    here = url + address(site, site / "de" / "chronik" / "index.html")
    switcher = {lang: urljoin(here, href) for href, lang in re.findall(
        r'<a href="([^"]+)" hreflang="(\w+)" lang="\w+" class="md-select__link">', html)}
    assert set(switcher) == {"fr", "en", "de"}
    assert switcher == {lang: href for lang, href in head_links(html).items() if lang != "x-default"}
    assert switcher["en"] == url + "en/timeline/" and switcher["fr"] == url + "chronologie/"


def test_each_language_has_a_german_french_or_english_search_index_of_its_own(example):
    for language, prefix in LANGUAGES.items():
        entry = json.loads((example.site_dir / prefix / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [language]
        assert entry["languages"][language]["page_count"] == len(pages(example.site_dir, prefix))


def test_the_sitemap_lists_every_page_with_its_three_alternates(example):
    root = ET.parse(example.site_dir / "sitemap.xml").getroot()
    entries = {url.find("s:loc", SITEMAP).text: {link.get("hreflang") for link in url.findall("x:link", SITEMAP)}
               for url in root.findall("s:url", SITEMAP)}
    html_pages = [address for address in entries if not address.endswith(".pdf")]
    assert len(html_pages) == sum(len(pages(example.site_dir, prefix)) for prefix in LANGUAGES.values())
    assert all(entries[address] == {"fr", "en", "de", "x-default"} for address in html_pages)
    assert {example.url + prefix + "pdf/lumora-grid-" + language + ".pdf" for language, prefix in LANGUAGES.items()} <= set(entries)


def test_data_files_and_feeds_exist_per_language(example):
    for language, prefix in LANGUAGES.items():
        data = json.loads((example.site_dir / prefix / "data" / "lumora-grid.json").read_text(encoding="utf-8"))
        assert data["briefing"]["language"] == language
        feed = ET.parse(example.site_dir / prefix / "feed.xml").getroot()
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
        assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 3


@pytest.mark.parametrize("prefix, amount, date", [
    ("de/", "1,2\u00a0Mrd.\u00a0€", "10. März 2026"),
    ("", "1,2\u00a0Md\u00a0€", "10 mars 2026"),
    ("en/", "€1.2B", "March 10, 2026"),
])
def test_amounts_and_dates_are_formatted_for_each_language(example, prefix, amount, date):
    text = (example.site_dir / prefix / "index.html").read_text(encoding="utf-8")
    assert amount in text, re.findall(r'data-fact="deal.amount">([^<]+)', text)
    dated = {match for path in pages(example.site_dir, prefix)
             for match in re.findall(r'<time datetime="2026-03-10">([^<]+)</time>', path.read_text(encoding="utf-8"))}
    assert dated == {date}


def test_an_indicator_with_earlier_reviews_shows_since_when_and_what_it_read_before(example):
    """The example's grid indicator was low in March 2026 and moderate from April: its card says
    since when and what came before, its section lists the earlier review with its reading."""
    import html as html_module
    import re

    text = html_module.unescape(re.sub(r"<[^>]+>", " ", (example.site_dir / "en" / "watchlist" / "index.html")
                                       .read_text(encoding="utf-8")))
    text = " ".join(text.split())
    assert "Moderate since April 2026; previously low (March 2026)" in text
    assert "Earlier reviews:" in text
    assert "March 2026, 1 of 4, low. In March 2026 only the press release was known" in text
