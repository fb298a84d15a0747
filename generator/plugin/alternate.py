"""Stop Material from asking for a ``sitemap.xml`` under every hreflang address.

Why this exists. Material's script (``setupAlternate``) reads every ``<link rel="alternate">``
of a page and fetches ``sitemap.xml`` *relative to each one*, to map the current page to its
translation when a reader clicks a language link. Our pages carry one hreflang link per
translation (``/profil/``, ``/en/profile/``), so every page load asked for
``/profil/sitemap.xml`` and ``/en/profile/sitemap.xml``: two or three 404s per page, logged
as console errors (Lighthouse counts them against "best practices") and wasted requests.
Our language switcher already links each page to its exact translation, so Material's
mapping is not needed.

What it does, after every build (the plugin's ``on_post_build``): in the built
``assets/javascripts/bundle.<hash>.min.js``, the selector ``link[rel=alternate]`` becomes
``link[rel=alternate][data-md-sitemap]``: Material fetches the sitemap only of the alternates
that opt in, and none does. hreflang links stay in the HTML for search engines.

If Material's bundle no longer contains the selector (exactly once), the build fails with
``PluginError`` instead of the 404s coming back silently. Running twice is harmless.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

BUNDLE_GLOB = "assets/javascripts/bundle.*.min.js"
SELECTOR = '"link[rel=alternate]"'
OPT_IN_SELECTOR = '"link[rel=alternate][data-md-sitemap]"'


def patch_site(site: Path) -> None:
    """Patch the site's Material bundle."""
    bundles = sorted(site.glob(BUNDLE_GLOB))
    if len(bundles) != 1:
        raise PluginError(f"briefing plugin (alternate): expected one {BUNDLE_GLOB} in {site}, found {len(bundles)}; "
                          "Material's layout changed: review generator/plugin/alternate.py")
    patch_bundle(bundles[0])


def patch_bundle(bundle: Path) -> None:
    code = bundle.read_text(encoding="utf-8")
    if OPT_IN_SELECTOR in code:
        return
    count = code.count(SELECTOR)
    if count != 1:
        raise PluginError(f"briefing plugin (alternate): Material's selector {SELECTOR} occurs {count} times in "
                          f"{bundle.name} instead of once; review generator/plugin/alternate.py against "
                          "this Material version")
    bundle.write_text(code.replace(SELECTOR, OPT_IN_SELECTOR), encoding="utf-8")
