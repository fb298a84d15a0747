"""Translations kept in step, as an editor meets them: ``briefing check`` warns about a text
whose counterpart changed since it was last confirmed, ``briefing translations confirm`` records
the review, ``briefing translations status`` counts each language's texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
LABEL = "    label: {fr: Montant levé, en: Amount raised}\n"


@pytest.fixture
def project(tmp_path, seeds_in):
    """The minimal briefing in a project of its own (using the repository's catalogs), every
    text confirmed; ``project.run(*args)`` runs the ``briefing`` command in it."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nextra:\n  languages: [fr, en]\n"
        f"  briefing:\n    locales: ['{ROOT / 'locales'}']\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    for language, body in (("fr", "Texte de la page."), ("en", "The page's text.")):
        (tmp_path / "content" / f"about.{language}.md").write_text(
            f"---\ntitle: T\ndescription: D\n---\n\n{body}\n", encoding="utf-8")
    seeds_in()

    class Project:
        root = tmp_path
        facts = tmp_path / "seeds" / "mini" / "facts.yaml"
        record = tmp_path / "seeds" / "translations.yaml"

        @staticmethod
        def run(*args: str, code: int = 0):
            result = CliRunner().invoke(main, list(args), catch_exceptions=False)
            assert result.exit_code == code, result.output
            return result

        @staticmethod
        def replace(path: Path, old: str, new: str) -> None:
            text = path.read_text(encoding="utf-8")
            assert text.count(old) == 1, f"{old!r} not once in {path}"
            path.write_text(text.replace(old, new), encoding="utf-8")

        @classmethod
        def warnings(cls) -> list[str]:
            output = cls.run("check").stderr
            return [line for line in output.splitlines() if "last confirmed" in line]

        @classmethod
        def status(cls) -> dict[str, list[int]]:
            lines = cls.run("translations", "status").output.splitlines()
            rows = lines[2:lines.index("interface strings")]
            return {row.split()[0]: [int(cell) for cell in row.split()[1:]] for row in rows}

    assert LABEL in Project.facts.read_text(encoding="utf-8")
    Project.run("translations", "confirm", "--all")
    return Project


def test_nothing_is_stale_once_every_text_is_confirmed(project):
    assert project.warnings() == []
    status = project.status()
    assert status["fr"] == status["en"] and status["fr"][1:] == [0, 0, 0] and status["fr"][0] > 10
    # Hashes only: no text of the seeds is copied into the record.
    assert "Montant levé" not in project.record.read_text(encoding="utf-8")


def test_a_french_change_makes_the_english_stale_naming_both_fields(project):
    project.replace(project.facts, LABEL, "    label: {fr: Montant total levé, en: Amount raised}\n")
    line = project.facts.read_text(encoding="utf-8").splitlines().index(LABEL.replace("Montant", "Montant total").rstrip()) + 1
    assert project.warnings() == [
        f"seeds/mini/facts.yaml:{line}: facts[deal.amount].label.en: warning: the French text changed since "
        f"the English was last confirmed (facts[deal.amount].label.fr, line {line}): update it if needed, "
        "then `briefing translations confirm 'facts[deal.amount].label'`"]
    assert project.status()["en"][1] == 1 and project.status()["fr"][2] == 1
    project.run("check", "--strict", code=1)


def test_an_english_change_makes_the_french_stale(project):
    project.replace(project.facts, LABEL, "    label: {fr: Montant levé, en: Money raised}\n")
    [warning] = project.warnings()
    assert "facts[deal.amount].label.fr: warning: the English text changed since the French was last confirmed" in warning


def test_both_sides_changed_is_not_stale_but_awaits_confirmation(project):
    project.replace(project.facts, LABEL, "    label: {fr: Montant total levé, en: Total raised}\n")
    assert project.warnings() == []
    assert project.status()["fr"][2] == project.status()["en"][2] == 1  # unconfirmed
    project.run("translations", "confirm", "deal.amount")
    assert project.status()["fr"][2] == 0


def test_confirming_one_text_clears_its_warning_and_no_other(project):
    project.replace(project.facts, LABEL, "    label: {fr: Montant total levé, en: Amount raised}\n")
    project.replace(project.root / "content" / "about.en.md", "The page's text.", "The page's new text.")
    assert len(project.warnings()) == 2
    project.run("translations", "confirm", "facts[deal.amount].label")
    [left] = project.warnings()
    assert left.startswith("content/about.fr.md:6: about.fr.md (body): warning: the English text changed")


def test_a_new_text_is_unconfirmed_and_a_removed_one_is_forgotten_by_confirm_all(project):
    facts = project.facts.read_text(encoding="utf-8")
    project.facts.write_text(facts + "    note: {fr: Une note., en: A note.}\n", encoding="utf-8")
    assert project.warnings() == []
    assert project.status()["fr"][2] == 1
    project.facts.write_text(facts, encoding="utf-8")
    project.run("translations", "confirm", "deal.amount")
    assert "note" not in project.record.read_text(encoding="utf-8")
    (project.root / "content" / "about.fr.md").unlink()
    (project.root / "content" / "about.en.md").unlink()
    assert "1 confirmation of texts that no longer exist" in project.run("translations", "status").output
    project.run("translations", "confirm", "--all")
    assert "about" not in project.record.read_text(encoding="utf-8")


def test_a_renamed_id_keeps_its_confirmation(project):
    for path in sorted((project.root / "seeds" / "mini").glob("*.yaml")):
        path.write_text(path.read_text(encoding="utf-8").replace("deal.amount", "deal.size"), encoding="utf-8")
    assert project.status()["fr"][1:] == [0, 0, 0]
    # Confirming everything moves the record to the new id; edits are then compared with it.
    project.run("translations", "confirm", "--all")
    assert "deal.amount" not in project.record.read_text(encoding="utf-8")
    project.replace(project.facts, LABEL, "    label: {fr: Montant total levé, en: Amount raised}\n")
    assert [w for w in project.warnings() if "facts[deal.size].label.en" in w]


def test_rewrapping_a_text_changes_nothing(project):
    project.replace(project.root / "content" / "about.fr.md", "Texte de la page.", "Texte de\nla   page.")
    assert project.warnings() == []


def test_with_three_languages_one_change_makes_both_others_stale(project):
    config = project.root / "mkdocs.yml"
    project.replace(config, "[fr, en]", "[fr, en, de]")
    for path in (project.root / "seeds" / "mini").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("fr: ", "de: Deutsch, fr: ").replace("languages: [fr, en]", "languages: [fr, en, de]"),
                        encoding="utf-8")
    (project.root / "content" / "about.de.md").write_text("---\ntitle: T\ndescription: D\n---\n\nText.\n")
    # German has no catalog in the repository: status and confirm read the seeds anyway.
    (project.root / "locales" / "de" / "LC_MESSAGES").mkdir(parents=True)
    (project.root / "locales" / "de" / "LC_MESSAGES" / "messages.po").write_text('msgid ""\nmsgstr ""\n')
    project.replace(config, f"['{ROOT / 'locales'}']", f"[locales, '{ROOT / 'locales'}']")
    assert project.status()["de"][2] > 10  # German never confirmed: unconfirmed, nothing stale
    project.run("translations", "confirm", "--all")
    project.replace(project.facts, "fr: Montant levé, en: Amount raised", "fr: Montant total levé, en: Amount raised")
    stale = sorted(w.split(": ")[1] for w in project.warnings())
    assert stale == ["facts[deal.amount].label.de", "facts[deal.amount].label.en"]


