"""Phase 8, finish: one site from the languages' builds, its sitemap, then the swap into place.

The first language's site is the site root and the others go under ``/<lang>/``; the PDFs are
added, and one sitemap for every language (with hreflang alternates) replaces MkDocs' per-language
ones. The site is made in a staging folder that starts as the previous site (kept in the build
folder after the swap, ``PREVIOUS``) and is brought in step with the languages' kept sites: a file
whose size and time are its source's is left alone, any other is copied, and a file no build made
is removed (at 2,000 pages, copying both languages whole and removing the old site cost a second
of each edit). The staging folder then replaces ``site/`` in one rename, so that readers never
see a half-written site and a failed build leaves the last good one untouched.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import xml.etree.ElementTree as ElementTree
from datetime import datetime, timezone
from pathlib import Path

from .cache import stamp
from .gather import Inputs
from .plan import Plan, pdf_path
from .plugin.pagefind import BUNDLE

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


PREVIOUS = "site.prev"
"""In the build folder: the site the last swap replaced, where the next build starts from."""


def staging_folder(build_dir: Path, reuse: bool = True) -> Path:
    """The folder a build makes its site in: the previous site, or what an interrupted build left
    (brought in step by ``finish`` all the same), else a new folder; with ``reuse=False`` (a cold
    build), always a new folder."""
    staging = build_dir / "site.new"
    if not reuse:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(build_dir / PREVIOUS, ignore_errors=True)
    if not staging.is_dir() and (build_dir / PREVIOUS).is_dir():
        (build_dir / PREVIOUS).rename(staging)
    staging.mkdir(parents=True, exist_ok=True)
    return staging


def finish(inputs: Inputs, plan: Plan, sites: dict[str, Path], pdfs: dict[str, Path],
           base_url: str, staging: Path, search: bool = True) -> None:
    """Make ``staging`` the site: each language's MkDocs output (``sites``, in the languages'
    order: the first at the root), the PDFs (their files by address), the sitemap and robots.txt.
    ``search=False`` (the live preview, whose index is made after the build, into the served
    site) leaves a search index the staging folder holds as it is: the kept sites' is older."""
    copies: dict[str, str | Path] = dict(pdfs)
    left: list[str] = []
    for position, (language, folder) in enumerate(sites.items()):
        prefix, top = f"{language}/" if position else "", str(folder)
        keeps_index = not search and (staging / prefix / BUNDLE / "pagefind-entry.json").is_file()
        if keeps_index:
            left.append(f"{prefix}{BUNDLE}/")
        for path in _files(folder):
            if not (keeps_index and path.startswith(f"{BUNDLE}/")):
                copies[prefix + path] = os.path.join(top, path)
    sitemap = render_sitemap(inputs, plan, base_url, set(pdfs))
    packed = io.BytesIO()
    mtime = int(datetime.combine(plan.build_date, datetime.min.time(), timezone.utc).timestamp())
    with gzip.GzipFile(filename="", mode="wb", fileobj=packed, mtime=mtime) as gzipped:
        gzipped.write(sitemap)
    written = {"sitemap.xml": sitemap, "sitemap.xml.gz": packed.getvalue(),
               "robots.txt": f"User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n".encode()}
    synchronise_site(staging, {path: source for path, source in copies.items() if path not in written}, written,
                     tuple(left))


def _files(folder: Path) -> list[str]:
    """Every file under ``folder``, as a path relative to it with ``/`` (strings, not Paths: at
    2,000 pages a build walks 12,000 files here)."""
    top = str(folder) + os.sep
    return [os.path.join(root, name)[len(top):].replace(os.sep, "/")
            for root, _, names in os.walk(folder) for name in names]


def synchronise_site(folder: Path, copies: dict[str, str | Path], written: dict[str, bytes],
                     left: tuple[str, ...] = ()) -> None:
    """Make ``folder`` hold exactly ``copies`` (relative path -> file to copy) and ``written``
    (relative path -> content), and whatever it holds under the ``left`` folders (``en/pagefind/``).
    A copy whose size and modification time are its source's (the copy took them) is not copied
    again, nor one whose bytes are its source's (it takes the source's time); a written file
    whose content is already there is not written again; every other file is removed."""
    wanted = set(copies) | set(written)
    for path in _files(folder):
        if path not in wanted and not path.startswith(left):
            (folder / path).unlink()
            parent = (folder / path).parent
            while parent != folder and not any(parent.iterdir()):  # a folder left empty
                parent.rmdir()
                parent = parent.parent
    top = str(folder)
    for path, source in copies.items():
        target = os.path.join(top, path)
        there, made = stamp(target), stamp(source)
        if there == made:
            continue
        if there is not None and made is not None and there[0] == made[0] and _same_bytes(source, target):
            os.utime(target, ns=(made[1], made[1]))  # written again, the same bytes (Pagefind's index)
        else:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(source, target)
    for path, content in written.items():
        target = folder / path
        there = stamp(target)
        if there is None or there[0] != len(content) or target.read_bytes() != content:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)


def _same_bytes(first: str | Path, second: str | Path) -> bool:
    with open(first, "rb") as one, open(second, "rb") as other:
        return one.read() == other.read()


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
    previous = staging.with_name(PREVIOUS)  # where the next build starts from
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.is_dir() and _exchange(staging, site_dir):
        staging.rename(previous)  # now the previous site
        return
    old = staging.with_name("site.old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        shutil.move(site_dir, old)  # a rename, unless site/ is on another file system
    shutil.move(staging, site_dir)
    if old.is_dir():
        old.rename(previous)


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