"""The pages of the real briefing's site, shared by the built-site and browser tests."""

PAGES = {  # page kind -> (French address, English address)
    "home": ("", "en/"),
    "profile": ("profil/", "en/profile/"),
    "timeline": ("chronologie/", "en/timeline/"),
    "watchlist": ("veille/", "en/watchlist/"),
    "sources": ("sources/", "en/sources/"),
    "method": ("methode/", "en/method/"),
}
"""Every page a reader can reach, in both languages (a browser test checks there are no others)."""
