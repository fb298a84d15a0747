"""Publishing: the GitHub Pages workflow, a site under a project subpath, links, reproducible
bytes, and failed builds that never touch the last good site."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
BIN = Path(sys.executable).parent


# --- The workflow ---------------------------------------------------------------------------

def test_workflow_is_valid_for_github_actions():
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                             str(WORKFLOW)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_runs_the_readme_commands_and_deploys_only_from_main():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow[True]  # PyYAML reads the key `on` as a boolean
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    assert "pull_request" in triggers
    # A weekly rebuild keeps the pages' staleness notices true without a push.
    assert [entry["cron"].split()[2:] for entry in triggers["schedule"]] == [["*", "*", "1"]]
    assert workflow["permissions"] == {"contents": "read"}
    assert "group" in workflow["concurrency"]
    steps = workflow["jobs"]["build"]["steps"]
    commands = [step.get("run", "") for step in steps]
    readme = (ROOT / "README.md").read_text()
    for command in ("make test", "make site"):
        assert any(c.startswith(command) for c in commands), command
        assert command in readme, command
    setup = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["cache"] == "pip"
    uses = [step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert all(re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", u) for u in uses), "actions are pinned to a commit"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["if"].startswith("github.event_name != 'pull_request'")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_a_sharded_build_is_opt_in_and_merged_before_deploying():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert workflow[True]["workflow_dispatch"]["inputs"]["shards"]["default"] == 1
    jobs = workflow["jobs"]
    assert "inputs.shards > 1" in jobs["shard"]["if"]
    assert jobs["shard"]["strategy"]["matrix"]["shard"] == "${{ fromJSON(needs.build.outputs.shards) }}"
    commands = [step.get("run", "") for step in jobs["shard"]["steps"]] + [step.get("run", "") for step in jobs["merge"]["steps"]]
    assert any(command.startswith("make shard SHARD=") for command in commands)
    assert any(command.startswith("make merge ") for command in commands)
    # Every part and the merge use the build job's reference date: a merge refuses parts of another day.
    assert all("needs.build.outputs.today" in command for command in commands if command.startswith("make "))
    assert jobs["merge"]["needs"] == ["build", "shard"] and jobs["deploy"]["needs"] == ["build", "merge"]
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^shard: ", makefile, re.M) and re.search(r"^merge: ", makefile, re.M)


# --- The published site (the session's build under /repo/), crawled ------------------------

@pytest.fixture(scope="module")
def subpath_site(published):
    """The real briefing built for http://127.0.0.1:<port>/repo/ and served under /repo/, as
    GitHub Pages serves a project site."""
    return published.url, published.site_dir


def test_every_link_resolves_under_a_subpath(subpath_site, tmp_path):
    url, _ = subpath_site
    config = tmp_path / "linkcheckerrc"
    # LinkChecker's AnchorCheck plugin spins for minutes on these pages; anchors are checked below.
    config.write_text("[checking]\nthreads=4\n[filtering]\ncheckextern=0\n")
    result = subprocess.run([str(BIN / "linkchecker"), "--config", str(config), "--no-status",
                             "--output", "text", url, url + "en/"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    checked = re.search(r"(\d+) links? in (\d+) URLs? checked", result.stdout)
    assert checked and int(checked.group(2)) > 50, result.stdout[-1000:]


class Anchors(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])


def test_every_internal_anchor_resolves_in_both_languages(subpath_site):
    url, site = subpath_site
    pages = {}
    for path in site.rglob("*.html"):
        address = url + str(path.relative_to(site)).removesuffix("index.html")
        pages[address] = Anchors(path.read_text(encoding="utf-8"))
    assert url + "en/watchlist/" in pages and url + "veille/" in pages
    checked = 0
    for address, page in pages.items():
        for href in page.links:
            target = urljoin(address, href)
            if not target.startswith(url) or "#" not in target:
                continue
            document, fragment = target.split("#", 1)
            if not fragment:
                continue
            assert document in pages, f"{address} links to missing {document}"
            assert unquote(fragment) in pages[document].ids, f"{address} links to missing anchor {target}"
            checked += 1
    assert checked > 100  # footnotes, sources, table of contents, timeline entries


def test_subpath_pages_link_to_their_assets_and_twins_under_the_prefix(subpath_site):
    url, site = subpath_site
    page = (site / "en" / "timeline" / "index.html").read_text(encoding="utf-8")
    assert f'href="{url}veille/"' in page or f'href="{url}chronologie/"' in page
    assert f'<link rel="alternate" href="{url}chronologie/" hreflang="fr">' in page
    assert 'href="/assets' not in page and 'src="/assets' not in page


# --- What a published briefing offers ------------------------------------------------------

def test_sitemap_lists_both_languages_with_alternates_and_robots_points_to_it(subpath_site):
    url, site = subpath_site
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert url in locations and url + "en/" in locations and url + "en/profile/" in locations
    assert url + "profil/" in locations
    assert f'<xhtml:link rel="alternate" hreflang="en" href="{url}en/profile/" />' in sitemap
    assert 'hreflang="x-default"' in sitemap
    assert not (site / "en" / "sitemap.xml").exists()
    assert (site / "robots.txt").read_text() == f"User-agent: *\nAllow: /\n\nSitemap: {url}sitemap.xml\n"


def test_each_language_has_a_404_page_offering_every_home(subpath_site):
    url, site = subpath_site
    french, english = (site / "404.html").read_text(), (site / "en" / "404.html").read_text()
    assert "Page introuvable" in french and '<html lang="fr"' in french
    assert "Page not found" in english and '<html lang="en"' in english
    for page in (french, english):
        assert f'href="{url}"' in page and f'href="{url}en/"' in page


def test_profile_pages_carry_organization_json_ld(subpath_site):
    import json

    url, site = subpath_site
    for address, language in (("profil", "fr"), ("en/profile", "en")):
        page = (site / address / "index.html").read_text(encoding="utf-8")
        block = re.search(r'<script type="application/ld\+json">(.+?)</script>', page, re.S)
        data = json.loads(block.group(1))
        assert data["@type"] == "Organization" and data["@context"] == "https://schema.org"
        assert data["name"] == "Scale AI" and data["inLanguage"] == language
        assert data["url"] == url + address + "/"
        # The founding year is derived and hedged ("around 2016"): no plain foundingDate claims it,
        # and the description keeps the hedge.
        assert "foundingDate" not in data
        assert ("vers 2016" if language == "fr" else "around 2016") in data["description"]


def test_facts_are_published_as_data_linked_from_the_sources_page(subpath_site):
    import csv
    import json

    _, site = subpath_site
    for prefix, language in (("", "fr"), ("en/", "en")):
        data = json.loads((site / prefix / "data" / "scale-ai.json").read_text(encoding="utf-8"))
        assert data["briefing"]["language"] == language
        amount = next(f for f in data["facts"] if f["id"] == "deal.amount")
        assert amount["value"] == 14300000000 and amount["currency"] == "USD"
        assert amount["citations"] and amount["as_of"] and amount["status"]
        assert amount["conflict"] and amount["preferred"] is True
        sources_page = (site / prefix / ("sources" if language == "fr" else "sources") / "index.html").read_text()
        assert 'href="../data/scale-ai.json"' in sources_page and 'href="../data/scale-ai.csv"' in sources_page
    rows = list(csv.DictReader((site / "data" / "scale-ai.csv").open(encoding="utf-8")))
    assert len(rows) == len(data["facts"])
    assert {"id", "value", "as_of", "status", "sources", "label_fr", "label_en"} <= set(rows[0])


# --- Failed builds keep the last good site ---------------------------------------------------

@pytest.fixture
def editor_copy(project_copy, monkeypatch, fixture_site):
    """A copy of the project (fixture briefing) with a good site in site/ (a copy of the session's
    build of it), as cwd."""
    shutil.copytree(fixture_site, project_copy / "site")
    monkeypatch.chdir(project_copy)
    return project_copy


def edit(path: Path, old: str, new: str) -> int:
    """Replace text in a file; return the (1-based) line of the edit."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize("breakage", ["invalid fact", "broken template", "editor page error", "mkdocs error"])
