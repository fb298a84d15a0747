"""Read every briefing under ``seeds/``: its YAML files, merged, validated against the schema.

Problems are collected, never raised: a file that cannot be read, a key the schema does not
know, a value of the wrong type, each with file, line and field. Cross-record rules (references,
translations, checkpoints) are the check phase's (``consistency``).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .briefing import Briefing
from .loading import YamlFile, linked_outside, merge_sections, read_yaml
from .problems import Problems
from .schema_errors import describe, walk, without_echoes


def load_briefings(seeds: Path, problems: Problems, root: Path | None = None) -> list[Briefing]:
    """Every briefing folder under ``seeds`` the schema accepts, in folder order. A file that
    leads outside ``seeds`` and the project's ``root`` (by default the folder above) is refused."""
    folders = sorted(p for p in seeds.iterdir() if p.is_dir()) if seeds.is_dir() else []
    allowed = (seeds, root or seeds.parent)
    if not folders:
        problems.error(seeds, 1, "(folder)", "no briefing found: expected one folder of YAML "
                       "files per briefing (for example seeds/my-company/facts.yaml)")
    briefings = [briefing for folder in folders if (briefing := load_briefing(folder, problems, allowed))]
    ids: dict[str, Briefing] = {}
    for briefing in briefings:
        if briefing.id in ids:
            problems.error(briefing.briefing.file, briefing.briefing.line_of("id"), "briefing.id",
                           f"duplicate briefing id '{briefing.id}' (also in {ids[briefing.id].briefing.file})")
        ids[briefing.id] = briefing
    return briefings


def load_briefing(folder: Path, problems: Problems, allowed: tuple[Path, ...] = ()) -> Briefing | None:
    """Read, merge and validate one briefing folder; None when it cannot be read whole."""
    files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    if not files:
        problems.error(folder, 1, "(folder)", "no YAML file in this briefing folder")
        return None
    parsed = []
    for path in files:
        if reason := linked_outside(path, *(allowed or (folder,))):
            problems.error(path, 1, "(file)", reason)
            parsed.append(YamlFile(path, None))
        else:
            parsed.append(read_yaml(path, problems))
    unreadable = any(yaml_file.data is None for yaml_file in parsed)
    merged = merge_sections(parsed, problems)
    try:
        briefing = Briefing.model_validate(merged)
    except ValidationError as error:
        for item in without_echoes(error.errors(), merged):
            if unreadable and item["type"] == "missing" and len(item["loc"]) == 1:
                continue  # the section is most likely in the file that could not be read
            position = walk(merged, item["loc"])
            problems.error(position.file, position.line, position.field, describe(item, merged))
        return None
    # With a file unreadable, references to what it defines would all look broken.
    return None if unreadable else briefing
