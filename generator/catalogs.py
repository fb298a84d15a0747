"""Interface strings: gettext catalogs under ``locales/``, compiled during the build.

``locales/messages.pot`` and ``locales/<lang>/LC_MESSAGES/messages.po`` are committed; the
``.mo`` is compiled in memory by every build, never committed. Message ids are English, so the
English catalog may leave a message untranslated; every other language must translate every
message, and a fuzzy or missing translation is an error naming the ``.po`` line.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog as MessageCatalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from .problems import Problems

SOURCE_LANGUAGE = "en"
"""The language of the message ids in templates and code."""
DOMAIN = "messages"


@dataclass
class Catalog:
    """One language's catalog, read from its ``.po``, and its compiled translations."""

    language: str
    path: Path
    messages: MessageCatalog
    translations: Translations


def catalog_path(locales: Path, language: str) -> Path:
    return locales / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogs(folders: tuple[Path, ...], languages: list[str], problems: Problems) -> dict[str, Catalog]:
    """Every language's ``.po`` that can be read, from the first of ``folders`` that has one,
    compiled in memory."""
    catalogs: dict[str, Catalog] = {}
    for language in languages:
        found = [catalog_path(folder, language) for folder in folders if catalog_path(folder, language).is_file()]
        path = found[0] if found else catalog_path(folders[0], language)
        if not path.is_file():
            problems.error(path, 1, "(catalog)",
                           f"no catalog for language '{language}': run `make locale-init LANG={language}`")
            continue
        with path.open("rb") as handle:
            try:
                messages = read_po(handle, locale=language, abort_invalid=True)
            except Exception as error:  # babel raises PoFileError with the line in its message
                problems.error(path, getattr(error, "lineno", 1), "(catalog)", f"unreadable catalog: {error}")
                continue
        compiled = io.BytesIO()
        write_mo(compiled, messages)
        compiled.seek(0)
        catalogs[language] = Catalog(language, path, messages, Translations(compiled, domain=DOMAIN))
    return catalogs


def message_state(catalog: Catalog, message) -> str:
    """``fuzzy`` (gettext's stale), ``missing`` or ``complete``; message ids are in the source
    language, so there an untranslated message is complete."""
    if message.fuzzy:
        return "fuzzy"
    if catalog.language != SOURCE_LANGUAGE and not _translated(message.string):
        return "missing"
    return "complete"


def check_catalogs(catalogs: dict[str, Catalog], problems: Problems) -> None:
    """Every message translated (but English's), none fuzzy."""
    for catalog in catalogs.values():
        for message in catalog.messages:
            if not message.id:
                continue
            label = f"msgid '{message.id if isinstance(message.id, str) else message.id[0]}'"
            state = message_state(catalog, message)
            if state == "fuzzy":
                problems.error(catalog.path, message.lineno, label,
                               "translation is marked fuzzy: review it and remove the 'fuzzy' flag")
            elif state == "missing":
                problems.error(catalog.path, message.lineno, label,
                               f"missing {catalog.language} translation: fill in msgstr")


def _translated(string: str | tuple[str, ...]) -> bool:
    if isinstance(string, tuple):
        return all(part.strip() for part in string)
    return bool(string.strip())
