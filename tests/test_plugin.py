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
