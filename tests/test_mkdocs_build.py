"""Building with MkDocs: strictly, each warning collected and reported against the template or
content page the offending Markdown was rendered from."""

from __future__ import annotations

import logging

import pytest

from generator import mkdocs_build
from generator.assemble import LanguageBuild
from generator.mkdocs_build import build_language, build_with_mkdocs, locate_message
from generator.problems import BuildError

BROKEN_LINK = ("Doc file 'index.md' contains a link 'missing.md#part', but the target 'missing.md' is not found "
               "among documentation files.")


@pytest.fixture(autouse=True)
def mkdocs_logger():
    """``build_language`` quiets MkDocs' logger in the process it runs in; give it back to pytest."""
    logger = logging.getLogger("mkdocs")
    saved = logger.level, logger.propagate
    yield
    logger.setLevel(saved[0])
    logger.propagate = saved[1]


@pytest.fixture(scope="module")
def tiny_build(tmp_path_factory):
    """One real MkDocs build of a one-page project whose page links to a page that does not exist."""
    folder = tmp_path_factory.mktemp("tiny") / "en"
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(f"site_name: Tiny\ntheme: mkdocs\nstrict: true\nsite_dir: {folder / 'site'}\n",
                                       encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# Tiny\n\nSee [the missing page](missing.md#part).\n", encoding="utf-8")
    logger = logging.getLogger("mkdocs")
    saved = logger.level, logger.propagate
    try:
        return folder, build_language(LanguageBuild("en", folder / "mkdocs.yml", {}))
    finally:
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


def test_a_build_collects_mkdocs_warnings_and_fails_in_strict_mode(tiny_build):
    folder, outcome = tiny_build
    # The warning is the only message: MkDocs' own "Aborted with 1 warnings in strict mode!" is not one.
    assert (outcome.language, outcome.messages, outcome.ok) == ("en", [BROKEN_LINK], False)


def test_a_configuration_mkdocs_cannot_read_is_a_failed_build_with_its_message(tmp_path):
    outcome = build_language(LanguageBuild("fr", tmp_path / "fr" / "mkdocs.yml", {}))
    assert (outcome.language, outcome.ok) == ("fr", False)
    assert outcome.messages == [f"Config file '{tmp_path / 'fr' / 'mkdocs.yml'}' does not exist."]


def test_a_warning_about_a_generated_page_names_the_line_of_its_source(tmp_path):
    template = tmp_path / "templates" / "pages" / "home.md.j2"
    template.parent.mkdir(parents=True)
    template.write_text("# {{ title }}\n\nIntro.\n\nSee [it]({{ 'missing.md' }}#part).\n", encoding="utf-8")
    sources = {"index.md": str(template)}
    assert locate_message(BROKEN_LINK, sources, tmp_path / "mkdocs.yml") == (str(template), 5)
    unrecognized = "Doc file 'index.md' contains an unrecognized relative link 'Intro', it was left as is."
    assert locate_message(unrecognized, sources, tmp_path / "mkdocs.yml") == (str(template), 3)


def test_a_warning_that_names_no_generated_page_points_at_the_configuration(tmp_path):
    fallback = tmp_path / "mkdocs.yml"
    assert locate_message("Config value 'theme': Unrecognised theme name", {}, fallback) == (str(fallback), 1)
    assert locate_message(BROKEN_LINK, {"other.md": "x"}, fallback) == (str(fallback), 1)
    gone = tmp_path / "gone.md.j2"
    assert locate_message(BROKEN_LINK, {"index.md": str(gone)}, fallback) == (str(gone), 1)


def test_every_failed_language_is_reported_at_once(tiny_build, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder, outcome = tiny_build
    # The English build is the one above (MkDocs runs once in this module); the French
    # configuration does not exist.
    real = mkdocs_build.build_language
    monkeypatch.setattr(mkdocs_build, "build_language",
                        lambda build, incremental, search: outcome if build.config_file == folder / "mkdocs.yml" else real(build))
    page = tmp_path / "content" / "note.en.md"
    page.parent.mkdir()
    page.write_text("---\ntitle: Note\n---\n\nSee [it](missing.md#part).\n", encoding="utf-8")
    builds = [LanguageBuild("fr", tmp_path / "fr" / "mkdocs.yml", {}),
              LanguageBuild("en", folder / "mkdocs.yml", {"index.md": str(page)})]
    ran = []
    with pytest.raises(BuildError) as raised:
        build_with_mkdocs(builds, tmp_path / "mkdocs.yml", meanwhile=lambda: ran.append("pdf"))
    assert ran == ["pdf"]
    assert raised.value.report().splitlines() == [
        f"content/note.en.md:5: mkdocs (en): {BROKEN_LINK}",
        # Not about a generated page: reported against the project's configuration.
        f"mkdocs.yml:1: mkdocs (fr): Config file '{tmp_path / 'fr' / 'mkdocs.yml'}' does not exist.",
        "build: 2 errors",
    ]


def test_without_warnings_the_result_of_the_work_done_meanwhile_is_returned(tmp_path):
    pdfs = {"pdf/x.pdf": b"%PDF"}
    assert build_with_mkdocs([], tmp_path / "mkdocs.yml", meanwhile=lambda: pdfs) is pdfs



def test_workers_are_forked_from_a_server_that_imported_mkdocs_not_from_the_build():
    """They start with MkDocs, Material and the plugin imported once, in a server process, and
    without what the build process holds (its rendered pages): a large build's memory stays its own."""
    import os

    import psutil

    with mkdocs_build.Workers(count=1) as workers:
        parent = workers.pool.submit(os.getppid).result(timeout=60)
        server = psutil.Process(parent).cmdline()
    assert parent != os.getpid(), "a worker forked from the build process inherits its memory"
    assert any("forkserver" in part for part in server), server
    assert all(module in " ".join(server) for module in mkdocs_build.PRELOAD), server
