"""Reading YAML: parser positions kept, YAML 1.1 surprises handled, files merged per briefing."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.loading import LineDict, LineList, read_yaml
from generator.seeds import merge_sections
from generator.problems import Problems


@pytest.fixture(autouse=True)
def _run_in_tmp_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages then name files relative to tmp_path


def read(text: str | bytes, name: str = "facts.yaml") -> tuple[LineDict | None, list[str]]:
    """Write one file, read it, and return its data and the problem lines."""
    path = Path(name)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    problems = Problems()
    return read_yaml(path, problems).data, [str(p) for p in problems.sorted()]


# --- Positions ----------------------------------------------------------------------------

def test_lines_of_mappings_keys_and_items_are_kept():
    data, problems = read("""\
        # a comment
        facts:
          - id: deal.amount
            value: 10

          - id: founder
        """)
    assert problems == []
    facts = data["facts"]
    assert isinstance(facts, LineList)
    assert (data.file, data.line, data.key_lines) == ("facts.yaml", 2, {"facts": 2})
    assert facts.item_lines == [3, 6]
    assert facts.item_files == ["facts.yaml", "facts.yaml"]
    assert facts[0].line == 3
    assert facts[0].key_lines == {"id": 3, "value": 4}


# --- YAML 1.1 surprises -------------------------------------------------------------------

def test_yes_no_on_off_stay_text():
    data, problems = read("""\
        country: no
        on: the key of a switch
        answers: [yes, off, y, n]
        """)
    assert problems == []
    assert data == {"country": "no", "on": "the key of a switch", "answers": ["yes", "off", "y", "n"]}


def test_only_true_and_false_are_booleans():
    data, _ = read("""\
        a: true
        b: False
        c: TRUE
        """)
    assert data == {"a": True, "b": False, "c": True}


def test_unquoted_dates_stay_text_for_the_schema_to_parse():
    data, problems = read("""\
        day: 2025-06-01
        moment: 2025-06-01 10:30:00
        month: 2025-06
        year: 2016
        """)
    assert problems == []
    assert data == {"day": "2025-06-01", "moment": "2025-06-01 10:30:00", "month": "2025-06",
                    "year": 2016}


def test_numbers_with_underscores_and_exponents():
    data, _ = read("""\
        a: 14_300_000_000
        b: 1.2e9
        c: 1.5e+9
        """)
    # PyYAML's YAML 1.1 floats need a signed exponent: '1.2e9' stays text, which Decimal reads.
    assert data == {"a": 14_300_000_000, "b": "1.2e9", "c": 1.5e9}


# --- Errors -------------------------------------------------------------------------------

def test_syntax_error_keeps_the_parser_line():
    _, problems = read("""\
        facts:
          - id: deal.amount
            kind: [money
            value: 10
        """)
    assert problems == [
        "facts.yaml:4: (yaml): YAML syntax error: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence that starts at line 3)",
    ]


def test_syntax_error_on_a_tab():
    _, problems = read("facts:\n  - id: a\n\tkind: money\n")
    assert problems == [
        "facts.yaml:3: (yaml): YAML syntax error: found character '\\t' that cannot start any token "
        "(while scanning for the next token)",
    ]


def test_unclosed_quote_names_where_the_text_starts():
    _, problems = read("""\
        facts:
          - id: "deal.amount
            kind: money
        """)
    assert problems == [
        "facts.yaml:4: (yaml): YAML syntax error: found unexpected end of stream "
        "(while scanning a quoted scalar that starts at line 2)",
    ]


def test_python_tags_are_refused():
    _, problems = read("facts: !!python/object/apply:os.system [echo]\n")
    assert problems == [
        "facts.yaml:1: (yaml): YAML tag '!!python/object/apply:os.system': tags are not accepted; "
        "write the value plainly (in quotes to make it text)",
    ]


def test_a_key_that_is_not_plain_text():
    _, problems = read("""\
        facts:
          ? [a, b]
          : c
        """)
    assert problems == ["facts.yaml:2: (yaml): YAML syntax error: a mapping key must be plain text"]


def test_empty_file():
    data, problems = read("")
    assert data is None
    assert problems == [
        "facts.yaml:1: (file): the file is empty; expected a mapping of sections "
        "(for example 'facts:' followed by a list)",
    ]


def test_file_with_only_comments_is_empty():
    _, problems = read("# facts will come later\n")
    assert problems == [
        "facts.yaml:1: (file): the file is empty; expected a mapping of sections "
        "(for example 'facts:' followed by a list)",
    ]


def test_top_level_list():
    _, problems = read("- id: deal.amount\n")
    assert problems == ["facts.yaml:1: (file): expected a mapping of sections at the top level, got a list"]


def test_file_not_in_utf8_names_the_line_and_byte():
    data, problems = read("facts:\n  - id: founder\n    value: Frédéric\n".encode("latin-1"))
    assert data is None
    assert problems == [
        "facts.yaml:3: (file): not valid UTF-8 (byte 0xE9 at offset 36); save the file as UTF-8",
    ]


def test_a_control_character_is_reported_at_its_own_line_and_column():
    data, problems = read(b"\xef\xbb\xbffacts:\n  - id: founder\n    kind: person\n    value: Fr\x00d\n")
    assert data is None
    assert problems == ["facts.yaml:4: (yaml): control character U+0000 at column 14 is not allowed in YAML: remove it"]
    _, problems = read("facts:\n  - id: a\x1b\n")
    assert problems == ["facts.yaml:2: (yaml): control character U+001B at column 10 is not allowed in YAML: remove it"]


def test_utf8_byte_order_mark_is_accepted():
    data, problems = read(b"\xef\xbb\xbffacts: []\n")
    assert problems == []
    assert data == {"facts": []}


def test_key_given_twice_names_both_lines_and_keeps_the_first_value():
    data, problems = read("""\
        facts:
          - id: deal.amount
            currency: USD
            value: 10
            currency: EUR
        """)
    assert problems == [
        "facts.yaml:5: facts[deal.amount].currency: key 'currency' is given twice in the same "
        "mapping (first at line 3)",
    ]
    assert data["facts"][0]["currency"] == "USD"


def test_section_given_twice_in_one_file():
    _, problems = read("""\
        facts: []
        events: []
        facts: []
        """)
    assert problems == ["facts.yaml:3: facts: key 'facts' is given twice in the same mapping (first at line 1)"]


# --- Merging a briefing's files -----------------------------------------------------------

def merge(*files: tuple[str, str]) -> tuple[LineDict, list[str]]:
    problems = Problems()
    parsed = []
    for name, text in files:
        Path(name).write_text(textwrap.dedent(text), encoding="utf-8")
        parsed.append(read_yaml(Path(name), problems))
    return merge_sections(parsed, problems), [str(p) for p in problems.sorted()]


def test_list_sections_of_several_files_are_concatenated_with_their_positions():
    merged, problems = merge(
        ("a.yaml", """\
            facts:
              - id: one
            """),
        ("b.yaml", """\
            events: []

            facts:
              - id: two
              - id: three
            """),
    )
    assert problems == []
    assert [fact["id"] for fact in merged["facts"]] == ["one", "two", "three"]
    assert merged["facts"].item_lines == [2, 4, 5]
    assert merged["facts"].item_files == ["a.yaml", "b.yaml", "b.yaml"]
    assert (merged.file_of("facts"), merged.key_lines["facts"]) == ("a.yaml", 1)
    assert (merged.file_of("events"), merged.key_lines["events"]) == ("b.yaml", 1)


def test_mapping_section_given_in_two_files():
    _, problems = merge(("a.yaml", "profile: {name: A}\n"), ("b.yaml", "\nprofile: {name: B}\n"))
    assert problems == ["b.yaml:2: profile: section 'profile' is already given at a.yaml:1"]


def test_unknown_section_suggests_the_closest():
    _, problems = merge(("a.yaml", "facts: []\nevent: []\n"))
    assert problems == [
        "a.yaml:2: event: unknown section 'event' (expected one of: briefing, profile, sources, "
        "facts, conflicts, corrections, events, watchlist, updates); did you mean 'events'?",
    ]


def test_unknown_section_without_a_close_match():
    _, problems = merge(("a.yaml", "notes: [hello]\n"))
    assert problems == [
        "a.yaml:1: notes: unknown section 'notes' (expected one of: briefing, profile, sources, "
        "facts, conflicts, corrections, events, watchlist, updates)",
    ]


# --- Limits: each a clear error at its line, never a hang or a memory blow-up -----------------------

GUARD = textwrap.dedent("""\
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 ** 3, 2 * 1024 ** 3))  # a blow-up fails, not the machine
    from pathlib import Path
    from generator.loading import read_yaml
    from generator.problems import Problems
    problems = Problems()
    read_yaml(Path(sys.argv[1]), problems)
    print("\\n".join(map(str, problems.sorted())))
