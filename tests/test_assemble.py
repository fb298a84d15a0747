"""Assembling one MkDocs project per language: each page's front matter, and the root
configuration specialised for the language."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator.assemble import assemble, document, mkdocs_config
from generator.assemble import front_matter as written_front_matter
from generator.data import data_files
from generator.project import Project
from generator.render import Rendered, RenderedPage, Unit

ROOT = Path(__file__).resolve().parent.parent
URL = "https://example.org/repo/"


@pytest.fixture(scope="module")
def site(fixture_planned):
    """``(inputs, plan)`` of the fixture briefing."""
    return fixture_planned


def rendered_page(site_plan, key: str, language: str) -> RenderedPage:
    return RenderedPage(site_plan.by_key[key], language, f"Title of {key}", "A description: with a colon.",
                        "# Heading\n\nBody.\n", f"templates/pages/{key}.md.j2")


def rendered(inputs, site_plan, key: str = "key", read: list | None = None) -> Rendered:
    """Every page of the plan as one unit per language (``key``); ``read`` gets a language each
    time a unit's pages are read."""
    def unit(language: str) -> Unit:
        pages = [rendered_page(site_plan, page.key, language) for page in site_plan.in_language(language)]
        return Unit("", key, [page.planned for page in pages], [page.source for page in pages],
                    lambda: (read.append(language) if read is not None else None) or pages)

    return Rendered({language: [unit(language)] for language in inputs.languages})


def front_matter(text: str) -> dict:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front) | {"(body)": body}


def test_a_page_carries_its_title_description_and_alternates_in_its_front_matter(site):
    _, site_plan = site
    text = document(rendered_page(site_plan, "acme-robotics/profile", "en"), URL, None)
    assert front_matter(text) == {
        "title": "Title of acme-robotics/profile", "description": "A description: with a colon.",
        # hreflang links are absolute; the language switcher stays on the site wherever it is served.
        "alternates": {"fr": URL + "profil/", "en": URL + "en/profile/"},
        "switcher": {"fr": "../../profil/", "en": "./"},
        "(body)": "\n# Heading\n\nBody.\n"}
    assert text.startswith('---\ntitle: "Title of acme-robotics/profile"\n')
    home = front_matter(document(rendered_page(site_plan, "acme-robotics/home", "fr"), URL, '{"@type": "Organization"}'))
    assert home["switcher"] == {"fr": "./", "en": "en/"}
    assert home["jsonld"] == '{"@type": "Organization"}'


def test_each_language_gets_its_address_theme_language_plugin_and_navigation(site, tmp_path):
    inputs, site_plan = site
    config = mkdocs_config(inputs, site_plan, "en", URL, tmp_path / "docs", tmp_path / "out")
    assert (config["site_name"], config["site_url"]) == ("Acme Robotics: the Globex takeover", URL + "en/")
    assert (config["docs_dir"], config["site_dir"], config["strict"]) == (
        str(tmp_path / "docs"), str(tmp_path / "out"), True)
    assert config["theme"]["language"] == "en"
    assert config["theme"]["custom_dir"] == str(ROOT / "templates" / "theme")
    assert config["plugins"] == [{"briefing": {"build_date": "2026-09-16", "compact_pages": True,
                                               "search_lock": str(inputs.project.build_dir / "search.lock"),
                                               "template_cache": str(inputs.project.build_dir / "jinja-cache")}}]
    assert config["copyright"] == "Every figure cites its source; text written by the briefing's editors."
    assert config["nav"] == site_plan.navigation["en"]
    assert config["extra"]["alternate"] == [{"name": "Français", "link": URL, "lang": "fr"},
                                            {"name": "English", "link": URL + "en/", "lang": "en"}]
    assert (config["extra"]["site_root"], config["extra"]["nav_current_section_only"]) == (URL, False)
    assert "nav" not in inputs.config and "language" not in inputs.config["theme"]  # the root one is untouched


def test_the_default_language_is_at_the_root_with_its_words(site, tmp_path):
    inputs, site_plan = site
    config = mkdocs_config(inputs, site_plan, "fr", URL, tmp_path / "docs", tmp_path / "out")
    assert (config["site_url"], config["theme"]["language"]) == (URL, "fr")
    assert config["site_name"] == "Acme Robotics\u00a0: le rachat par Globex"  # with French typography
    assert config["copyright"] == "Chaque chiffre cite sa source\u00a0; textes rédigés par l’équipe de la note."
    assert config["extra"]["not_found"]["title"] == "Page introuvable"
    footnotes = next(e for e in config["markdown_extensions"] if isinstance(e, dict) and "footnotes" in e)
    assert footnotes == {"footnotes": {"BACKLINK_TITLE": "Retour à l’appel de note %d dans le texte"}}


def test_a_projects_own_hooks_and_theme_folder_are_relative_to_its_configuration(site, tmp_path):
    inputs, site_plan = site
    elsewhere = dataclasses.replace(
        inputs, project=Project(root=ROOT, config_file=tmp_path / "conf" / "mkdocs.yml", build_dir=tmp_path / "build"),
        config={"site_name": "x", "theme": {"name": "mkdocs", "custom_dir": "theme"}, "hooks": ["hooks/mine.py"],
                "plugins": [{"briefing": {"alternate_sitemaps": True, "build_date": "1999-01-01"}}, "tags"]})
    config = mkdocs_config(elsewhere, site_plan, "en", URL, tmp_path / "docs", tmp_path / "out")
    assert config["hooks"] == [str(tmp_path / "conf" / "hooks" / "mine.py")]
    assert config["theme"] == {"name": "mkdocs", "custom_dir": str(tmp_path / "conf" / "theme"), "language": "en"}
    # The project's plugins are kept; its own options of the briefing plugin too, under the generator's.
    # Another plugin or a hook may read the pages after they are written: they are kept whole.
    assert config["plugins"] == ["tags", {"briefing": {
        "alternate_sitemaps": True, "build_date": "2026-09-16", "compact_pages": False,
        "search_lock": str(tmp_path / "build" / "search.lock"), "template_cache": str(tmp_path / "build" / "jinja-cache")}}]
    assert "copyright" not in config
    for project_config, compact in (({"hooks": ["hooks/mine.py"]}, False),
                                    ({"plugins": [{"briefing": {"compact_pages": False}}]}, False),
                                    ({"plugins": ["briefing"]}, True)):
        mine = dataclasses.replace(elsewhere, config={"site_name": "x", **project_config})
        (plugin,) = mkdocs_config(mine, site_plan, "en", URL, tmp_path / "docs", tmp_path / "out")["plugins"]
        assert plugin["briefing"]["compact_pages"] is compact, project_config


