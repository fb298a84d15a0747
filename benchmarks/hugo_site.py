"""An equivalent bilingual Hugo site made from the Markdown our generator wrote, as a speed anchor.

Same pages and Markdown bodies, the same addresses (French at ``/``, English at ``/en/``),
translations paired by address, ``.md`` links resolved like MkDocs does, a pruned navigation,
a table of contents, hreflang links, a sitemap and a JSON search index. The layouts and the
configuration are files in ``benchmarks/hugo/``; Material's page chrome has no equivalent.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import yaml

TEMPLATE = Path(__file__).resolve().parent / "hugo"


def _split_front_matter(text: str) -> tuple[dict, str]:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return yaml.safe_load(text[4:end]) or {}, text[end + 5:]
    return {}, text


def make_hugo_site(docs: dict[str, Path], languages: list[str], target: Path) -> int:
    """Write a Hugo site for the per-language docs folders into ``target``; return the number of pages."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(TEMPLATE / "layouts", target / "layouts")
    config = jinja2.Template((TEMPLATE / "config.toml.j2").read_text(encoding="utf-8"), trim_blocks=True)
    (target / "config.toml").write_text(config.render(languages=languages), encoding="utf-8")
    pages = 0
    for language in languages:
        prefix = "" if language == languages[0] else language
        for source in sorted(path for path in docs[language].rglob("*") if path.is_file()):
            relative = source.relative_to(docs[language])
            if source.suffix != ".md":
                destination = target / "static" / prefix / relative
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)
                continue
            meta, body = _split_front_matter(source.read_text(encoding="utf-8"))
            front = {"title": meta.get("title", relative.stem), "description": meta.get("description", "")}
            if alternates := meta.get("alternates") or {}:  # translations paired by the first language's address
                front["translationKey"] = alternates.get(languages[0]) or next(iter(alternates.values()))
            name = "_index.md" if relative.name == "index.md" else relative.name
            destination = target / "content" / language / relative.parent / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
                                   + "---\n\n" + body, encoding="utf-8")
            pages += 1
    return pages