""")


def guarded(path) -> list[str]:
    """What reading ``path`` reports, in a process with 2 GB of memory and a generous 60 s."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", GUARD, str(path)], capture_output=True, text=True, timeout=60,
                            cwd=path.parent)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "facts.yaml"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("facts:\n")
        line = "  - label: " + "x" * 90 + "\n"
        handle.writelines(line for _ in range(50 * 1024 * 1024 // len(line)))
    assert guarded(path) == ["facts.yaml:1: (file): the file is 50.0 MB; a file may hold at most 10 MB "
                             "(split a briefing's sections over several files)"]


@pytest.mark.parametrize("text, line", [
    ("facts: " + "[" * 10_000 + "]" * 10_000 + "\n", 1),
    ("facts: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n", 1),
    ("facts:\n" + "- " * 10_000 + "x\n", 2),
    ("facts:\n" + "".join(" " * depth + "a:\n" for depth in range(1, 60)) + " " * 60 + "b: 1\n", 51),
])
def test_a_10000_deep_nesting_is_refused_at_the_level_beyond_the_limit(tmp_path, text, line):
    (tmp_path / "facts.yaml").write_text(text, encoding="utf-8")
    assert guarded(tmp_path / "facts.yaml") == [f"facts.yaml:{line}: (yaml): nesting deeper than 50 levels"]


def test_an_alias_bomb_is_refused_at_its_first_alias(tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]  # 9^10 strings once expanded
    (tmp_path / "facts.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert guarded(tmp_path / "facts.yaml") == [
        "facts.yaml:2: (yaml): alias '*a0': anchors and aliases are not accepted; write the value out where "
        "it applies, so that it has its own line"]


def test_a_direction_override_is_refused_at_its_line():
    _, problems = read("facts:\n  - id: a\n    label: {fr: \"Prix \u202e0001\", en: Price}\n")
    assert problems == ["facts.yaml:3: (yaml): Unicode direction control U+202E would reorder the text readers "
                        "see (it is invisible): remove it"]


@pytest.mark.parametrize("tag", ["!!binary aGVsbG8=", "!!set {a}", "!!float text", "!custom x", "!!timestamp 2025-01-01"])
def test_an_explicit_tag_is_refused_at_its_line(tag):
    _, problems = read(f"facts:\n  - id: a\n    label: {tag}\n")
    assert len(problems) == 1 and problems[0].startswith("facts.yaml:3: (yaml): YAML tag '!"), problems


def test_files_read_without_positions_follow_the_same_rules():
    """The confirmations and a page's front matter: a date stays text (an impossible one is not a
    crash, as the fuzzing found), and only true and false are booleans."""
    from generator.loading import safe_load

    assert safe_load("a: 2025-13-45\nb: 2025-01-01\nc: yes\nd: true\ne: 10\n") == {
        "a": "2025-13-45", "b": "2025-01-01", "c": "yes", "d": True, "e": 10}
