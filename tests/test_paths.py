"""Addresses and files an editor cannot give: a slug or id that would leave its folder, take a
name the site uses for itself or another page's address, and links out of the project."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from generator.check import check
from generator.gather import gather
from generator.problems import BuildError
from generator.project import Project


def problems_of(project: Path, today) -> list[str]:
    """What ``briefing check`` says about ``project``, each problem as printed."""
    inputs = gather(Project(root=project, build_dir=project / ".build"), today)
    with pytest.raises(BuildError) as failed:
        check(inputs)
    return [str(problem) for problem in failed.value.problems.errors]


def page(project: Path, name: str, slug: str, languages=("fr", "en")) -> None:
    for language in languages:
        (project / "content" / f"{name}.{language}.md").write_text(textwrap.dedent(f"""\
            ---
            title: {name}
            description: A page
            slug: "{slug}"
            ---
            Text.
            """), encoding="utf-8")


@pytest.mark.parametrize("slug, language, says", [
    *((slug, "fr", "cannot be a page's address")
      for slug in ["../../outside", "a/b", "/etc/cron.d/x", "..", "with space", "x.html", ""]),
    *((slug, "en", "is a name the site uses") for slug in ["assets", "search", "data", "pdf", "pagefind", "en", "index"]),
])
def test_a_slug_that_is_not_a_plain_name_or_is_the_sites_own_is_refused_at_its_line(project_copy, today, slug,
                                                                                      language, says):
    page(project_copy, "notes", slug)
    problems = problems_of(project_copy, today)
    assert any(p.startswith(f"{project_copy}/content/notes.{language}.md:4: slug: '{slug}' {says}")
               for p in problems), problems


def test_a_file_name_used_as_address_follows_the_same_rules(project_copy, today):
    (project_copy / "content" / "assets.fr.md").write_text("---\ntitle: A\ndescription: B\n---\nx\n", encoding="utf-8")
    (project_copy / "content" / "assets.en.md").write_text("---\ntitle: A\ndescription: B\n---\nx\n", encoding="utf-8")
    problems = problems_of(project_copy, today)
    assert f"{project_copy}/content/assets.fr.md:1: (file): 'assets' is a name the site uses" in "\n".join(problems)


def test_two_pages_at_one_address_are_refused_naming_both(project_copy, today):
    page(project_copy, "notes", "methode", languages=("fr",))
    page(project_copy, "notes", "notes", languages=("en",))
    page(project_copy, "about", "profil", languages=("fr",))  # a briefing page's French address
    page(project_copy, "about", "about", languages=("en",))
    problems = problems_of(project_copy, today)
    assert f"{project_copy}/content/notes.fr.md:4: slug: '/methode/' is also the address of " \
           f"{project_copy}/content/method.fr.md:4: choose another" in problems
    assert any(p.startswith(f"{project_copy}/content/about.fr.md:4: slug: '/profil/' is also the address of ")
               and "briefing.yaml" in p for p in problems), problems


def test_a_briefing_folder_cannot_take_a_reserved_name(project_copy, today):
    second = project_copy / "seeds" / "search"
    shutil.copytree(project_copy / "seeds" / "acme-robotics", second)
    briefing = second / "briefing.yaml"
    briefing.write_text(briefing.read_text(encoding="utf-8").replace("id: acme-robotics", "id: search", 1),
                        encoding="utf-8")
    problems = problems_of(project_copy, today)
    assert any(p.startswith(f"{project_copy}/seeds/search/briefing.yaml:7: briefing.id: 'search' is a name")
               for p in problems), problems


@pytest.mark.parametrize("bad_id", ["../x", "a/b", "/abs", ".hidden", "Upper"])
def test_an_id_that_could_become_a_path_is_refused(project_copy, today, bad_id):
    briefing = project_copy / "seeds" / "acme-robotics" / "briefing.yaml"
    briefing.write_text(briefing.read_text(encoding="utf-8").replace("id: acme-robotics", f'id: "{bad_id}"', 1),
                        encoding="utf-8")
    problems = problems_of(project_copy, today)
    assert any(p.startswith(f"{project_copy}/seeds/acme-robotics/briefing.yaml:7: briefing.id:") for p in problems), \
        problems


def test_links_out_of_the_project_are_refused(project_copy, today, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "facts.yaml").write_text("facts: []\n", encoding="utf-8")
    (outside / "secret.fr.md").write_text("---\ntitle: S\ndescription: S\n---\nsecret\n", encoding="utf-8")
    (project_copy / "seeds" / "acme-robotics" / "more.yaml").symlink_to(outside / "facts.yaml")
    (project_copy / "content" / "secret.fr.md").symlink_to(outside / "secret.fr.md")
    shutil.copy(project_copy / "content" / "method.en.md", project_copy / "content" / "secret.en.md")
    problems = problems_of(project_copy, today)
    assert f"{project_copy}/seeds/acme-robotics/more.yaml:1: (file): a link to {outside}/facts.yaml, " \
           "outside the project: copy the file into the project instead" in problems
    assert f"{project_copy}/content/secret.fr.md:1: (file): a link to {outside}/secret.fr.md, " \
           "outside the project: copy the file into the project instead" in problems


def test_a_link_inside_the_project_is_read(project_copy, today):
    shared = project_copy / "shared"
    shared.mkdir()
    shutil.move(project_copy / "content" / "method.fr.md", shared / "method.fr.md")
    (project_copy / "content" / "method.fr.md").symlink_to(shared / "method.fr.md")
    inputs = gather(Project(root=project_copy, build_dir=project_copy / ".build"), today)
    check(inputs)
    assert any(page.key == "method" and page.language == "fr" for page in inputs.content)
