"""A project's folders: the repository layout beside ``root`` by default, explicit paths as given."""

from __future__ import annotations

from pathlib import Path

from generator.project import Project


def test_every_folder_defaults_to_the_repository_layout_beside_the_root(tmp_path):
    project = Project(root=tmp_path / "site-project" / ".." / "site-project")
    root = (tmp_path / "site-project").resolve()
    assert project.root == root
    assert (project.config_file, project.seeds, project.content, project.templates, project.locales,
            project.build_dir, project.site_dir) == (
        root / "mkdocs.yml", root / "seeds", root / "content", root / "templates", root / "locales",
        root / ".build", root / "site")


def test_the_default_root_is_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    project = Project()
    assert project.root == tmp_path.resolve()
    assert project.seeds == tmp_path.resolve() / "seeds"


def test_an_explicit_path_is_resolved_as_given_not_below_the_root(tmp_path, monkeypatch):
    # Explicit paths come from the command line, where an editor types them relative to the
    # working folder; only the defaults are relative to the root.
    monkeypatch.chdir(tmp_path)
    project = Project(root=Path("elsewhere"), seeds=Path("my-seeds"), site_dir=tmp_path / "out" / ".." / "www")
    assert project.seeds == tmp_path.resolve() / "my-seeds"
    assert project.site_dir == tmp_path.resolve() / "www"
    assert project.content == tmp_path.resolve() / "elsewhere" / "content"
    assert all(isinstance(getattr(project, name), Path) and getattr(project, name).is_absolute()
               for name in ("config_file", "seeds", "content", "templates", "locales", "build_dir", "site_dir"))
