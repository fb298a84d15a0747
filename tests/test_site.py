"""End to end on the built HTML, as a reader's browser and a search engine see it."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from generator.project import Project
from generator.site import build

ROOT = Path(__file__).resolve().parent.parent


class Page(HTMLParser):
    """The parts of a built page the tests look at."""

    def __init__(self, text: str):
        super().__init__()
        self.lang = None
        self.alternates: dict[str, str] = {}
        self.feeds: list[dict[str, str]] = []
        self.switcher: dict[str, str] = {}
        self.description = None
        self.facts: list[str] = []
        self.markers: list[str] = []
        """The popover each figure's marker opens, in page order."""
        self.popovers: dict[str, str] = {}
        """Each popover's id and the HTML inside it."""
        self.scripts: list[str] = []
        self._popover: str | None = None
        self._depth = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "link" and a.get("rel") == "alternate" and a.get("type") == "application/atom+xml":
            self.feeds.append(a)
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "a" and "md-select__link" in (a.get("class") or ""):
            self.switcher[a["hreflang"]] = a["href"]
        elif tag == "meta" and a.get("name") == "description":
            self.description = a.get("content")
        elif tag == "span" and a.get("class") == "fact":
            self.facts.append(a["data-fact"])
        elif tag == "script":
            self.scripts.append(a.get("src") or "")
        if tag == "button" and "fact-marker" in (a.get("class") or ""):
            self.markers.append(a["popovertarget"])
        if self._popover is not None:
            self.popovers[self._popover] += self.get_starttag_text()
            self._depth += tag == "div"
        elif "popover" in a:
            self._popover, self._depth = a["id"], 1
            self.popovers[self._popover] = ""

    def handle_endtag(self, tag):
        if self._popover is not None and tag == "div":
            self._depth -= 1
            if not self._depth:
                self._popover = None

    def handle_data(self, data):
        if self._popover is not None:
            self.popovers[self._popover] += data


@pytest.fixture(scope="module", params=["scale-ai", "acme-robotics"])
def built(request) -> tuple[Path, str]:
    """Each fact base's site (the session's builds) and the address it was built for."""
    if request.param == "scale-ai":
        published = request.getfixturevalue("published")
        return published.site_dir, published.url
    return request.getfixturevalue("fixture_site"), "https://briefing.example.org/"


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built[0]


@pytest.fixture(scope="module")
def url(built) -> str:
    return built[1]


def read(site: Path, address: str) -> Page:
    return Page((site / address / "index.html").read_text(encoding="utf-8"))


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "search" not in p.parts and "assets" not in p.parts)


def test_every_page_kind_exists_in_both_languages_with_its_language(site, pages):
    for kind, (fr, en) in pages.items():
        assert read(site, fr).lang == "fr", kind
        assert read(site, en).lang == "en", kind


def test_every_page_has_its_own_description(site, pages):
    descriptions = [read(site, address).description for pair in pages.values() for address in pair]
    assert all(descriptions)
    assert len(set(descriptions)) == len(descriptions)


def test_french_and_english_twins_show_the_same_facts_in_the_same_order(site, pages):
    for kind, (fr, en) in pages.items():
        french, english = read(site, fr).facts, read(site, en).facts
        assert french == english, kind
    assert read(site, "").facts, "the home page shows key figures"


def test_language_switcher_leads_to_the_same_page_in_the_other_language(site, pages, url):
    for kind, (fr, en) in pages.items():
        for address in (fr, en):
            switcher = read(site, address).switcher
            # Relative links, so that the switcher stays on the site wherever it is served.
            assert not any(urlparse(href).scheme or href.startswith("/") for href in switcher.values()), kind
            resolved = {lang: urljoin(url + address, href) for lang, href in switcher.items()}
            assert resolved == {"fr": url + fr, "en": url + en}, kind
            for target in resolved.values():
                assert (site / target.removeprefix(url) / "index.html").is_file()


