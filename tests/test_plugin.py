"""The ``briefing`` MkDocs plugin: registered by its entry point, typed options, and the patches of
Material's built scripts, which patch once and fail the build loudly when Material's code no
longer has what they patch (the browser tests check the effect)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from generator.plugin import alternate, search

WORKER = ('(()=>{function ue(t,e){return t.split(/\\s+/g).map(r=>/(^[+-]|[~^]\\d+$)/.test(r)?r:`${r}*`).join(" ")}'
          'function he(t,e){let r=new Set(t),n={};for(let s=0;s<e.length;s++)for(let o of r)'
          'e[s].startsWith(o.term)&&(n[o.term]=!0,r.delete(o));return n}self.lunr=Y.default;})();\n'
          '//# sourceMappingURL=search.1234.min.js.map\n')
"""The parts of Material's minified search worker the patch relies on (Material 9.x)."""


def built_site(tmp_path: Path, worker: str = WORKER, pipeline=("stopWordFilter", "stemmer")) -> Path:
    site = tmp_path / "site"
    (site / "assets" / "javascripts" / "workers").mkdir(parents=True)
    (site / "assets" / "javascripts" / "workers" / "search.1234.min.js").write_text(worker, encoding="utf-8")
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text(
        json.dumps({"config": {"lang": ["fr"], "pipeline": list(pipeline)}, "docs": []}), encoding="utf-8")
    return site


def test_the_search_patch_appends_its_script_before_the_source_map_comment_once(tmp_path):
    site = built_site(tmp_path)
    search.patch_site(site)
    search.patch_site(site)
    code = (site / "assets/javascripts/workers/search.1234.min.js").read_text(encoding="utf-8")
    assert code.count(search.MARKER) == 1
    assert "(e[s].startsWith(o.term)||lunr.briefingStems(o.term).includes(e[s]))&&" in code
    assert code.rstrip().endswith("//# sourceMappingURL=search.1234.min.js.map")


@pytest.mark.parametrize("broken, message", [
    (WORKER.replace("`${r}*`", "r"), "Material no longer appends `*` to every typed word"),
    (WORKER.replace("e[s].startsWith(o.term)", "e[s]===o.term"), "was found 0 times instead of once"),
    (WORKER.replace("self.lunr=", "lunr="), "lunr is no longer exposed as a global"),
])
def test_the_search_patch_fails_the_build_when_material_changed(tmp_path, broken, message):
    with pytest.raises(PluginError, match="review generator/plugin/search.py") as error:
        search.patch_site(built_site(tmp_path, broken))
    assert message in str(error.value)


def test_the_search_patch_fails_the_build_without_a_stemmer_in_the_pipeline(tmp_path):
    with pytest.raises(PluginError, match="add `stemmer` to `plugins: - search: pipeline:` in mkdocs.yml"):
        search.patch_site(built_site(tmp_path, pipeline=["stopWordFilter"]))


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


def test_the_patches_apply_to_the_installed_material(tmp_path):
    """Material's own built scripts still have what the patches need: this fails on the
    Material upgrade that breaks them, before any build does."""
    import material

    assets = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    (worker,) = assets.glob("workers/search.*.min.js")
    (bundle,) = assets.glob("bundle.*.min.js")
    site = built_site(tmp_path, worker.read_text(encoding="utf-8"))
    (site / "assets" / "javascripts" / bundle.name).write_text(bundle.read_text(encoding="utf-8"), encoding="utf-8")
    search.patch_site(site)
    alternate.patch_site(site)
    assert search.MARKER in next(site.glob(search.WORKER_GLOB)).read_text(encoding="utf-8")
    assert alternate.OPT_IN_SELECTOR in next(site.glob(alternate.BUNDLE_GLOB)).read_text(encoding="utf-8")


def test_the_plugin_is_registered_and_its_options_are_typed():
    from importlib.metadata import entry_points

    from generator.plugin import BriefingPlugin

    (entry,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == "briefing"]
    assert entry.load() is BriefingPlugin
    plugin = BriefingPlugin()
    errors, warnings = plugin.load_config({"build_date": "2025-07-31", "template_cache": "/tmp/cache"})
    assert (errors, warnings) == ([], [])
    assert plugin.config.build_date == "2025-07-31" and plugin.config.stemmed_search is True
    errors, _ = plugin.load_config({"stemmed_search": "yes"})
    assert [name for name, _ in errors] == ["stemmed_search"]
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
