"""Finishing: the languages' builds merged into one site (the first at the root, the others under
``/<lang>/``), one sitemap for every language, and the swap of the new site into place."""

from __future__ import annotations

import gzip
import os
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from generator.finish import finish, render_sitemap, swap_into_place

ROOT = Path(__file__).resolve().parent.parent
URL = "https://example.org/repo/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
ADDRESSES = {  # the fixture briefing's pages: French address, English address
    "home": ("", "en/"), "profile": ("profil/", "en/profile/"), "timeline": ("chronologie/", "en/timeline/"),
    "watchlist": ("veille/", "en/watchlist/"), "changes": ("modifications/", "en/changes/"),
    "sources": ("sources/", "en/sources/"), "method": ("methode/", "en/method/"),
}


@pytest.fixture(scope="module")
def site(fixture_planned):
    """``(inputs, plan)`` of the fixture briefing."""
    return fixture_planned


def entries(sitemap: bytes) -> dict[str, tuple[str, dict[str, str]]]:
    """Each address of a sitemap: its date and its alternates by hreflang."""
    root = ElementTree.fromstring(sitemap)
    return {url.find("s:loc", NS).text: (url.find("s:lastmod", NS).text,
                                         {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)})
            for url in root.findall("s:url", NS)}


def test_the_sitemap_lists_every_page_in_every_language_with_its_alternates(site):
    inputs, site_plan = site
    sitemap = render_sitemap(inputs, site_plan, URL, set())
    assert sitemap.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<urlset")
    listed = entries(sitemap)
    assert sorted(listed) == sorted(URL + address for pair in ADDRESSES.values() for address in pair)
    fr, en = ADDRESSES["profile"]
    profile = (site_plan.build_date.isoformat(), {"fr": URL + fr, "en": URL + en, "x-default": URL + fr})
    assert listed[URL + fr] == listed[URL + en] == profile
    assert {lastmod for lastmod, _ in listed.values()} == {"2026-09-16"}


def test_the_sitemap_lists_only_the_pdfs_that_were_made(site):
    inputs, site_plan = site
    listed = entries(render_sitemap(inputs, site_plan, URL, {"pdf/acme-robotics-fr.pdf", "en/pdf/acme-robotics-en.pdf"}))
    assert listed[URL + "en/pdf/acme-robotics-en.pdf"][1] == {
        "fr": URL + "pdf/acme-robotics-fr.pdf", "en": URL + "en/pdf/acme-robotics-en.pdf",
        "x-default": URL + "pdf/acme-robotics-fr.pdf"}
    english_only = entries(render_sitemap(inputs, site_plan, URL, {"en/pdf/acme-robotics-en.pdf"}))
    assert URL + "pdf/acme-robotics-fr.pdf" not in english_only
    assert english_only[URL + "en/pdf/acme-robotics-en.pdf"][1] == {"en": URL + "en/pdf/acme-robotics-en.pdf"}
    assert len(english_only) == 15


def language_site(folder: Path, language: str) -> Path:
    """A language's kept site, as MkDocs leaves it."""
    (folder / "profile").mkdir(parents=True)
    (folder / "index.html").write_text(f"<html lang={language}>", encoding="utf-8")
    (folder / "profile" / "index.html").write_text(f"profile {language}", encoding="utf-8")
    return folder


