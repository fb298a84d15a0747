"""Interface strings: the committed catalog template is current and every language is translated."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from generator.catalogs import SOURCE_LANGUAGE, check_catalogs, read_catalogs
from generator.problems import Problems

ROOT = Path(__file__).resolve().parent.parent
FIX = "run `make locale-update`, translate the new messages, and commit locales/"


def message_ids(path: Path) -> set[tuple[str | None, str]]:
    with path.open("rb") as handle:
        return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(handle) if m.id}


def test_the_committed_template_matches_the_code_and_templates(tmp_path):
    fresh = tmp_path / "messages.pot"
    # The Makefile's own command, written elsewhere: the test cannot drift from it.
    subprocess.run(["make", "--no-print-directory", "-s", "locale-extract", f"POT={fresh}",
                    f"BIN={Path(sys.executable).parent}", "STAMP="], cwd=ROOT, check=True, capture_output=True)
    committed = message_ids(ROOT / "locales" / "messages.pot")
    assert message_ids(fresh) == committed, f"locales/messages.pot is stale: {FIX}"


def test_every_language_has_every_message_translated(tmp_path):
    template = message_ids(ROOT / "locales" / "messages.pot")
    languages = sorted(p.name for p in (ROOT / "locales").iterdir() if p.is_dir())
    assert "fr" in languages and SOURCE_LANGUAGE in languages
    for language in languages:
        catalog = ROOT / "locales" / language / "LC_MESSAGES" / "messages.po"
        assert message_ids(catalog) == template, f"{catalog} is out of date: {FIX}"
    problems = Problems()
    check_catalogs(read_catalogs((ROOT / "locales",), languages, problems), problems)
    assert not problems, [str(p) for p in problems.items]


def test_an_untranslated_or_fuzzy_message_is_an_error_naming_its_line(tmp_path):
    locales = tmp_path / "locales"
    catalog = locales / "fr" / "LC_MESSAGES" / "messages.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text('msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "Sources"\nmsgstr ""\n\n'
                       '#, fuzzy\nmsgid "Watchlist"\nmsgstr "Veille"\n', encoding="utf-8")
    problems = Problems()
    check_catalogs(read_catalogs((locales,), ["fr"], problems), problems)
    assert [str(p).replace(str(tmp_path) + "/", "") for p in problems.sorted()] == [
        "locales/fr/LC_MESSAGES/messages.po:5: msgid 'Sources': missing fr translation: fill in msgstr",
        "locales/fr/LC_MESSAGES/messages.po:9: msgid 'Watchlist': translation is marked fuzzy: "
        "review it and remove the 'fuzzy' flag",
    ]
