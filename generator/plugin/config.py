"""The options of the ``briefing`` MkDocs plugin; the generator sets them for each language."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class BriefingConfig(base.Config):
    build_date = c.Optional(c.Type(str))
    """The site's date, ``YYYY-MM-DD`` (MkDocs' ``build_date_utc`` and each page's ``update_date``);
    without it MkDocs uses the clock (or ``$SOURCE_DATE_EPOCH``). The generator passes the
    latest briefing's as-of date, so that the same inputs give the same bytes."""
    template_cache = c.Optional(c.Type(str))
    """A folder where Material's compiled templates are kept between builds and languages."""
    search_index = c.Type(bool, default=True)
    """Index the built language with Pagefind into ``pagefind/`` (the header's search reads it;
    see ``pagefind.py``)."""
    search_lock = c.Optional(c.Type(str))
    """A file the language builds sharing it lock while Pagefind indexes: one index at a time
    (the generator passes ``<build folder>/search.lock``)."""
    sitemap = c.Type(bool, default=False)
    """Render MkDocs' own ``sitemap.xml``; the generator writes one for every language instead."""
    alternate_sitemaps = c.Type(bool, default=False)
    """Let Material fetch ``sitemap.xml`` under every hreflang address (see ``alternate.py``)."""
    compact_pages = c.Type(bool, default=False)
    """Hold each page's HTML compressed from its rendering to its writing, and drop it and its
    Markdown once written: MkDocs keeps every page to the end of the build, 0.2 MB each. Off by
    default, since another plugin may read a page's content after; the generator sets it when
    the project lists no other plugin and no hook."""
