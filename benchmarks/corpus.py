"""Synthetic corpora: N copies of the real briefing, each under its own id and title.

Each copy is the real ``seeds/scale-ai`` fact base with ``briefing.id`` rewritten to
``scale-ai-0042`` (the folder has the same name) and a numbered title, so that every briefing
gets its own folder and its own navigation section. The editors' pages (``content/``) and the
rest of the project (templates, catalogs, ``mkdocs.yml``) are shared with the real project.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

REAL_BRIEFING = "scale-ai"

_ID_LINE = re.compile(r"^(  id: )scale-ai\s*$", re.M)
_FACT_CALL = re.compile(r"""\bfact\((["'])([^"']+)\1\)""")
_FRONT_MATTER_BRIEFING = re.compile(r"^(briefing:\s*)[\"']?scale-ai[\"']?\s*$", re.M)
_TITLE_LINES = re.compile(r"^(  title:\n    fr: )\"?(.*?)\"?\n(    en: )\"?(.*?)\"?\n", re.M)


def copy_of_briefing(text: str, number: int) -> str:
    """``briefing.yaml`` with a distinct id and title (titles name navigation sections)."""
    briefing_id = f"{REAL_BRIEFING}-{number:04d}"
    text, count = _ID_LINE.subn(rf"\g<1>{briefing_id}", text, count=1)
    if count != 1:
        raise ValueError("briefing.yaml: no 'briefing: id: scale-ai' line to rewrite")
    text, count = _TITLE_LINES.subn(
        lambda m: f'{m[1]}"{m[2]} ({number})"\n{m[3]}"{m[4]} ({number})"\n', text, count=1)
    if count != 1:
        raise ValueError("briefing.yaml: no 'title: fr: ... en: ...' block to rewrite")
    return text


def content_for_several(text: str, briefing_id: str) -> str:
    """An editor's page naming the briefing of each fact it cites: with several briefings on the
    site, ``fact('deal.amount')`` on a page outside any briefing is an error, so the copy asks
    for ``fact('deal.amount', 'scale-ai-0001')``; a ``briefing: scale-ai`` in its front matter
    becomes ``briefing: scale-ai-0001``."""
    text = _FRONT_MATTER_BRIEFING.sub(rf"\g<1>{briefing_id}", text)
    return _FACT_CALL.sub(lambda m: f"fact({m[1]}{m[2]}{m[1]}, {m[1]}{briefing_id}{m[1]})", text)


def make_corpus(root: Path, seeds: Path, content: Path, briefings: int) -> tuple[Path, Path]:
    """Write ``briefings`` copies of the real briefing under ``root``; return (seeds, content)."""
    corpus_seeds, corpus_content = root / "seeds", root / "content"
    shutil.rmtree(root, ignore_errors=True)
    corpus_seeds.mkdir(parents=True)
    shutil.copytree(content, corpus_content)
    if briefings > 1:
        for page in corpus_content.glob("*.md"):
            text = page.read_text(encoding="utf-8")
            page.write_text(content_for_several(text, f"{REAL_BRIEFING}-{1:04d}"), encoding="utf-8")
    real = seeds / REAL_BRIEFING
    briefing_text = (real / "briefing.yaml").read_text(encoding="utf-8")
    for number in range(1, briefings + 1):
        folder = corpus_seeds / f"{REAL_BRIEFING}-{number:04d}"
        shutil.copytree(real, folder)
        (folder / "briefing.yaml").write_text(copy_of_briefing(briefing_text, number), encoding="utf-8")
    return corpus_seeds, corpus_content
