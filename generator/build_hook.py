"""MkDocs hook the generator adds to every language build: work MkDocs would do for nothing.

* Material's templates are compiled once and cached as bytecode in the build folder
  (``BRIEFING_JINJA_CACHE``), so the second language, the next ``make site`` and every live
  reload skip compiling them again.
* MkDocs' own per-language ``sitemap.xml`` is not rendered: the generator writes one sitemap
  for every language, with hreflang alternates (``site.write_sitemap_and_robots``).
"""

from __future__ import annotations

import os

from jinja2 import FileSystemBytecodeCache

CACHE_VARIABLE = "BRIEFING_JINJA_CACHE"


def on_config(config, **kwargs):
    config.theme.static_templates.discard("sitemap.xml")
    return config


def on_env(env, config, files, **kwargs):
    folder = os.environ.get(CACHE_VARIABLE)
    if folder:
        os.makedirs(folder, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(folder)
    return env
