"""Gathering: every input is read before anything is checked, and what cannot be read is a
problem naming its file and line, never a traceback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.gather import gather
from generator.project import Project

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project_with(tmp_path, monkeypatch, fixture_seeds):
    """``project_with(mkdocs_yml)``: a project in ``tmp_path`` with this configuration, the
    fixture briefing and the real catalogs, run from ``tmp_path``."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SITE_URL", raising=False)

    def project(config: str | None) -> Project:
        if config is not None:
            (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
        return Project(root=tmp_path, seeds=fixture_seeds, locales=ROOT / "locales")

    return project


def test_the_project_is_read_whole(fixture_seeds, tmp_path, today):
    inputs = gather(Project(root=ROOT, seeds=fixture_seeds, build_dir=tmp_path / "build"), today)
    assert list(inputs.problems.items) == []
    assert inputs.languages == ["fr", "en"]
    assert [briefing.id for briefing in inputs.briefings] == ["acme-robotics"]
    assert sorted((page.key, page.language) for page in inputs.content) == [("method", "en"), ("method", "fr")]
    assert list(inputs.catalogs) == list(inputs.translations) == ["fr", "en"]
    assert inputs.translations["fr"].gettext("Watchlist") == "Veille"
    assert inputs.today == today
    assert inputs.config["theme"]["name"] == "material"


def test_the_reference_date_defaults_to_the_day_of_the_build(project_with):
    assert gather(project_with("site_name: x\n")).today == date.today()


def test_languages_come_from_extra_languages_default_first(project_with):
    assert gather(project_with("extra:\n  languages: [en, fr]\n")).languages == ["en", "fr"]
    assert gather(project_with("site_name: x\n")).languages == ["en"]


def test_a_missing_configuration_is_a_problem(project_with):
    inputs = gather(project_with(None))
    assert [str(p) for p in inputs.problems.sorted()] == [
        "mkdocs.yml:1: (file): cannot read the configuration: No such file or directory"]
    assert inputs.config == {}


def test_a_configuration_that_is_not_a_mapping_is_a_problem(project_with):
    inputs = gather(project_with("- site_name\n- x\n"))
    assert [str(p) for p in inputs.problems.sorted()] == ["mkdocs.yml:1: (file): expected a mapping of MkDocs settings"]


def test_a_malformed_configuration_is_a_problem_at_its_line(project_with):
    inputs = gather(project_with("site_name: x\nextra:\n  languages: [fr, en\nplugins: []\n"))
    [problem] = inputs.problems.sorted()
    assert (problem.path, problem.line, problem.field) == ("mkdocs.yml", 4, "(yaml)")
    assert problem.message.startswith("YAML syntax error: ")


def test_the_base_url_is_the_argument_then_site_url_env_then_the_configuration(project_with, monkeypatch):
    inputs = gather(project_with("site_url: https://config.example/docs\n"))
    assert inputs.base_url() == "https://config.example/docs/"
    monkeypatch.setenv("SITE_URL", "https://env.example/repo")
    assert inputs.base_url() == "https://env.example/repo/"
    assert inputs.base_url("https://cli.example/") == "https://cli.example/"
    monkeypatch.delenv("SITE_URL")
    assert gather(project_with("site_name: x\n")).base_url() == "http://127.0.0.1:8000/"


def test_env_tags_of_the_configuration_are_resolved(project_with, monkeypatch):
    project = project_with("site_url: !ENV [SITE_URL, 'https://default.example/']\n")
    assert gather(project).config["site_url"] == "https://default.example/"
    monkeypatch.setenv("SITE_URL", "https://env.example/")
    assert gather(project).config["site_url"] == "https://env.example/"
