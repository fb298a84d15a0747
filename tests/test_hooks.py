"""The MkDocs hooks that patch Material's built scripts: they patch once, and fail the build
loudly when Material's code no longer has what they patch (the browser tests check the effect)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from generator import alternate_hook, search_hook

WORKER = ('(()=>{function ue(t,e){return t.split(/\\s+/g).map(r=>/(^[+-]|[~^]\\d+$)/.test(r)?r:`${r}*`).join(" ")}'
          'function he(t,e){let r=new Set(t),n={};for(let s=0;s<e.length;s++)for(let o of r)'
          'e[s].startsWith(o.term)&&(n[o.term]=!0,r.delete(o));return n}self.lunr=Y.default;})();\n'
          '//# sourceMappingURL=search.1234.min.js.map\n')
"""The parts of Material's minified search worker the hook relies on (Material 9.x)."""


def built_site(tmp_path: Path, worker: str = WORKER, pipeline=("stopWordFilter", "stemmer")) -> Path:
    site = tmp_path / "site"
    (site / "assets" / "javascripts" / "workers").mkdir(parents=True)
    (site / "assets" / "javascripts" / "workers" / "search.1234.min.js").write_text(worker, encoding="utf-8")
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text(
        json.dumps({"config": {"lang": ["fr"], "pipeline": list(pipeline)}, "docs": []}), encoding="utf-8")
    return site


def test_the_search_hook_appends_its_script_before_the_source_map_comment_once(tmp_path):
    site = built_site(tmp_path)
    search_hook.on_post_build({"site_dir": str(site)})
    search_hook.on_post_build({"site_dir": str(site)})
    code = (site / "assets/javascripts/workers/search.1234.min.js").read_text(encoding="utf-8")
    assert code.count(search_hook.MARKER) == 1
    assert "(e[s].startsWith(o.term)||lunr.briefingStems(o.term).includes(e[s]))&&" in code
    assert code.rstrip().endswith("//# sourceMappingURL=search.1234.min.js.map")


@pytest.mark.parametrize("broken, message", [
    (WORKER.replace("`${r}*`", "r"), "Material no longer appends `*` to every typed word"),
    (WORKER.replace("e[s].startsWith(o.term)", "e[s]===o.term"), "was found 0 times instead of once"),
    (WORKER.replace("self.lunr=", "lunr="), "lunr is no longer exposed as a global"),
])
def test_the_search_hook_fails_the_build_when_material_changed(tmp_path, broken, message):
    with pytest.raises(PluginError, match="review generator/search_hook.py") as error:
        search_hook.on_post_build({"site_dir": str(built_site(tmp_path, broken))})
    assert message in str(error.value)


def test_the_search_hook_fails_the_build_without_a_stemmer_in_the_pipeline(tmp_path):
    with pytest.raises(PluginError, match="add `stemmer` to `plugins: - search: pipeline:` in mkdocs.yml"):
        search_hook.on_post_build({"site_dir": str(built_site(tmp_path, pipeline=["stopWordFilter"]))})


def test_the_alternate_hook_stops_the_sitemap_requests_once_and_fails_when_material_changed(tmp_path):
    bundle = tmp_path / "assets" / "javascripts" / "bundle.5678.min.js"
    bundle.parent.mkdir(parents=True)
    bundle.write_text('function ui({document$:e}){e.pipe(b(()=>M("link[rel=alternate]")))}', encoding="utf-8")
    alternate_hook.on_post_build({"site_dir": str(tmp_path)})
    alternate_hook.on_post_build({"site_dir": str(tmp_path)})
    assert bundle.read_text(encoding="utf-8").count('M("link[rel=alternate][data-md-sitemap]")') == 1
    bundle.write_text("function ui(){}", encoding="utf-8")
    with pytest.raises(PluginError, match='selector "link\\[rel=alternate\\]" occurs 0 times'):
        alternate_hook.on_post_build({"site_dir": str(tmp_path)})
