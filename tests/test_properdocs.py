"""A successor hedge: the same generated projects built by ProperDocs, the MkDocs 1.x fork, give
the same site as MkDocs (Material and the ``briefing`` plugin included).

If this fails after an upgrade, the README's "successor hedge" paragraph says what was known to
differ; update it with what changed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

PROPERDOCS = Path(sys.executable).parent / "properdocs"
GENERATOR_META = re.compile(r'<meta name="generator" content="[^"]*">')
"""The one line that differs: the theme names the tool that built the page."""


def pages(folder: Path) -> dict[str, str]:
    """Every HTML page, the search index and the scripts (patched by the plugin) under ``folder`` (another language's folder left out)."""
    return {str(path.relative_to(folder)): GENERATOR_META.sub("", path.read_text(encoding="utf-8"))
            for path in sorted(folder.rglob("*")) if path.suffix in (".html", ".json", ".js")
            and not str(path.relative_to(folder)).startswith(("en/", "pdf/", "data/"))}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_properdocs_builds_the_same_site_as_mkdocs(published, tmp_path, language):
    config = published.build_dir / language / "mkdocs.yml"
    result = subprocess.run([str(PROPERDOCS), "build", "--strict", "-q", "-f", str(config), "-d", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    ours = pages(published.site_dir / ("" if language == "fr" else language))
    theirs = pages(tmp_path)
    assert sorted(theirs) == sorted(ours)
    assert len([name for name in ours if name.endswith("index.html")]) == 7
    for name, text in ours.items():
        assert theirs[name] == text, f"{language}/{name} differs under ProperDocs"