def test_assemble_writes_each_languages_docs_and_configuration(site, tmp_path):
    inputs, site_plan = site
    inputs = dataclasses.replace(inputs, project=Project(root=ROOT, seeds=inputs.project.seeds,
                                                         build_dir=tmp_path / "build"))
    stale = tmp_path / "build" / "en" / "docs" / "removed-page.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("an old page", encoding="utf-8")
    builds = assemble(inputs, site_plan, rendered(inputs, site_plan), data_files(inputs, site_plan, URL), URL)
    assert [(b.language, b.config_file, b.site) for b in builds] == [
        ("fr", tmp_path / "build" / "fr" / "mkdocs.yml", tmp_path / "build" / "fr" / "site"),
        ("en", tmp_path / "build" / "en" / "mkdocs.yml", tmp_path / "build" / "en" / "site")]
    docs = tmp_path / "build" / "en" / "docs"
    assert sorted(str(p.relative_to(docs)) for p in docs.rglob("*") if p.is_file()) == [
        "changes.md", "data/acme-robotics.csv", "data/acme-robotics.json", "feed.xml", "index.md", "method.md",
        "profile.md", "sources.md", "timeline.md", "watchlist.md"]
    assert '"url": "https://example.org/repo/en/profile/"' in front_matter((docs / "profile.md").read_text())["jsonld"]
    assert "jsonld" not in front_matter((docs / "timeline.md").read_text())
    assert builds[0].sources["profil.md"] == "templates/pages/acme-robotics/profile.md.j2"
    written = yaml.safe_load(builds[1].config_file.read_text(encoding="utf-8"))
    assert written == mkdocs_config(inputs, site_plan, "en", URL, docs, tmp_path / "build" / "en" / "site")
    assert builds[1].site == tmp_path / "build" / "en" / "site", "MkDocs builds into a site kept between builds"


def test_a_unit_whose_docs_are_as_written_from_the_same_inputs_is_not_read_again(site, tmp_path):
    inputs, site_plan = site
    inputs = dataclasses.replace(inputs, project=Project(root=ROOT, seeds=inputs.project.seeds,
                                                         build_dir=tmp_path / "build"))
    data = data_files(inputs, site_plan, URL)
    docs = tmp_path / "build" / "en" / "docs"

    def reads(key: str = "key", url: str = URL, reuse: bool = True) -> list[str]:
        read: list[str] = []
        assemble(inputs, site_plan, rendered(inputs, site_plan, key, read), data, url, reuse)
        return read

    assert reads() == ["fr", "en"]
    written = {path: path.stat().st_mtime_ns for path in docs.rglob("*.md")}
    assert reads() == []
    assert {path: path.stat().st_mtime_ns for path in docs.rglob("*.md")} == written
    for changed in ({"key": "other"}, {"url": "https://example.org/elsewhere/"}):
        assert reads(**changed) == ["fr", "en"], changed
        assert reads(**changed) == [], changed
    assert reads() == ["fr", "en"]
    assert reads(reuse=False) == reads(reuse=False) == ["fr", "en"]  # a cold build reads every unit
    assert reads() == []  # and records what it wrote
    (docs / "profile.md").write_text("touched", encoding="utf-8")  # by hand, or half written
    assert reads() == ["en"]
    assert (docs / "profile.md").read_text(encoding="utf-8").startswith("---\ntitle: ")
    (docs / "profile.md").unlink()
    assert reads() == ["en"] and (docs / "profile.md").is_file()
    (tmp_path / "build" / "en" / "docs.json").write_text("{not json", encoding="utf-8")
    assert reads() == ["en"]


@given(texts=st.dictionaries(st.sampled_from(["title", "description", "jsonld"]), st.text()),
       names=st.dictionaries(st.text(min_size=1), st.text()))
@settings(max_examples=300, deadline=None)
def test_any_text_comes_back_from_the_front_matter_as_it_went_in(texts, names):
    """MkDocs reads the front matter back with PyYAML: every text, and every name of a mapping
    (a language code such as ``no``, which plain YAML 1.1 reads as false), is read as written."""
    front = {**texts, "alternates": names}
    _, meta = get_data("---\n" + written_front_matter(front) + "---\n\nBody.\n")
    assert meta == front


def test_a_copyright_notice_gets_its_languages_typography_in_its_text_not_its_tags(site, tmp_path):
    inputs, site_plan = site
    notice = 'Textes : <a href="https://example.org/a:b" title="x ; y">l’équipe</a> ; 2026'
    mine = dataclasses.replace(inputs, config={**inputs.config, "extra": {"copyright": {"fr": notice}}})
    config = mkdocs_config(mine, site_plan, "fr", URL, tmp_path / "docs", tmp_path / "out")
    assert config["copyright"] == 'Textes\u00a0: <a href="https://example.org/a:b" title="x ; y">l’équipe</a>\u00a0; 2026'