def test_hreflang_links_are_absolute_reciprocal_with_x_default(site, url):
    for page_path in html_pages(site):
        address = str(page_path.parent.relative_to(site)).replace(".", "")
        address = "" if address == "" else address + "/"
        page = Page(page_path.read_text(encoding="utf-8"))
        if not page.alternates:
            continue
        assert set(page.alternates) == {"fr", "en", "x-default"}, address
        assert all(href.startswith(url) for href in page.alternates.values())
        assert page.alternates["x-default"] == page.alternates["fr"]
        assert url + address in page.alternates.values(), f"{address} is not among its own alternates"
        for href in page.alternates.values():
            twin = read(site, href.removeprefix(url))
            assert twin.alternates == page.alternates
    assert read(site, "").alternates and read(site, "en/profile/").alternates


def test_each_language_has_its_own_search_index_of_its_own_pages(site, pages):
    for language, prefix in (("fr", ""), ("en", "en/")):
        entry = json.loads((site / prefix / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        # One index, of this language only, holding every page (the 404 page is not indexed).
        assert list(entry["languages"]) == [language], entry["languages"]
        assert entry["languages"][language]["page_count"] == len(pages)
        index = site / prefix / "pagefind"
        assert any(index.glob("index/*.pf_index")) and any(index.glob("fragment/*.pf_fragment"))
    assert not (site / "search" / "search_index.json").exists(), "no whole-site index for every page view"


def test_no_page_loads_anything_from_outside_the_site(site, url):
    for page_path in html_pages(site):
        text = page_path.read_text(encoding="utf-8")
        external = re.findall(r'(?:src|href)="(https?://[^"]+)"', text)
        # Absolute links to the site itself (hreflang, canonical) are fine; nothing else may be.
        assert all(link.startswith(url) for link in external), (page_path, external)
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_every_figure_has_a_marker_that_opens_its_provenance(site, pages):
    for address in [address for pair in pages.values() for address in pair]:
        page = read(site, address)
        assert len(page.markers) == len(page.facts), address
        for target in page.markers:
            note = page.popovers[target]
            assert "#source-" in note and "#f-" in note, (address, target)


def test_html_in_a_fact_renders_inert(fixture_site):
    for address in ("sources/", "en/sources/"):
        text = (fixture_site / address / "index.html").read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<b>bold</b>" not in text
        assert "&lt;script&gt;alert(" in text


def test_a_site_of_several_briefings_gives_each_its_own_section(tmp_path, fixture_seeds):
    import shutil

    URL = "https://briefing.example.org/"
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds" / "scale-ai", seeds / "scale-ai")
    shutil.copytree(fixture_seeds / "acme-robotics", seeds / "acme-robotics")
    content = tmp_path / "content"
    content.mkdir()
    for page in (ROOT / "content").glob("*.md"):  # the method page quotes the Scale AI briefing
        text = page.read_text(encoding="utf-8").replace("order: 10\n", "order: 10\nbriefing: scale-ai\n", 1)
        (content / page.name).write_text(text, encoding="utf-8")
    project = Project(root=ROOT, seeds=seeds, content=content, build_dir=tmp_path / "build",
                      site_dir=tmp_path / "site")
    build(project, site_url=URL, today=date(2025, 1, 1))
    site = project.site_dir
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="scale-ai/"' in index and 'href="acme-robotics/"' in index
    for briefing, other in (("scale-ai", "acme-robotics"), ("acme-robotics", "scale-ai")):
        for address in (f"{briefing}/profil/", f"en/{briefing}/timeline/"):
            page = (site / address / "index.html").read_text(encoding="utf-8")
            assert f"{other}/" not in page.replace(f'{URL}{other}', ""), f"{address} shows {other}'s navigation"
            assert read(site, address).facts
    assert read(site, "methode/").facts == read(site, "en/method/").facts == ["deal.amount"]