def test_a_failed_build_names_file_and_line_and_leaves_the_site_untouched(editor_copy, breakage, file_digests):
    before = file_digests(editor_copy / "site")
    if breakage == "invalid fact":
        path = Path("seeds/acme-robotics/facts.yaml")
        line = edit(path, "currency: USD", "currency: dollars")
        expected = f"{path}:{line}: facts["
    elif breakage == "broken template":
        path = Path("templates/pages/timeline.md.j2")
        line = edit(path, "{% for event in briefing.timeline() %}", "{% for event in briefing.timeline() %}{% if %}")
        expected = f"{path}:{line}: page 'acme-robotics/timeline'"
    elif breakage == "editor page error":
        path = Path("content/method.en.md")
        line = edit(path, '{{ fact("deal.amount") }}', '{{ fact("deal.amout") }}')
        expected = f"{path}:{line}: fact(): unknown fact 'deal.amout' in briefing 'acme-robotics'"
    else:
        path = Path("content/method.fr.md")
        line = edit(path, "## Mise à jour", "Voir [la page absente](absente.md).\n\n## Mise à jour")
        expected = f"{path}:{line}: mkdocs (fr): Doc file 'methode.md' contains a link 'absente.md'"
    inputs = {name: file_digests(editor_copy / name) for name in ("seeds", "content", "templates")}
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert expected in result.output, result.output
    assert "Traceback" not in result.output
    assert file_digests(editor_copy / "site") == before, "the last good site is untouched"
    assert {name: file_digests(editor_copy / name) for name in inputs} == inputs, "the inputs are only read"
