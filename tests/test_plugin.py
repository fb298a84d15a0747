"""The ``briefing`` MkDocs plugin: registered by its entry point, typed options, the Pagefind
index, and the patch of Material's script, which patches once and fails the build loudly when
Material's code no longer has what it patches (the browser tests check the effect)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from generator.plugin import alternate, pagefind

def test_pagefind_indexes_the_pages_of_a_language_not_its_404(tmp_path):
    site = tmp_path / "site"
    for address, text in (("", "Les licenciements de juin"), ("profil/", "Un investissement")):
        (site / address).mkdir(parents=True, exist_ok=True)
        (site / address / "index.html").write_text(
            f'<!doctype html><html lang="fr"><head><title>t</title></head><body><nav>Menu</nav>'
            f'<article class="md-content__inner"><h1>{text}</h1><div data-pagefind-ignore>ignoré</div></article>'
            '</body></html>',
            encoding="utf-8")
    (site / "404.html").write_text('<html lang="fr"><body><article class="md-content__inner"><h1>Introuvable</h1>'
                                   '</article></body></html>', encoding="utf-8")
    pagefind.index_site(site)
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["fr"] and entry["languages"]["fr"]["page_count"] == 2
    assert (site / "pagefind" / "pagefind-ui.js").is_file()


def test_pagefind_fails_the_build_with_its_own_message(tmp_path):
    (tmp_path / "site").mkdir()
    with pytest.raises(PluginError, match="Pagefind could not index"):
        pagefind.index_site(tmp_path / "site")  # nothing to index


def test_the_builds_sharing_a_search_lock_index_one_at_a_time(tmp_path):
    import threading

    lock, events, second_in = tmp_path / "search.lock", [], threading.Event()

    def second():
        with pagefind.one_at_a_time(lock):
            events.append("second in")
            second_in.set()

    with pagefind.one_at_a_time(lock):
        events.append("first in")
        other = threading.Thread(target=second)
        other.start()
        second_in.wait(0.5)  # set at once if the lock let the second in
        events.append("first out")
    other.join()
    assert events == ["first in", "first out", "second in"]
    with pagefind.one_at_a_time(None):  # no lock: nothing to wait for
        pass


def test_the_alternate_patch_stops_the_sitemap_requests_once_and_fails_when_material_changed(tmp_path):
    bundle = tmp_path / "assets" / "javascripts" / "bundle.5678.min.js"
    bundle.parent.mkdir(parents=True)
    bundle.write_text('function ui({document$:e}){e.pipe(b(()=>M("link[rel=alternate]")))}', encoding="utf-8")
    alternate.patch_site(tmp_path)
    alternate.patch_site(tmp_path)
    assert bundle.read_text(encoding="utf-8").count('M("link[rel=alternate][data-md-sitemap]")') == 1
    bundle.write_text("function ui(){}", encoding="utf-8")
    with pytest.raises(PluginError, match='selector "link\\[rel=alternate\\]" occurs 0 times'):
        alternate.patch_site(tmp_path)


def test_the_patch_applies_to_the_installed_material(tmp_path):
    """Material's own bundle still has what the patch needs: this fails on the Material upgrade
    that breaks it, before any build does."""
    import material

    (bundle,) = (Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob("bundle.*.min.js")
    site = tmp_path / "site"
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "javascripts" / bundle.name).write_text(bundle.read_text(encoding="utf-8"), encoding="utf-8")
    alternate.patch_site(site)
    assert alternate.OPT_IN_SELECTOR in next(site.glob(alternate.BUNDLE_GLOB)).read_text(encoding="utf-8")


def test_the_plugin_is_registered_and_its_options_are_typed():
    from importlib.metadata import entry_points

    from generator.plugin import BriefingPlugin

    (entry,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == "briefing"]
    assert entry.load() is BriefingPlugin
    plugin = BriefingPlugin()
    errors, warnings = plugin.load_config({"build_date": "2025-07-31", "template_cache": "/tmp/cache"})
    assert (errors, warnings) == ([], [])
    assert plugin.config.build_date == "2025-07-31" and plugin.config.search_index is True
    errors, _ = plugin.load_config({"search_index": "yes"})
    assert [name for name, _ in errors] == ["search_index"]
    assert "Expected type: <class 'bool'>" in str(errors[0][1])


def test_the_build_date_dates_every_page_instead_of_the_clock():
    from datetime import datetime, timezone
    from types import SimpleNamespace

    from generator.plugin import BriefingPlugin

    plugin = BriefingPlugin()
    plugin.load_config({"build_date": "2025-07-31"})
    page = plugin.on_pre_page(SimpleNamespace(update_date="2099-01-01"), config=None, files=None)
    context = plugin.on_page_context({"build_date_utc": datetime.now(timezone.utc)}, page=page, config=None, nav=None)
    assert page.update_date == "2025-07-31"
    assert context["build_date_utc"] == datetime(2025, 7, 31, tzinfo=timezone.utc)


def test_compact_pages_builds_the_same_site_and_lets_go_of_every_page(tmp_path):
    """MkDocs keeps every page's Markdown and HTML to the end of a build; with ``compact_pages``
    the plugin holds them compressed until written, then drops them: the same bytes come out."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Accueil\n\nVoir [le profil](profil.md#chiffres).\n", encoding="utf-8")
    (docs / "profil.md").write_text("---\ntitle: Profil\n---\n# Le profil\n\n## Chiffres\n\n" + "Un texte. " * 500,
                                    encoding="utf-8")
    (docs / "chronologie.md").write_text("# Chronologie\n\n## Juin 2025 {#juin}\n\n[Accueil](index.md)\n",
                                         encoding="utf-8")
    plugins = {}
    for compact in (False, True):
        config = load_config(config_file=None, site_name="Essai", docs_dir=str(docs), strict=True,
                             site_dir=str(tmp_path / f"site-{compact}"), theme={"name": "material", "language": "fr"},
                             markdown_extensions=["toc", "attr_list"],
                             plugins=[{"briefing": {"build_date": "2025-07-31", "search_index": False,
                                                    "compact_pages": compact}}])
        build(config)
        plugins[compact] = config.plugins["briefing"]
    built = {compact: {path.relative_to(tmp_path / f"site-{compact}"): path.read_bytes()
                       for path in sorted((tmp_path / f"site-{compact}").rglob("*")) if path.is_file()}
             for compact in (False, True)}
    assert built[True] == built[False] and len(built[True]) > 3
    pages = {compact: {file.src_uri: file.page for file in plugin._files.documentation_pages()}
             for compact, plugin in plugins.items()}
    assert all(page.content and page.markdown for page in pages[False].values())
    assert all(page.content == page.markdown == "" for page in pages[True].values())
    # What a later, dirty build reuses of each page is the same either way.
    assert plugins[True].pages == plugins[False].pages and plugins[True].pages["chronologie.md"]
