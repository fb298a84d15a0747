"""The generator's MkDocs plugin, ``briefing`` (entry point ``mkdocs.plugins``).

Every language build of the generator lists it with its options (``config.py``); a project
may list it in its own ``mkdocs.yml`` too. It does what the generated site needs of MkDocs and
Material, and nothing else:

* escapes the texts MkDocs hands Material's templates, which print them as HTML (the site's
  name, the navigation's titles, each page's title and description): they come from the data,
  and a briefing titled ``<script>`` must read as that text (``escape.py``);
* lets the HTML the generator marks pass Markdown untouched (``rawhtml.py``);
* keeps the headings' no-break spaces in the table of contents (``toc.py``);
* dates the build with ``build_date`` rather than the clock;
* with ``compact_pages``, holds each page's HTML compressed between its rendering and its
  writing, and drops it once written: MkDocs would keep every page's Markdown and HTML to the
  end of the build (at 200 briefings, most of a language's 0.9 GB);
* keeps Material's compiled templates in ``template_cache``;
* leaves out MkDocs' per-language ``sitemap.xml`` (the generator writes one for all languages);
* in a dirty build (only the changed pages rebuilt, see ``mkdocs_build``), gives the pages MkDocs
  did not read their titles, anchors and links, for the navigation and MkDocs' link check
  (``incremental.py``);
* after the build, indexes the language with Pagefind for the header's search (``pagefind.py``;
  with ``search_lock``, the languages one at a time), and stops Material's script from
  requesting a sitemap per hreflang link (``alternate.py``: it fails the build, naming what
  moved, if Material's code changes under it).
"""

from __future__ import annotations

import time
import zlib
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.plugins import BasePlugin, event_priority

from . import alternate, escape, incremental, pagefind, rawhtml, toc
from .config import BriefingConfig


class BriefingPlugin(BasePlugin[BriefingConfig]):
    previous: incremental.Pages | None = None
    """Set before a dirty build: what the last build recorded of each page."""
    pages: incremental.Pages = {}
    """After a build: each page's title, anchors and links, for the next dirty build."""
    search_seconds = 0.0
    """After a build: how long Pagefind took to index it."""
    search_later = False
    """Set before a build: leave the search index to the caller (the preview makes it once the
    pages are served); the site keeps the last one meanwhile."""

    @cached_property
    def build_date(self) -> datetime | None:
        """The ``build_date`` option as MkDocs' templates take it (``build_date_utc``), read once."""
        if not self.config.build_date:
            return None
        return datetime.strptime(self.config.build_date, "%Y-%m-%d").replace(tzinfo=timezone.utc)

    def on_config(self, config):
        self._rendered, self._held = set(), {}
        if not self.config.sitemap:
            config.theme.static_templates.discard("sitemap.xml")
        escape.escape_config(config)
        config.markdown_extensions.append(rawhtml.RawHtml())
        return config

    def on_nav(self, nav, config, files):
        escape.escape_navigation(nav.items)
        return nav

    def on_page_markdown(self, markdown, page, config, files):
        escape.escape_meta(page.meta)
        return markdown

    def on_files(self, files, config):
        # Without its template, MkDocs would copy the theme's sitemap.xml as a plain file.
        template = files.get_file_from_path("sitemap.xml")
        if template is not None and not self.config.sitemap:
            files.remove(template)
        return files

    def on_env(self, env, config, files):
        self._files = files
        if self.previous is not None:
            incremental.restore(files, self.previous)
        if self.config.template_cache:
            Path(self.config.template_cache).mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(self.config.template_cache)
        return env

    def on_pre_page(self, page, config, files):
        if self.build_date:
            page.update_date = self.config.build_date
        return page

    @event_priority(-100)  # after every other plugin's change
    def on_page_content(self, html, page, config, files):
        self._rendered.add(page.file.src_uri)
        toc.keep_spaces(page.toc, html)
        if not self.config.compact_pages:
            return html
        page.markdown = ""  # read, and no longer needed (MkDocs' ``title`` only asks it is not None)
        self._held[page.file.src_uri] = zlib.compress(html.encode(), 1)
        return ""

    @event_priority(100)  # before every other plugin reads it
    def on_page_context(self, context, page, config, nav):
        if self.config.compact_pages and page.file.src_uri in self._held:
            page.content = zlib.decompress(self._held.pop(page.file.src_uri)).decode()
        if self.build_date:
            context["build_date_utc"] = self.build_date
        return context

    def on_template_context(self, context, template_name, config):
        if self.build_date:
            context["build_date_utc"] = self.build_date
        return context

    @event_priority(-100)
    def on_post_page(self, output, page, config):
        if self.config.compact_pages:
            page.content = ""  # written: MkDocs keeps every page to the end, its HTML need not be
        return output

    def on_post_build(self, config):
        self.pages = incremental.record(self._files, self._rendered, self.previous or {})
        site = Path(config["site_dir"])
        if not self.config.alternate_sitemaps:
            alternate.patch_site(site)
        if self.config.search_index and not self.search_later:
            started = time.perf_counter()
            pagefind.index_site(site, self.config.search_lock and Path(self.config.search_lock))
            self.search_seconds = time.perf_counter() - started
