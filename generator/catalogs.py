"""Interface strings: gettext catalogs under ``locales/``, compiled during the build.

``locales/messages.pot`` and ``locales/<lang>/LC_MESSAGES/messages.po`` are committed; the
``.mo`` files are compiled into the build folder, never committed. Message ids are English,
so the English catalog may leave a message untranslated; every other language must translate
every message, and a fuzzy or missing translation is an error naming the ``.po`` line.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from .problems import Problems

SOURCE_LANGUAGE = "en"
"""The language of the message ids in templates and code."""
DOMAIN = "messages"


def catalog_path(locales: Path, language: str) -> Path:
    return locales / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_catalogs(locales: Path, languages: list[str], out: Path,
                     problems: Problems) -> dict[str, Translations]:
    """Check each language's ``.po``, compile it to ``out/<lang>/LC_MESSAGES/messages.mo``, load it."""
    translations: dict[str, Translations] = {}
    for language in languages:
        po_path = catalog_path(locales, language)
        if not po_path.is_file():
            problems.error(po_path, 1, "(catalog)",
                           f"no catalog for language '{language}': run `make locale-init LANG={language}`")
            continue
        with po_path.open("rb") as handle:
            try:
                catalog = read_po(handle, locale=language, abort_invalid=True)
            except Exception as error:  # babel raises PoFileError with the line in its message
                problems.error(po_path, getattr(error, "lineno", 1), "(catalog)", f"unreadable catalog: {error}")
                continue
        for message in catalog:
            if not message.id:
                continue
            label = f"msgid '{message.id if isinstance(message.id, str) else message.id[0]}'"
            if message.fuzzy:
                problems.error(po_path, message.lineno, label,
                               "translation is marked fuzzy: review it and remove the 'fuzzy' flag")
            elif language != SOURCE_LANGUAGE and not _translated(message.string):
                problems.error(po_path, message.lineno, label,
                               f"missing {language} translation: fill in msgstr")
        mo_path = out / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with mo_path.open("wb") as handle:
            write_mo(handle, catalog)
        with mo_path.open("rb") as handle:
            translations[language] = Translations(handle, domain=DOMAIN)
    return translations


def _translated(string: str | tuple[str, ...]) -> bool:
    if isinstance(string, tuple):
        return all(part.strip() for part in string)
    return bool(string.strip())
