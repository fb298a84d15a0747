"""One check: ``briefing check`` reports exactly what ``briefing build`` stops on before rendering,
for every kind of input the check phase covers: facts, editors' pages and the facts and pages
they name, catalogs, and the site's languages."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path, monkeypatch, fixture_seeds):
    """A small project in ``tmp_path`` (the fixture briefing, one editor's page, the catalogs, the
    configuration), run from there; ``project(path, text)`` rewrites one of its files."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(fixture_seeds, tmp_path / "seeds")
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    shutil.copyfile(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "templates").symlink_to(ROOT / "templates")
    for language, title in (("fr", "Note"), ("en", "Note")):
        write(tmp_path / "content" / f"note.{language}.md",
              f"---\ntitle: {title}\ndescription: Une note.\n---\n\nPrix : {{{{ fact(\"deal.amount\") }}}}\n")

    def change(path: str, text: str) -> None:
        write(tmp_path / path, textwrap.dedent(text))

    return change


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


PHASE_LINE = re.compile(r"^[a-z]+: (\d+ [a-z]+, )?\d+\.\d\d s$")
"""What a build prints of each phase in a log (``gather: 0.05 s``): not a problem."""


def problems(command: str, *args: str) -> list[str]:
    result = CliRunner().invoke(main, [command, "--today", "2030-12-31", *args])
    assert result.exit_code == 1, result.output
    return [line for line in result.stderr.splitlines() if not PHASE_LINE.match(line)]


BROKEN = {
    "a fact": ("seeds/acme-robotics/briefing.yaml", lambda text: text.replace("    - globex.stake\n", "    - globex.stak\n")),
    "front matter": ("content/note.en.md", lambda text: text.replace("title: Note\n", "")),
    "a page in one language only": ("content/note.en.md", None),
    "an unknown fact in a page": ("content/note.fr.md", lambda text: text.replace("deal.amount", "deal.amout")),
    "an unknown briefing in a page": ("content/note.fr.md", lambda text: text.replace("---\n\n", "briefing: nobody\n---\n\n")),
    "an unknown page in a page": ("content/note.fr.md", lambda text: text + "[Voir]({{ link('profil') }})\n"),
    "a template syntax error in a page": ("content/note.fr.md", lambda text: text + "{% if %}\n"),
    "a fuzzy catalog entry": ("locales/fr/LC_MESSAGES/messages.po",
                              lambda text: text.replace('msgid "Watchlist"', '#, fuzzy\nmsgid "Watchlist"', 1)),
    "a language the briefing lacks": ("mkdocs.yml", lambda text: text.replace("languages: [fr, en]", "languages: [fr, en, de]")),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_check_and_build_report_the_same_problems(project, tmp_path, case):
    path, breakage = BROKEN[case]
    if breakage is None:
        (tmp_path / path).unlink()
    else:
        project(path, breakage((tmp_path / path).read_text(encoding="utf-8")))
    checked = problems("check")
    built = problems("build", "--site-dir", "site")
    assert checked == built, case
    assert checked[-1].startswith("check: ") and len(checked) >= 2, checked
    assert not (tmp_path / "site").exists(), "nothing is built from inputs that fail the check"


def test_each_problem_of_a_project_names_its_file_line_and_field(project, tmp_path):
    project("content/note.fr.md", "---\ntitle: Note\ndescription: Une note.\nbriefing: acme\n---\n\n"
            "Prix : {{ fact('deal.amout') }}\n\n{{ fact('deal.amount', 'nobody') }}\n")
    project("content/note.en.md", "---\ntitle: Note\ndescription: A note.\n---\n\n"
            "Price: {{ fact('deal.amout') }} [profile]({{ link('profil') }})\n")
    assert problems("check") == [
        "content/note.en.md:6: fact(): unknown fact 'deal.amout' in briefing 'acme-robotics'; did you mean 'deal.amount'?",
        "content/note.en.md:6: link(): unknown page 'profil'; did you mean 'profile'?",
        "content/note.fr.md:1: briefing: unknown briefing 'acme' in the front matter (known: acme-robotics)",
        "check: 3 errors",
    ]
    project("content/note.fr.md", "---\ntitle: Note\ndescription: Une note.\n---\n\n"
            "{{ fact('deal.amount', 'nobody') }}\n\n{% for x in %}\n")
    assert problems("check")[:2] == [
        "content/note.en.md:6: fact(): unknown fact 'deal.amout' in briefing 'acme-robotics'; did you mean 'deal.amount'?",
        "content/note.en.md:6: link(): unknown page 'profil'; did you mean 'profile'?",
    ]
    assert problems("check")[2] == "content/note.fr.md:8: (template): template syntax error: Expected an expression, got 'end of statement block'"


def test_a_page_kind_alone_needs_the_pages_briefing(project, tmp_path, fixture_seeds):
    shutil.copytree(ROOT / "seeds" / "scale-ai", tmp_path / "seeds" / "scale-ai")  # two briefings now
    project("content/note.fr.md", "---\ntitle: Note\ndescription: Une note.\n---\n\n[Profil]({{ link('profile') }})\n")
    project("content/note.en.md", "---\ntitle: Note\ndescription: A note.\nbriefing: acme-robotics\n---\n\n"
            "[Profile]({{ link('profile') }})\n")
    errors = [line for line in problems("check") if ": warning: " not in line]  # Scale AI's past checkpoints
    assert errors == ["content/note.fr.md:6: link(): unknown page 'profile'; did you mean 'scale-ai/profile'?",
                      "check: 1 error"]
