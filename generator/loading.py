"""Read a briefing's YAML files, keeping the line of every mapping, key and list item.

YAML 1.1 surprises are handled deliberately rather than left to PyYAML's defaults:

* only ``true`` and ``false`` are booleans; ``yes``, ``no``, ``on`` and ``off`` stay text
  (a country code ``no`` or a key ``on`` must not become ``False``/``True``);
* unquoted dates are *not* turned into ``datetime.date``: they stay text and are parsed by
  the schema, which also accepts partial dates (``2017``, ``2025-06``, ``2017-summer``);
* a key given twice in one mapping is an error instead of silently keeping the last value.

Limits keep a hostile or broken file from hanging the build or exhausting memory, each reported
at its line: a file of more than ``project.MAX_FILE_BYTES``, nesting deeper than ``MAX_DEPTH``, and any
alias (``*name``), which would let a few lines expand into millions of values ("billion
laughs") and would give the repeated values the line of their anchor rather than their own.
Explicit tags (``!!float``, ``!custom``) are refused too, as the schema gives every value its
type, and so are Unicode direction overrides (U+202A-U+202E), which would let a text show
readers something other than what editors reviewed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import Problems, type_name
from .project import too_large


MAX_DEPTH = 50
"""The deepest nesting of mappings and lists (a briefing's data goes about six levels deep)."""


class LineDict(dict):
    """A mapping that remembers its file, its own line and the line of each key."""

    file: str = ""
    line: int = 0
    key_lines: dict[Any, int]
    key_files: dict[Any, str] = {}
    """Only for a briefing's merged sections, which come from several files: each key's file."""

    def file_of(self, key: Any) -> str:
        """The file ``key`` was written in (a merged mapping's keys come from several files)."""
        return self.key_files.get(key, self.file)


class LineList(list):
    """A sequence that remembers its file, its own line and the line of each item."""

    file: str = ""
    line: int = 0
    item_lines: list[int]
    item_files: list[str]
    """The file of each item (a merged list section's items come from several files)."""


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-style booleans, no implicit timestamps, and positions kept."""

    file = ""
    duplicates: list[tuple[LineDict, Any, int]]
    """Keys given twice: the mapping, the key, and the line of the second one."""


# Start from SafeLoader's resolvers, minus the YAML 1.1 booleans and timestamps.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _construct_mapping(loader: _Loader, node: yaml.MappingNode):
    data = LineDict()
    data.file, data.line, data.key_lines = loader.file, node.start_mark.line + 1, {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be plain text", key_node.start_mark)
        if key in data.key_lines:
            loader.duplicates.append((data, key, key_node.start_mark.line + 1))
            continue  # keep the first value; the second one is reported as an error
        data.key_lines[key] = key_node.start_mark.line + 1
        data[key] = loader.construct_object(value_node, deep=True)


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode):
    data = LineList()
    data.file, data.line = loader.file, node.start_mark.line + 1
    data.item_lines = [child.start_mark.line + 1 for child in node.value]
    data.item_files = [loader.file] * len(node.value)
    yield data
    data.extend(loader.construct_object(child, deep=True) for child in node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)

if hasattr(yaml, "CSafeLoader"):
    class _FastLoader(yaml.CSafeLoader):  # type: ignore[misc, name-defined]
        """The same loader on libyaml's parser, several times faster on large files.

        Its syntax errors are terser than PyYAML's, so a file that fails is parsed again by
        ``_Loader`` to report PyYAML's message.
        """

        file = ""
        duplicates: list[tuple[LineDict, Any, int]]
        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
        yaml_constructors = {**yaml.CSafeLoader.yaml_constructors,
                             "tag:yaml.org,2002:map": _construct_mapping,
                             "tag:yaml.org,2002:seq": _construct_sequence}
else:  # pragma: no cover - PyYAML without libyaml
    _FastLoader = _Loader


class _PlainLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader on libyaml's parser, with the same booleans and no implicit dates as ``_Loader``."""

    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


class _PlainPyLoader(yaml.SafeLoader):
    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def safe_load(text: str) -> Any:
    """Like ``yaml.safe_load``, for files without line-keeping (a page's front matter, the
    confirmations), with the loader's rules: only ``true``/``false`` are booleans and a date stays
    text (``2025-13-45`` is not a crash). Parsed by libyaml; a file that fails is read again by
    PyYAML, for its clearer message."""
    try:
        return yaml.load(text, Loader=_PlainLoader)
    except yaml.YAMLError:
        return yaml.load(text, Loader=_PlainPyLoader)


def _parse(text: str, path: Path, loader_class) -> tuple[Any, list]:
    loader = loader_class(text)
    loader.file, loader.duplicates = str(path), []
    try:
        return loader.get_single_data(), loader.duplicates
    finally:
        loader.dispose()


@dataclass
class YamlFile:
    """One parsed YAML file: its path and its top-level mapping (``None`` when unreadable)."""

    path: Path
    data: LineDict | None


_DIRECTION_OVERRIDE = re.compile("[\u202a-\u202e]")
"""Embeddings and overrides (LRE, RLE, PDF, LRO, RLO), which can make text read in another order
than it is written; the isolates (U+2066-U+2069) and the marks (U+200E, U+200F) stay allowed."""


def shape_problem(text: str) -> tuple[int, str] | None:
    """The first line at which ``text`` goes beyond what is accepted, and why: a Unicode direction
    override, nesting deeper than ``MAX_DEPTH``, an alias, an explicit tag (``!!float``,
    ``!custom``: the schema types every value; a tag could only build values it does not expect).

    It reads the parser's events, without building anything, so a 10,000-deep nesting or an
    alias bomb costs no more than its length. Text that does not parse is left to the loader,
    which reports the syntax error.
    """
    if override := _DIRECTION_OVERRIDE.search(text):
        return text.count("\n", 0, override.start()) + 1, (
            f"Unicode direction control U+{ord(override.group()):04X} would reorder the text readers see "
            "(it is invisible): remove it")
    events = _FastLoader(text)
    depth = 0
    try:
        while events.check_event():
            event = events.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1, f"nesting deeper than {MAX_DEPTH} levels"
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            if getattr(event, "tag", None) is not None:
                tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                return event.start_mark.line + 1, (
                    f"YAML tag '{tag}': tags are not accepted; write the value plainly (in quotes to make it text)")
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 1, (
                    f"alias '*{event.anchor}': anchors and aliases are not accepted; write the value "
                    "out where it applies, so that it has its own line")
    except yaml.YAMLError:
        return None
    finally:
        events.dispose()
    return None


def read_yaml(path: Path, problems: Problems) -> YamlFile:
    """Parse one file; report size, encoding, syntax, emptiness and duplicate keys to ``problems``."""
    if reason := too_large(path):
        problems.error(path, 1, "(file)", reason)
        return YamlFile(path, None)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.error(path, line, "(file)",
                       f"not valid UTF-8 (byte 0x{raw[error.start]:02X} at offset {error.start}); "
                       "save the file as UTF-8")
        return YamlFile(path, None)
    if text.startswith("\ufeff"):
        text = text[1:]
    if shape := shape_problem(text):
        problems.error(path, shape[0], "(yaml)", shape[1])
        return YamlFile(path, None)
    try:
        try:
            data, duplicates = _parse(text, path, _FastLoader)
        except yaml.YAMLError:
            data, duplicates = _parse(text, path, _Loader)  # raises again, with PyYAML's message
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        detail = error.problem or error.context or "unreadable YAML"
        if error.problem and error.context:
            # The context says where the broken construct began, often lines before the problem.
            started = error.context_mark.line + 1 if error.context_mark else line
            detail += f" ({error.context}" + (f" that starts at line {started})" if started != line else ")")
        problems.error(path, line, "(yaml)", f"YAML syntax error: {detail}")
        return YamlFile(path, None)
    except yaml.reader.ReaderError as error:  # a control character: PyYAML gives its offset only
        before = text[: error.position]
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        problems.error(path, line, "(yaml)", f"control character U+{error.character:04X} at column {column} "
                       "is not allowed in YAML: remove it")
        return YamlFile(path, None)
    except RecursionError:  # pragma: no cover - shape_problem stops deep nesting before this
        problems.error(path, 1, "(yaml)", f"nesting deeper than {MAX_DEPTH} levels")
        return YamlFile(path, None)
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML raises marked errors otherwise
        problems.error(path, 1, "(yaml)", f"YAML error: {error}")
        return YamlFile(path, None)
    names = _mapping_names(data) if duplicates else {}
    for mapping, key, line in duplicates:
        owner = names.get(id(mapping), "")
        problems.error(path, line, f"{owner}.{key}" if owner else str(key),
                       f"key '{key}' is given twice in the same mapping "
                       f"(first at line {mapping.key_lines[key]})")
    if data is None:
        problems.error(path, 1, "(file)", "the file is empty; expected a mapping of sections "
                       "(for example 'facts:' followed by a list)")
        return YamlFile(path, None)
    if not isinstance(data, LineDict):
        problems.error(path, 1, "(file)",
                       f"expected a mapping of sections at the top level, got {type_name(data)}")
        return YamlFile(path, None)
    return YamlFile(path, data)


def _mapping_names(node: Any, name: str = "", names: dict[int, str] | None = None) -> dict[int, str]:
    """The field name of every mapping under ``node`` (``facts[deal.amount]``), by ``id()``.

    Items of a list are named as in the messages of validation (see ``item_label``).
    """
    names = {} if names is None else names
    if isinstance(node, dict):
        names[id(node)] = name
        for key, value in node.items():
            _mapping_names(value, f"{name}.{key}" if name else str(key), names)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            _mapping_names(item, f"{name}[{item_label(item, index)}]", names)
    return names


def item_label(item: Any, index: int) -> str:
    """How a list item is named in messages: its ``id``, ``name`` or ``person``, else its index."""
    if isinstance(item, dict):
        for key in ("id", "name", "person"):
            if isinstance(item.get(key), str):
                return item[key]
    return str(index)
