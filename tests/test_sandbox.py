"""Editors' pages run in Jinja's sandbox: the known escapes are refused with the page's file and
line, bombs are stopped, and ``include``/``import`` read editors' pages only."""

from __future__ import annotations

import textwrap

import pytest

from generator import render
from generator.problems import BuildError
from generator.project import Project
from generator.site import build

ATTACKS = {
    # Attribute walks to Python's internals.
    "class-walk": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals-of-a-helper": "{{ fact.__globals__ }}",
    "globals-of-a-builtin": "{{ cycler.__init__.__globals__.os }}",
    "lipsum-globals": "{{ lipsum.__globals__['os'].system('true') }}",
    "tuple-class": "{{ ().__class__.__base__ }}",
    "attr-filter": "{{ ''|attr('__class__') }}",
    # Format strings reaching attributes.
    "format-method": "{{ '{0.__class__.__base__}'.format(1) }}",
    "format-map": "{{ '{x.__class__}'.format_map({'x': 1}) }}",
    # The data changed under later pages (and, in the preview, later builds).
    "mutate-facts": "{{ briefing.facts.pop() }}",
    "mutate-text": "{{ briefing.briefing.title.root.update(en='x') }}",
    # Bombs.
    "range-bomb": "{{ range(10 ** 9) | list | length }}",
    "string-bomb": "{{ 'a' * 10 ** 10 }}",
    "list-bomb": "{{ [0] * 100000000 }}",
    "power-bomb": "{{ 10 ** (10 ** 10) }}",
    "output-bomb": "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
    "time-bomb": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    # Files outside content/.
    "include-template": "{% include 'pages/home.md.j2' %}",
    "include-parent": "{% include '../mkdocs.yml' %}",
    "include-absolute": "{% include '/etc/passwd' %}",
    "import-theme": "{% import 'theme/main.html' as theme %}",
    "extends-theme": "{% extends 'theme/main.html' %}",
    # An editor's mistake is an error at its line, not a traceback.
    "division": "{{ 1 / 0 }}",
}
LINE = 6
"""The line of each attack in its page (after four lines of front matter and a heading)."""


@pytest.fixture(scope="module")
def refused(tmp_path_factory, copy_project, today):
    """The problems of a build of the fixture briefing with one page per attack, in each language."""
    project = copy_project(tmp_path_factory.mktemp("sandbox"))
    for name, attack in ATTACKS.items():
        for language in ("fr", "en"):
            (project / "content" / f"{name}.{language}.md").write_text(textwrap.dedent(f"""\
                ---
                title: {name}
                description: An attack
                ---
                # {name}
                {attack}
                """), encoding="utf-8")
    limit = pytest.MonkeyPatch()
    limit.setattr(render, "MAX_RENDER_SECONDS", 0.5)  # the time bomb's guard, shortened for the test
    try:
        with pytest.raises(BuildError) as failed:
            build(Project(root=project, build_dir=project / ".build", site_dir=project / "site"), today=today)
    finally:
        limit.undo()
    assert not (project / "site").exists()
    return {(problem.path, problem.line): problem.message for problem in failed.value.problems.items}, project


@pytest.mark.parametrize("name", ATTACKS)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_escape_or_a_bomb_is_refused_at_its_page_and_line(refused, name, language):
    problems, project = refused
    path = str(project / "content" / f"{name}.{language}.md")
    assert (path, LINE) in problems, sorted(problems)


def test_nothing_but_the_attacks_failed(refused):
    problems, project = refused
    assert {path for path, _ in problems} == {str(project / "content" / f"{name}.{language}.md")
                                              for name in ATTACKS for language in ("fr", "en")}


@pytest.mark.parametrize("name, says", [
    ("class-walk", "unsafe"), ("format-method", "unsafe"), ("range-bomb", "range too big"),
    ("string-bomb", "at most 1,000,000"), ("power-bomb", "bits"), ("output-bomb", "characters"),
    ("time-bomb", "to render"), ("include-parent", "../mkdocs.yml"), ("include-template", "pages/home.md.j2"),
    ("division", "ZeroDivisionError"),
])
def test_the_message_says_what_was_refused(refused, name, says):
    problems, project = refused
    assert says.lower() in problems[(str(project / "content" / f"{name}.fr.md"), LINE)].lower()