def test_confirm_names_what_it_does_not_know_and_needs_a_choice(project):
    result = project.run("translations", "confirm", "deal.amont", code=1)
    assert "'deal.amont' names no text; did you mean 'deal.amount'?" in result.output
    assert "--all" in project.run("translations", "confirm", code=2).output


def test_a_damaged_record_is_an_error_with_its_line(project):
    project.record.write_text("briefings/mini:\n  key: [unclosed\n", encoding="utf-8")
    assert "seeds/translations.yaml:3: (file): unreadable confirmations" in project.run("check", code=1).stderr


def test_every_kind_of_text_is_followed_an_event_summary_and_an_indicator_reading(project):
    events = project.root / "seeds" / "mini" / "events.yaml"
    project.replace(events, "fr: Mini Corp lève des fonds.", "fr: Mini Corp lève de l'argent.")
    watchlist = project.root / "seeds" / "mini" / "watchlist.yaml"
    text = watchlist.read_text(encoding="utf-8")
    watchlist.write_text(text.replace("reading: {fr: Lecture., en: Reading.}", "reading: {fr: Lecture., en: New reading.}", 1),
                         encoding="utf-8")
    fields = sorted(warning.split(": ")[1] for warning in project.warnings())
    assert fields == ["events[raise].summary.en", "watchlist[first].reading.fr"]


def test_status_counts_fuzzy_catalog_strings_as_stale(project):
    import shutil

    locales = project.root / "locales"
    for language in ("fr", "en"):
        shutil.copytree(ROOT / "locales" / language, locales / language)
    catalog = locales / "fr" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text(encoding="utf-8")
    text = text.replace('#, python-format\nmsgid "%(kind)s', '#, fuzzy, python-format\nmsgid "%(kind)s', 1)
    # An untranslated plural counts as missing, like any other message.
    text = text.replace('msgstr[0] "La modification en détail"\nmsgstr[1] "Les %(num)d modifications"',
                        'msgstr[0] ""\nmsgstr[1] ""', 1)
    catalog.write_text(text, encoding="utf-8")
    project.replace(project.root / "mkdocs.yml", f"['{ROOT / 'locales'}']", "[locales]")
    lines = project.run("translations", "status").output.splitlines()
    french = lines[lines.index("interface strings") + 2].split()
    assert french[0] == "fr" and french[2:] == ["1", "1"]


def test_a_build_reuses_a_briefings_checks_only_while_its_confirmations_are_the_same(project, tmp_path):
    """The build cache keeps a briefing's checks, translations' included: confirming its texts
    (seeds/translations.yaml alone changes) must not leave a cached warning behind."""
    from generator.cache import Cache
    from generator.check import check
    from generator.gather import gather
    from generator.project import Project

    def warnings(cache: Cache) -> list[str]:
        inputs = gather(Project.configured(project.root / "mkdocs.yml"), None, cache)
        return [problem.message for problem in check(inputs, cache=cache).warnings if "last confirmed" in problem.message]

    cache = Cache(tmp_path / "cache")
    project.replace(project.facts, LABEL, "    label: {fr: Montant total levé, en: Amount raised}\n")
    assert len(warnings(cache)) == 1
    assert len(warnings(cache)) == 1 and list((tmp_path / "cache" / "check").rglob("*"))  # from the cache
    project.run("translations", "confirm", "facts[deal.amount].label")
    assert warnings(cache) == []
    project.replace(project.record, project.record.read_text(encoding="utf-8"), "{}\n")  # nothing confirmed
    assert warnings(cache) == []
