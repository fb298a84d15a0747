"""The real seeds, mutated by hypothesis: every case either loads or is rejected with messages
that each name a file and a line; the checks never raise.

Cases come from ``FUZZ_EXAMPLES`` (300 here, 5,000 in ``make fuzz``), drawn from ``FUZZ_SEED``:
fixed under CI, random otherwise, printed in pytest's header so that a failure can be replayed
with ``FUZZ_SEED=<seed> make fuzz``.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from generator.consistency import check_consistency
from generator.problems import Problems
from generator.seeds import load_briefings
from generator.translations import Confirmations, check_translations, collect, read_confirmations

FUZZ_SEED = int(os.environ["FUZZ_SEED"])  # set (and printed) by conftest.pytest_configure
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FILES = sorted(str(path.relative_to(SEEDS)) for path in SEEDS.rglob("*.yaml"))
TEXTS = {name: (SEEDS / name).read_text(encoding="utf-8") for name in FILES}

CONTROL = [chr(code) for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85, 0xFEFF, 0xFFFE)]
TAGS = ["!!python/object/apply:os.system ['true'] ", "!!python/name:os.system ", "!!binary ", "!!set ",
        "!!omap ", "!!float ", "!!int ", "!!str ", "!!timestamp ", "!!null ", "!!map ", "!!seq ", "!custom ",
        "!<tag:example.org,2026:x> ", "!ENV "]
VALUES = ["[]", "{}", "null", "~", "0", "-1", "1e999", "-.inf", ".nan", "true", "false", "yes", "'text'",
          '"\\u202e"', "2025-13-45", "2025-02-30", "2017-summer", "0x1F", "0o17", "1_000", "[1, [2, [3]]]",
          "{a: {b: c}}", "|\n  block", ">-\n  folded", "'" + "x" * 5000 + "'", "&anchor value", "*anchor",
          "<<: {a: 1}", "? complex\n: key", "!!binary aGVsbG8=", "-", ":", "'unclosed", "{unclosed: ["]
BYTES = [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x00"]


@dataclass(frozen=True)
class Mutation:
    kind: str
    at: float
    """Where, as a fraction of the file (a line or a character)."""
    other: float = 0.0
    piece: str = ""


def _line(lines: list[str], at: float) -> int:
    return min(int(at * len(lines)), len(lines) - 1)


def apply(text: str, mutation: Mutation) -> str | bytes:
    """``text`` with one mutation applied (bytes when the mutation breaks the encoding)."""
    lines = text.split("\n")
    here, there = _line(lines, mutation.at), _line(lines, mutation.other)
    position = min(int(mutation.at * len(text)), len(text))
    match mutation.kind:
        case "delete":
            del lines[here]
        case "duplicate":
            lines.insert(here, lines[here])
        case "swap":
            lines[here], lines[there] = lines[there], lines[here]
        case "indent":
            lines[here] = mutation.piece + lines[here]
        case "dedent":
            lines[here] = lines[here][len(mutation.piece):]
        case "truncate":
            return text[:position]
        case "replace" | "insert":
            return text[:position] + mutation.piece + text[position + (mutation.kind == "replace"):]
        case "tag" | "value":
            # After a key's colon when the line has one, else at the start of the line's text.
            line = lines[here]
            colon = line.find(": ")
            cut = colon + 2 if colon >= 0 else len(line) - len(line.lstrip(" -"))
            rest = line[cut:] if mutation.kind == "tag" else ""
            lines[here] = line[:cut] + mutation.piece + rest
        case "alias":
            # An anchor on one line's value and an alias of it on another's.
            for index, prefix in ((here, "&a "), (there, "*a")):
                line = lines[index]
                colon = line.find(": ")
                if colon >= 0:
                    lines[index] = line[:colon + 2] + prefix + (line[colon + 2:] if prefix == "&a " else "")
        case "bytes":
            encoded = text.encode("utf-8")
            cut = min(int(mutation.at * len(encoded)), len(encoded))
            return encoded[:cut] + mutation.piece.encode("latin-1") + encoded[cut:]
    return "\n".join(lines)


fractions = st.floats(min_value=0, max_value=1, allow_nan=False)
characters = st.sampled_from(list(":-#\"'[]{}&*!|>%@`,?\t ") + CONTROL) | st.characters(codec="utf-8")
mutations = st.one_of(
    st.builds(Mutation, st.sampled_from(["delete", "duplicate", "truncate"]), fractions),
    st.builds(Mutation, st.just("swap"), fractions, fractions),
    st.builds(Mutation, st.sampled_from(["indent", "dedent"]), fractions,
              piece=st.sampled_from([" ", "  ", "    ", "\t", " \t"])),
    st.builds(Mutation, st.sampled_from(["replace", "insert"]), fractions, piece=characters),
    st.builds(Mutation, st.just("insert"), fractions, piece=st.sampled_from(CONTROL)),
    st.builds(Mutation, st.just("tag"), fractions, piece=st.sampled_from(TAGS)),
    st.builds(Mutation, st.just("value"), fractions, piece=st.sampled_from(VALUES)),
    st.builds(Mutation, st.just("alias"), fractions, fractions),
    st.builds(Mutation, st.just("bytes"), fractions, piece=st.sampled_from(BYTES).map(lambda b: b.decode("latin-1"))),
)


def check_seeds(seeds: Path, confirmations: Confirmations | None = None) -> Problems:
    """What ``briefing check`` finds in a fact base: reading, consistency, translations (against
    ``confirmations`` when given, as read from an unchanged file)."""
    problems = Problems()
    briefings = load_briefings(seeds, problems)
    confirmations = confirmations or read_confirmations(seeds, problems)
    for briefing in briefings:
        check_consistency(briefing, problems, None)
    check_translations(collect(briefings, [], ["fr", "en"]), confirmations, problems)
    return problems


CONFIRMATIONS = read_confirmations(SEEDS, Problems())


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz") / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.mark.parametrize("check", [check_seeds])
def test_the_real_seeds_give_no_problem_unmutated(workspace, check):
    assert check(workspace).sorted() == []


@seed(FUZZ_SEED)
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None, derandomize=False,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=st.sampled_from(FILES), changes=st.lists(mutations, min_size=1, max_size=3))
def test_every_mutation_of_the_seeds_loads_or_is_rejected_at_a_file_and_line(workspace, name, changes):
    content: str | bytes = TEXTS[name]
    for change in changes:
        content = apply(content if isinstance(content, str) else content.decode("utf-8", "replace"), change)
    path = workspace / name
    try:
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
        # An exception fails the case, with the mutations. The confirmations file is read again
        # only when it is the one mutated.
        problems = check_seeds(workspace, None if name == "translations.yaml" else CONFIRMATIONS)
    finally:
        path.write_text(TEXTS[name], encoding="utf-8")
    for problem in problems.items:
        assert problem.path and Path(problem.path).resolve().is_relative_to(workspace.resolve()), problem
        assert isinstance(problem.line, int) and problem.line >= 1, problem
        assert problem.field and problem.message.strip(), problem