def pdf_file(path: Path, content: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def test_finish_merges_the_languages_into_one_site(site, tmp_path):
    inputs, site_plan = site
    staging = tmp_path / "site.new"
    sites = {"fr": language_site(tmp_path / "fr", "fr"), "en": language_site(tmp_path / "en", "en")}
    finish(inputs, site_plan, sites, {"pdf/acme-robotics-fr.pdf": pdf_file(tmp_path / "fr.pdf", b"%PDF-fr")},
           URL, staging)
    assert sorted(str(p.relative_to(staging)) for p in staging.rglob("*") if p.is_file()) == [
        "en/index.html", "en/profile/index.html", "index.html", "pdf/acme-robotics-fr.pdf", "profile/index.html",
        "robots.txt", "sitemap.xml", "sitemap.xml.gz"]
    assert (staging / "index.html").read_text() == "<html lang=fr>"
    assert (staging / "en" / "profile" / "index.html").read_text() == "profile en"
    assert (staging / "pdf" / "acme-robotics-fr.pdf").read_bytes() == b"%PDF-fr"
    sitemap = (staging / "sitemap.xml").read_bytes()
    assert sitemap == render_sitemap(inputs, site_plan, URL, {"pdf/acme-robotics-fr.pdf"})
    assert gzip.decompress((staging / "sitemap.xml.gz").read_bytes()) == sitemap
    assert (staging / "robots.txt").read_text() == f"User-agent: *\nAllow: /\n\nSitemap: {URL}sitemap.xml\n"


def test_finish_over_the_previous_site_touches_only_what_changed(site, tmp_path, file_digests, monkeypatch):
    """The staging folder starts as the previous site: what is as its source is left alone
    (not even written), what changed is copied, what no build made is removed, folders too."""
    inputs, site_plan = site
    sites = {"fr": language_site(tmp_path / "fr", "fr"), "en": language_site(tmp_path / "en", "en")}
    pdfs = {"pdf/acme-robotics-fr.pdf": pdf_file(tmp_path / "pdfs" / "fr.pdf", b"%PDF-fr"),
            "en/pdf/acme-robotics-en.pdf": pdf_file(tmp_path / "pdfs" / "en.pdf", b"%PDF-en")}
    staging = tmp_path / "site.new"
    finish(inputs, site_plan, sites, pdfs, URL, staging)
    (staging / "stale" / "deep").mkdir(parents=True)
    (staging / "stale" / "deep" / "index.html").write_text("a removed page", encoding="utf-8")
    (staging / "en" / "profile" / "old.html").write_text("a removed file", encoding="utf-8")
    (sites["en"] / "profile" / "index.html").write_text("profile en, revised", encoding="utf-8")
    pdf_file(pdfs["pdf/acme-robotics-fr.pdf"], b"%PDF-fr-2")
    rewritten = sites["fr"] / "profile" / "index.html"  # written again, the same bytes (as Pagefind does)
    rewritten.write_bytes(rewritten.read_bytes())
    os.utime(rewritten, ns=(10**18, 10**18))
    before = {path: path.stat() for path in staging.rglob("*") if path.is_file()}
    copied = []
    monkeypatch.setattr(shutil, "copy2", lambda source, target, copy=shutil.copy2: copied.append(target) or copy(source, target))

    finish(inputs, site_plan, sites, pdfs, URL, staging)
    assert sorted(str(Path(path).relative_to(staging)) for path in copied) == [
        "en/profile/index.html", "pdf/acme-robotics-fr.pdf"]
    assert (staging / "profile" / "index.html").stat().st_mtime_ns == 10**18  # not copied: given the time
    cold = tmp_path / "cold"
    finish(inputs, site_plan, sites, pdfs, URL, cold)
    assert file_digests(staging) == file_digests(cold)
    assert not (staging / "stale").exists()
    after = {path: path.stat() for path in staging.rglob("*") if path.is_file()}
    touched = sorted(str(path.relative_to(staging)) for path, stat in after.items()
                     if (stat.st_ino, stat.st_mtime_ns) != (before[path].st_ino, before[path].st_mtime_ns))
    assert touched == ["en/profile/index.html", "pdf/acme-robotics-fr.pdf", "profile/index.html"]


def test_the_compressed_sitemap_is_dated_by_the_build_date_not_the_clock(site, tmp_path):
    inputs, site_plan = site
    copies = []
    for name in ("one", "two"):
        staging = tmp_path / name
        finish(inputs, site_plan, {"fr": language_site(tmp_path / f"{name}-fr", "fr"),
                                   "en": language_site(tmp_path / f"{name}-en", "en")}, {}, URL, staging)
        copies.append((staging / "sitemap.xml.gz").read_bytes())
    assert copies[0] == copies[1]
    assert int.from_bytes(copies[0][4:8], "little") == 1789516800  # 2026-09-16T00:00:00Z


def test_swap_into_place_replaces_the_site_whole(tmp_path):
    site_dir = tmp_path / "www" / "site"
    site_dir.mkdir(parents=True)
    (site_dir / "old-page.html").write_text("old", encoding="utf-8")
    staging = tmp_path / "build" / "site.new"
    (staging / "en").mkdir(parents=True)
    (staging / "index.html").write_text("new", encoding="utf-8")
    swap_into_place(staging, site_dir)
    assert sorted(str(p.relative_to(site_dir)) for p in site_dir.rglob("*")) == ["en", "index.html"]
    assert (site_dir / "index.html").read_text() == "new"
    assert not staging.exists() and not (tmp_path / "build" / "site.old").exists()


def test_swap_into_place_creates_a_site_that_was_never_built(tmp_path):
    staging = tmp_path / "build" / "site.new"
    staging.mkdir(parents=True)
    (staging / "index.html").write_text("first", encoding="utf-8")
    swap_into_place(staging, tmp_path / "deploy" / "site")
    assert (tmp_path / "deploy" / "site" / "index.html").read_text() == "first"
    assert list((tmp_path / "build").iterdir()) == []


def test_the_preview_keeps_the_search_index_it_made_after_the_last_build(site, tmp_path):
    """``search=False`` (the preview indexes the served site after each build): an index in the
    staging folder is newer than the kept site's, and is left as it is; without one, the kept
    site's is copied whole."""
    inputs, site_plan = site
    sites = {"fr": language_site(tmp_path / "fr", "fr"), "en": language_site(tmp_path / "en", "en")}
    for folder in sites.values():
        pdf_file(folder / "pagefind" / "pagefind-entry.json", b'{"kept": true}')
        pdf_file(folder / "pagefind" / "fragment" / "old.pf_fragment", b"kept")
    staging = tmp_path / "site.new"
    finish(inputs, site_plan, sites, {}, URL, staging, search=False)
    assert (staging / "en" / "pagefind" / "fragment" / "old.pf_fragment").read_bytes() == b"kept"
    # The preview's own index replaces the served one; the next build starts from that site.
    pdf_file(staging / "en" / "pagefind" / "pagefind-entry.json", b'{"made": "later"}')
    (staging / "en" / "pagefind" / "fragment" / "old.pf_fragment").rename(
        staging / "en" / "pagefind" / "fragment" / "new.pf_fragment")
    finish(inputs, site_plan, sites, {}, URL, staging, search=False)
    assert sorted(p.name for p in (staging / "en" / "pagefind").rglob("*") if p.is_file()) == [
        "new.pf_fragment", "pagefind-entry.json"]
    assert (staging / "en" / "pagefind" / "pagefind-entry.json").read_bytes() == b'{"made": "later"}'
    assert (staging / "pagefind" / "fragment" / "old.pf_fragment").read_bytes() == b"kept"
    # A build with its index brings the kept sites' back.
    finish(inputs, site_plan, sites, {}, URL, staging)
    assert sorted(p.name for p in (staging / "en" / "pagefind").rglob("*") if p.is_file()) == [
        "old.pf_fragment", "pagefind-entry.json"]


def test_a_build_starts_from_the_previous_site_unless_it_builds_cold(tmp_path):
    from generator.finish import PREVIOUS, staging_folder

    pdf_file(tmp_path / PREVIOUS / "index.html", b"the previous site")
    staging = staging_folder(tmp_path)
    assert (staging / "index.html").read_bytes() == b"the previous site" and not (tmp_path / PREVIOUS).exists()
    assert staging_folder(tmp_path) == staging and (staging / "index.html").exists()  # an interrupted build's
    pdf_file(tmp_path / PREVIOUS / "index.html", b"the previous site")
    cold = staging_folder(tmp_path, reuse=False)  # --no-cache: nothing reused, not even a file's time
    assert cold == staging and not list(cold.iterdir()) and not (tmp_path / PREVIOUS).exists()
