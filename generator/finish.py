"""Phase 8, finish: one site from the languages' builds, its sitemap, then the swap into place.

The languages were built into ``_<lang>/`` folders of the staging folder; the first becomes the
site root and the others go under ``/<lang>/``. The PDFs are added, one sitemap for every
language (with hreflang alternates) replaces MkDocs' per-language ones, and the staging folder
replaces ``site/`` in one rename, so that readers never see a half-written site and a failed
build leaves the last good one untouched.
"""

from __future__ import annotations

import gzip
import shutil
import xml.etree.ElementTree as ElementTree
from datetime import datetime, timezone
from pathlib import Path

from .assemble import LanguageBuild
from .gather import Inputs
from .plan import Plan, pdf_path

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def finish(inputs: Inputs, plan: Plan, builds: list[LanguageBuild], pdfs: dict[str, bytes],
           base_url: str, staging: Path) -> None:
    """Merge the languages into ``staging``, add the PDFs, the sitemap and robots.txt."""
    root = builds[0].output
    for build in builds[1:]:
        build.output.rename(root / build.language)
    for child in list(root.iterdir()):
        child.rename(staging / child.name)
    root.rmdir()
    for address, content in pdfs.items():
        (staging / address).parent.mkdir(parents=True, exist_ok=True)
        (staging / address).write_bytes(content)
    sitemap = render_sitemap(inputs, plan, base_url, set(pdfs))
    (staging / "sitemap.xml").write_bytes(sitemap)
    mtime = int(datetime.combine(plan.build_date, datetime.min.time(), timezone.utc).timestamp())
    with (staging / "sitemap.xml.gz").open("wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=mtime) as packed:
        packed.write(sitemap)
    (staging / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n",
                                        encoding="utf-8")


def render_sitemap(inputs: Inputs, plan: Plan, base_url: str, pdfs: set[str]) -> bytes:
    """Every page and PDF in every language, each with its translations as hreflang alternates
    and the default language as x-default; dated by the plan's build date."""
    ElementTree.register_namespace("", SITEMAP)
    ElementTree.register_namespace("xhtml", XHTML)
    urlset = ElementTree.Element(f"{{{SITEMAP}}}urlset")
    translations = [{language: base_url + place.url for language, place in page.places.items()}
                    for page in plan.pages]
    for briefing in inputs.briefings:
        addresses = {language: plan.prefix(language) + pdf_path(briefing, language) for language in plan.languages}
        translations.append({language: base_url + path for language, path in addresses.items() if path in pdfs})
    default = plan.languages[0]
    for addresses in translations:
        for address in addresses.values():
            entry = ElementTree.SubElement(urlset, f"{{{SITEMAP}}}url")
            ElementTree.SubElement(entry, f"{{{SITEMAP}}}loc").text = address
            ElementTree.SubElement(entry, f"{{{SITEMAP}}}lastmod").text = plan.build_date.isoformat()
            alternates = list(addresses.items()) + ([("x-default", addresses[default])] if default in addresses else [])
            for language, other in alternates:
                ElementTree.SubElement(entry, f"{{{XHTML}}}link", rel="alternate", hreflang=language, href=other)
    ElementTree.indent(urlset)
    return ElementTree.tostring(urlset, encoding="UTF-8", xml_declaration=True) + b"\n"


def restore_interrupted_swap(build_dir: Path, site_dir: Path) -> None:
    """A build killed between the swap's two renames left the previous site in the build
    folder and none in place: put it back before anything else happens."""
    old = build_dir / "site.old"
    if old.is_dir() and not site_dir.exists():
        shutil.move(old, site_dir)


def swap_into_place(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by ``staging`` so that readers never see a half-written site: in one
    atomic exchange of the two folders where the system offers it (Linux), else in two renames
    (a build killed between them is mended by ``restore_interrupted_swap``)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    if site_dir.is_dir() and _exchange(staging, site_dir):
        shutil.rmtree(staging, ignore_errors=True)  # now the previous site
        return
    old = staging.with_name("site.old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        shutil.move(site_dir, old)  # a rename, unless site/ is on another file system
    shutil.move(staging, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (``renameat2(RENAME_EXCHANGE)``); False where that is not
    possible (another system, another file system)."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, bytes(first), at_fdcwd, bytes(second), rename_exchange) == 0