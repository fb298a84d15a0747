"""Translations kept in step: which texts changed in one language since an editor last
confirmed the others.

Every text written in several languages (each ``Localized`` field of a briefing, each editors'
page body) is compared with the hashes recorded when an editor last confirmed it (``briefing
translations confirm``), in ``seeds/translations.yaml``. A language whose text changed while
another's did not makes that other *stale*: the check phase warns about it. The file holds
hashes, never the texts; a text is hashed with its whitespace folded, so that rewrapping a
paragraph changes nothing. Interface strings keep gettext's own mechanism (fuzzy entries).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .briefing import Briefing
from .content import ContentPage
from .loading import safe_load, shape_problem
from .project import linked_outside, too_large
from .problems import Problems, did_you_mean, language_name
from .records import localized_texts

FILE_NAME = "translations.yaml"
"""Beside the briefing folders, in ``seeds/``."""

COMPLETE, STALE, UNCONFIRMED, MISSING = "complete", "stale", "unconfirmed", "missing"
STATES = (COMPLETE, STALE, UNCONFIRMED, MISSING)
"""A language's state for one text: confirmed as it is; older than another language's change;
new or changed and not confirmed yet; not written."""


@dataclass
class Text:
    """One text in every language it is written in, and where each version is."""

    group: str
    """``briefings/<id>`` or ``pages``: where its confirmation is recorded."""
    key: str
    """Its field (``facts[deal.amount].label``) or page name (``method``)."""
    digests: dict[str, str]
    """Each language's version as its digest (``text_digest``): what confirmations record. The
    texts themselves are not kept: the build cache holds a briefing's ``Text``s, and reads them
    back at every build."""
    written: frozenset[str]
    """The languages whose version is not blank."""
    places: dict[str, tuple[str, int]]
    """Each language's file and line."""
    languages: list[str]
    """The languages it should be written in."""
    names: set[str] = field(default_factory=set)
    """What ``confirm`` may name it by: the field, the ids in it, its briefing or page."""

    @classmethod
    def of(cls, group: str, key: str, versions: dict[str, str], places: dict[str, tuple[str, int]],
           languages: list[str], names: set[str]) -> Text:
        return cls(group, key, {language: text_digest(value) for language, value in sorted(versions.items())},
                   frozenset(language for language, value in versions.items() if value.strip()),
                   places, languages, names)


def text_digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:16]


# --- Collecting -------------------------------------------------------------------------------

def group_of(briefing: Briefing) -> str:
    """Where the confirmations of a briefing's texts are recorded: ``briefings/<id>``."""
    return f"briefings/{briefing.id}"


def collect(briefings: list[Briefing], pages: list[ContentPage], languages: list[str]) -> list[Text]:
    """Every multilingual text of the briefings and the editors' pages."""
    texts: list[Text] = []
    for briefing in briefings:
        group = group_of(briefing)
        for key, value, _ in localized_texts(briefing):
            texts.append(Text.of(group, key, dict(value.root),
                              {lang: (value.file, value.line_of(lang)) for lang in value.root},
                              list(briefing.briefing.languages),
                              {key, briefing.id, *re.findall(r"\[([^\]]+)\]", key)}))
    by_name: dict[str, list[ContentPage]] = {}
    for page in pages:
        by_name.setdefault(page.key, []).append(page)
    for name, versions in sorted(by_name.items()):
        texts.append(Text.of("pages", name, {page.language: page.body for page in versions},
                          {page.language: (str(page.path), page.body_line) for page in versions},
                          list(languages), {name}))
    return texts


# --- The confirmations file -------------------------------------------------------------------

@dataclass
class Confirmations:
    """The hashes of each text's versions as an editor last confirmed them."""

    path: Path
    records: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    """group -> key -> language -> digest."""
    _by_versions: dict | None = field(default=None, repr=False, compare=False)
    """Each recorded set of versions, for ``get``; rebuilt after a change."""

    def get(self, text: Text) -> dict[str, str] | None:
        recorded = self.records.get(text.group, {}).get(text.key)
        if recorded is not None:
            return recorded
        # A renamed id keeps its confirmation: the same versions were confirmed under another key.
        if self._by_versions is None:  # indexed once, not searched for every unrecorded text
            self._by_versions = {(group, tuple(sorted(digests.items()))): digests
                                 for group, records in self.records.items() for digests in records.values()}
        return self._by_versions.get((text.group, tuple(text.digests.items())))

    def confirm(self, text: Text) -> None:
        self.records.setdefault(text.group, {})[text.key] = text.digests
        self._by_versions = None

    def keep_only(self, texts: list[Text]) -> None:
        """Forget the confirmations of texts that no longer exist."""
        known = {(text.group, text.key) for text in texts}
        self.records = {group: kept for group, records in self.records.items()
                        if (kept := {key: value for key, value in records.items() if (group, key) in known})}
        self._by_versions = None

    def orphans(self, texts: list[Text]) -> int:
        known = {(text.group, text.key) for text in texts}
        return sum((group, key) not in known for group, records in self.records.items() for key in records)

    def dump(self) -> str:
        lines = ["# Translations an editor confirmed (`briefing translations confirm`): for each text, a",
                 "# hash of each language's version as it was then. Hashes only, never the texts; commit it.",
                 "# `briefing check` warns when one language changed since the others were confirmed."]
        for group in sorted(self.records):
            lines.append(f"{group}:")
            for key in sorted(self.records[group]):
                digests = ", ".join(f"{lang}: {value}" for lang, value in sorted(self.records[group][key].items()))
                lines.append(f"  {yaml.safe_dump(key, default_style=chr(34), allow_unicode=True, width=1000).strip()}: {{{digests}}}")
        return "\n".join(lines) + "\n"

    def write(self) -> None:
        temporary = self.path.with_name(f".{self.path.name}.tmp")
        temporary.write_text(self.dump(), encoding="utf-8")
        temporary.replace(self.path)


