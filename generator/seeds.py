"""Read every briefing under ``seeds/``: its YAML files, merged, validated against the schema.

Problems are collected, never raised: a file that cannot be read, a key the schema does not
know, a value of the wrong type, each with file, line and field. Cross-record rules (references,
translations, checkpoints) are the check phase's (``consistency``).
"""

from __future__ import annotations

import gc
import pickle
from pathlib import Path

from pydantic import ValidationError

from .briefing import Briefing
from .cache import Cache
from .loading import LineDict, YamlFile, read_yaml
from .problems import Problems
from .project import linked_outside, too_large
from .schema_errors import describe, walk, without_echoes


def load_briefings(seeds: Path, problems: Problems, root: Path | None = None,
                   cache: Cache | None = None) -> list[Briefing]:
    """Every briefing folder under ``seeds`` the schema accepts, in folder order. A file that
    leads outside ``seeds`` and the project's ``root`` (by default the folder above) is refused.
    With ``cache``, a briefing whose files did not change is read from it, already validated."""
    folders = sorted(p for p in seeds.iterdir() if p.is_dir()) if seeds.is_dir() else []
    allowed = (seeds, root or seeds.parent)
    if not folders:
        problems.error(seeds, 1, "(folder)", "no briefing found: expected one folder of YAML "
                       "files per briefing (for example seeds/my-company/facts.yaml)")
    briefings = [briefing for folder in folders if (briefing := load_briefing(folder, problems, allowed, cache))]
    ids: dict[str, Briefing] = {}
    for briefing in briefings:
        if briefing.id in ids:
            problems.error(briefing.briefing.file, briefing.briefing.line_of("id"), "briefing.id",
                           f"duplicate briefing id '{briefing.id}' (also in {ids[briefing.id].briefing.file})")
        ids[briefing.id] = briefing
    return briefings


def load_briefing(folder: Path, problems: Problems, allowed: tuple[Path, ...] = (),
                  cache: Cache | None = None) -> Briefing | None:
    """Read, merge and validate one briefing folder; None when it cannot be read whole.

    A briefing read without a problem is kept in ``cache`` (pickled), under the digest of its
    files' names and bytes: the next build with the same files unpickles it, ten times faster
    than parsing and validating it again."""
    files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    if not files:
        problems.error(folder, 1, "(folder)", "no YAML file in this briefing folder")
        return None
    refused = {path: reason for path in files if (reason := linked_outside(path, *(allowed or (folder,))))}
    key = _cache_key(cache, folder, files) if not refused else None
    if key and (stored := cache.recall("briefing", key, _unpickled)) is not None:
        return stored
    known = len(problems.items)
    briefing = _read(files, problems, refused)
    if key and briefing is not None and len(problems.items) == known:
        cache.put("briefing", key, pickle.dumps(briefing, protocol=pickle.HIGHEST_PROTOCOL))
    return briefing


def _unpickled(data: bytes) -> Briefing:
    """A pickled briefing, with the cyclic garbage collector paused: its tens of thousands of
    new objects would otherwise set it off several times for nothing (twice as slow)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if paused:
            gc.enable()


def _cache_key(cache: Cache | None, folder: Path, files: list[Path]) -> str | None:
    """The key of a briefing's files, or None without a cache. A file too large to read is not
    read for it: the briefing will not be kept."""
    if cache is None or not cache.enabled or any(too_large(path) for path in files):
        return None
    return cache.key("briefing", str(folder), *(part for path in files for part in (str(path), path.read_bytes())))


def _read(files: list[Path], problems: Problems, refused: dict[Path, str]) -> Briefing | None:
    """Parse, merge and validate a briefing's files; ``refused`` ones are reported, not read."""
    parsed = []
    for path in files:
        if path in refused:
            problems.error(path, 1, "(file)", refused[path])
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


LIST_SECTIONS = ("sources", "facts", "conflicts", "corrections", "events", "watchlist", "updates")
MAPPING_SECTIONS = ("briefing", "profile")


def merge_sections(files: list[YamlFile], problems: Problems) -> LineDict:
    """Merge the top-level sections of a briefing's files into one mapping.

    A briefing may split its data over several files: list sections (``facts``, ``events``...)
    are concatenated in file-name order; a mapping section (``briefing``, ``profile``) must be
    given once. Unknown sections are reported with a suggestion.
    """
    from difflib import get_close_matches

    merged = LineDict()
    merged.file, merged.line, merged.key_lines = (str(files[0].path) if files else ""), 1, {}
    merged.key_files = {}
    origin: dict[str, tuple[str, int]] = {}
    for yaml_file in files:
        data = yaml_file.data
        if data is None:
            continue
        for key, value in data.items():
            line = data.key_lines[key]
            if key not in LIST_SECTIONS + MAPPING_SECTIONS:
                hint = get_close_matches(str(key), LIST_SECTIONS + MAPPING_SECTIONS, n=1)
                suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
                problems.error(yaml_file.path, line, str(key),
                               f"unknown section '{key}' (expected one of: "
                               f"{', '.join(MAPPING_SECTIONS + LIST_SECTIONS)}){suggestion}")
                continue
            if key in MAPPING_SECTIONS and key in merged:
                first_file, first_line = origin[key]
                problems.error(yaml_file.path, line, str(key),
                               f"section '{key}' is already given at {first_file}:{first_line}")
                continue
            if key in LIST_SECTIONS and key in merged:
                if isinstance(value, list) and isinstance(merged[key], list):
                    merged[key].extend(value)
                    merged[key].item_lines.extend(value.item_lines)
                    merged[key].item_files.extend(value.item_files)
                    continue
            merged[key] = value
            origin[key] = (str(yaml_file.path), line)
            merged.key_lines[key] = line
            merged.key_files[key] = str(yaml_file.path)
    return merged
