"""Texts for Material's templates, escaped once on their way in.

Material prints the site's name, the navigation's titles and a page's title and description as
HTML, unescaped (``{{ config.site_name }}``, ``<meta content="{{ page.meta.description }}">``), as
MkDocs' own titles taken from rendered headings are already escaped. Ours come from the data.
Each is turned into ``markupsafe.Markup`` of its escaped text: printed raw it reads as the text
it is, and where a template escapes it again (``| e``) it is left as it is.
"""

from __future__ import annotations

from markupsafe import Markup
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page

META_TEXTS = ("title", "description")


def _escaped(text):
    return Markup.escape(text) if isinstance(text, str) else text


def escape_config(config) -> None:
    config["site_name"] = _escaped(config["site_name"])
    if config.get("site_description"):
        config["site_description"] = _escaped(config["site_description"])


def escape_navigation(items: list) -> None:
    for item in items:
        if isinstance(item, (Section, Link, Page)) and isinstance(item.title, str):
            item.title = _escaped(item.title)
        if isinstance(item, Section):
            escape_navigation(item.children)


def escape_meta(meta: dict) -> None:
    for key in META_TEXTS:
        if key in meta:
            meta[key] = _escaped(meta[key])
