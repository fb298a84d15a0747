"""The build's phases: timed in order, one line each in a log, a counting bar on a terminal."""

from __future__ import annotations

import io

from generator.progress import Display, Log, Phases, Terminal, display_for


def test_each_phase_is_timed_in_order_and_counts_what_it_was_told(capsys):
    phases = Phases(Log())
    with phases.phase("gather"):
        pass
    with phases.phase("render", total=3, unit="pages") as step:
        for _ in range(3):
            step.advance()
    assert list(phases.timings) == ["gather", "render"] and all(t >= 0 for t in phases.timings.values())
    lines = capsys.readouterr().err.splitlines()
    assert [line.rsplit(",", 1)[0] if "pages" in line else line.split(":")[0] for line in lines] == [
        "gather", "render: 3 pages"]
    assert lines[1].endswith(f"{phases.timings['render']:.2f} s")


def test_a_phase_that_fails_is_still_timed_and_closed():
    phases = Phases(Display())
    try:
        with phases.phase("check"):
            raise ValueError("bad input")
    except ValueError:
        pass
    assert "check" in phases.timings


def test_a_terminal_gets_a_bar_a_log_gets_lines():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert isinstance(display_for(Tty()), Terminal)
    assert isinstance(display_for(io.StringIO()), Log) and not isinstance(display_for(io.StringIO()), Terminal)