def read_confirmations(seeds: Path, problems: Problems, root: Path | None = None) -> Confirmations:
    """``seeds/translations.yaml``, or no confirmations when there is none yet; refused if it
    links outside ``seeds`` and the project's ``root`` (by default the folder above), as a
    briefing's files are."""
    path = seeds / FILE_NAME
    confirmations = Confirmations(path)
    if not path.is_file():
        return confirmations
    if reason := linked_outside(path, seeds, root or seeds.parent) or too_large(path):
        problems.error(path, 1, "(file)", reason)
        return confirmations
    try:
        text = path.read_text(encoding="utf-8")
        if shape := shape_problem(text):
            problems.error(path, shape[0], "(file)", shape[1])
            return confirmations
        data = safe_load(text) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        problems.error(path, mark.line + 1 if mark else 1, "(file)",
                       f"unreadable confirmations ({error.__class__.__name__}): "
                       "restore it from version control or run `briefing translations confirm --all`")
        return confirmations
    shape = (isinstance(data, dict) and all(isinstance(records, dict) for records in data.values())
             and all(isinstance(digests, dict) for records in data.values() for digests in records.values()))
    if not shape:
        problems.error(path, 1, "(file)", "expected groups of 'field: {language: hash}' entries, as "
                       "`briefing translations confirm` writes them")
        return confirmations
    confirmations.records = {str(group): {str(key): {str(lang): str(value) for lang, value in digests.items()}
                                          for key, digests in records.items()}
                             for group, records in data.items()}
    return confirmations


# --- States and warnings ----------------------------------------------------------------------

def states(text: Text, confirmations: Confirmations) -> dict[str, str]:
    """Each language's state for one text."""
    result = {language: MISSING for language in text.languages if language not in text.written}
    recorded = confirmations.get(text)
    current = text.digests
    written = [language for language in text.languages if language not in result]
    if recorded is None:
        return {**result, **{language: UNCONFIRMED for language in written}}
    changed = [language for language in written if recorded.get(language) != current.get(language)]
    for language in written:
        if language not in changed:
            result[language] = STALE if any(other in recorded for other in changed) else COMPLETE
        else:
            result[language] = UNCONFIRMED
    return result


def check_translations(texts: list[Text], confirmations: Confirmations, problems: Problems) -> None:
    """A warning for each version older than another language's change."""
    if not confirmations.records:
        return  # nothing confirmed yet: nothing can be stale
    for text in texts:
        state = states(text, confirmations)
        changed = [language for language in text.languages if state.get(language) == UNCONFIRMED]
        for language in text.languages:
            if state.get(language) != STALE:
                continue
            path, line = text.places[language]
            names = " and ".join(language_name(other) for other in changed)
            where = "; ".join(f"{_field(text, other)}, line {text.places[other][1]}" for other in changed)
            problems.warn(path, line, _field(text, language),
                          f"the {names} {'texts' if len(changed) > 1 else 'text'} changed since the "
                          f"{language_name(language)} was last confirmed ({where}): update it if needed, "
                          f"then `briefing translations confirm '{text.key}'`")


def _field(text: Text, language: str) -> str:
    return f"{text.key}.{language}" if text.group != "pages" else f"{text.key}.{language}.md (body)"


def select(texts: list[Text], names: list[str]) -> tuple[list[Text], list[str]]:
    """The texts ``names`` designate, and the names that designate none."""
    chosen = [text for text in texts if text.names & set(names)]
    known = set().union(*(text.names for text in texts)) if texts else set()
    unknown = [f"'{name}' names no text{did_you_mean(name, known)}" for name in names if name not in known]
    return chosen, unknown


def status_table(texts: list[Text], confirmations: Confirmations, languages: list[str]) -> list[list[str]]:
    """Rows of ``language, complete, stale, unconfirmed, missing`` counts."""
    counts = {language: dict.fromkeys(STATES, 0) for language in languages}
    for text in texts:
        for language, state in states(text, confirmations).items():
            if language in counts:
                counts[language][state] += 1
    return [[language, *(str(counts[language][state]) for state in STATES)] for language in languages]
