"""Records remember where they were written: the file and line of the record, of each key, of
each list item, and of each language of a text."""

from __future__ import annotations

import textwrap

from generator.loading import read_yaml
from generator.seeds import merge_sections
from generator.problems import Problems
from generator.records import Localized, Record


class Part(Record):
    id: str
    name: Localized


class Thing(Record):
    id: str
    tags: list[str] = []
    parts: list[Part] = []


THING = """\
# a comment
id: widget
tags:
  - red
  - blue
parts:
  - id: bolt
    name:
      fr: Boulon
      en: Bolt
  - id: nut
    name: {fr: Écrou, en: Nut}
"""


def read(tmp_path, name: str, text: str):
    problems = Problems()
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    read_file = read_yaml(path, problems)
    assert not problems
    return read_file


def test_a_record_knows_its_file_and_the_line_of_itself_its_keys_and_its_items(tmp_path):
    data = read(tmp_path, "thing.yaml", THING).data
    thing = Thing.model_validate(data)
    assert thing.file == str(tmp_path / "thing.yaml")
    assert thing.line_of() == 2
    assert (thing.line_of("id"), thing.line_of("tags"), thing.line_of("parts")) == (2, 3, 6)
    assert (thing.line_of("tags", "red"), thing.line_of("tags", "blue")) == (4, 5)
    assert [part.line_of() for part in thing.parts] == [7, 11]
    assert thing.parts[1].line_of("name") == 12


def test_a_key_or_item_that_is_not_there_falls_back_to_the_record_line(tmp_path):
    thing = Thing.model_validate(read(tmp_path, "thing.yaml", THING).data)
    assert thing.line_of("tags", "green") == 3  # not an item: the key's line
    assert thing.parts[0].line_of("nothing") == 7  # not a key: the record's line


def test_a_localized_text_knows_the_line_of_each_language(tmp_path):
    thing = Thing.model_validate(read(tmp_path, "thing.yaml", THING).data)
    bolt, nut = thing.parts[0].name, thing.parts[1].name
    assert (bolt.line_of("fr"), bolt.line_of("en"), bolt.line_of("de")) == (9, 10, 9)
    assert (nut.line_of("fr"), nut.line_of("en")) == (12, 12)
    assert (bolt["fr"], bolt.get("en"), bolt.get("de"), bolt.get("de", "?")) == ("Boulon", "Bolt", "", "?")


def test_records_built_without_the_loader_have_no_position():
    thing = Thing.model_validate({"id": "widget", "tags": ["red"]})
    assert (thing.file, thing.line_of(), thing.line_of("tags", "red")) == ("", 0, 0)


class Sections(Record):
    briefing: dict
    facts: list[dict]
    sources: list[dict]


def test_the_file_of_each_section_of_a_briefing_merged_from_several_files(tmp_path):
    first = read(tmp_path, "a.yaml", "briefing: {id: x}\nfacts:\n  - {id: one}\n")
    second = read(tmp_path, "b.yaml", "\n\nsources:\n  - {id: release}\nfacts:\n  - {id: two}\n")
    problems = Problems()
    sections = Sections.model_validate(merge_sections([first, second], problems))
    assert not problems
    assert sections.file_of("briefing") == sections.file_of("facts") == str(tmp_path / "a.yaml")
    assert sections.file_of("sources") == str(tmp_path / "b.yaml")
    assert (sections.line_of("facts"), sections.line_of("sources")) == (2, 3)
    # A list section given in two files keeps each item's line in its own file.
    assert (sections.line_of("facts", {"id": "one"}), sections.line_of("facts", {"id": "two"})) == (3, 6)
