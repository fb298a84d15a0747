"""Problems as editors read them (``path:line: field: message``), in the order they fix them,
and the one error a failed phase raises."""

from __future__ import annotations

from generator.problems import BuildError, Problem, Problems, did_you_mean, display_path, type_name


def test_a_problem_prints_as_path_line_field_message_and_a_warning_says_so():
    assert str(Problem("seeds/mini/facts.yaml", 6, "facts[deal.amount].currency", "expected text")) == \
        "seeds/mini/facts.yaml:6: facts[deal.amount].currency: expected text"
    assert str(Problem("seeds/mini/watchlist.yaml", 9, "watchlist[first].next_checkpoint",
                       "the checkpoint is past", warning=True)) == \
        "seeds/mini/watchlist.yaml:9: watchlist[first].next_checkpoint: warning: the checkpoint is past"


def test_problems_are_kept_in_order_and_sorted_by_file_then_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    problems = Problems()
    problems.error(tmp_path / "seeds" / "b.yaml", 3, "x", "third")
    problems.warn("seeds/a.yaml", 10, "y", "second")
    problems.error("seeds/a.yaml", 2, "z", "first")
    assert [p.message for p in problems.items] == ["third", "second", "first"]
    assert [str(p) for p in problems.sorted()] == [
        "seeds/a.yaml:2: z: first", "seeds/a.yaml:10: y: warning: second", "seeds/b.yaml:3: x: third"]
    assert [p.message for p in problems.errors] == ["third", "first"]
    assert [p.message for p in problems.warnings] == ["second"]
    assert problems and not Problems()


def test_build_error_counts_errors_and_names_warnings_only_when_they_are_fatal():
    problems = Problems()
    problems.error("a.yaml", 1, "f", "broken")
    assert str(BuildError(problems, "check")) == "check: 1 error"
    problems.warn("a.yaml", 2, "g", "late")
    problems.warn("a.yaml", 3, "h", "later")
    assert str(BuildError(problems, "check")) == "check: 1 error"
    assert str(BuildError(problems, "check", strict=True)) == "check: 1 error, 2 warnings (fatal with --strict)"
    only_warning = BuildError([Problem("a.yaml", 2, "g", "late", warning=True)], "check", strict=True)
    assert str(only_warning) == "check: 0 errors, 1 warning (fatal with --strict)"
    assert BuildError(problems, "render").report().splitlines() == [
        "a.yaml:1: f: broken", "a.yaml:2: g: warning: late", "a.yaml:3: h: warning: later", "render: 1 error"]


def test_paths_are_shown_relative_to_the_working_folder_when_below_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path / ".")
    assert display_path(tmp_path / "seeds" / "mini" / "facts.yaml") == "seeds/mini/facts.yaml"
    assert display_path("/somewhere/else.yaml") == "/somewhere/else.yaml"


def test_suggestions_and_type_names_for_messages():
    assert did_you_mean("deal.amout", {"deal.amount", "founder"}) == "; did you mean 'deal.amount'?"
    assert did_you_mean("zzz", ["deal.amount"]) == ""
    assert [type_name(v) for v in (None, True, 3, 1.5, "no", [], {}, b"x")] == [
        "nothing (null)", "a boolean (true)", "a number (3)", "a number (1.5)", "text ('no')",
        "a list", "a mapping", "bytes"]
