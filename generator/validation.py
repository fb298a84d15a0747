"""Load every briefing under ``seeds/`` and check it, reporting every problem at once.

Two passes, both collecting problems instead of stopping:

1. *shape*: pydantic validates each briefing's merged YAML against the schema in ``facts``;
   its errors are translated into editor's messages with the line of the offending key;
2. *consistency*: ids are unique, references resolve, texts exist in every language,
   derived and corrected facts say where they come from, checkpoints are not past.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from difflib import get_close_matches
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from . import facts as schema
from .facts import Briefing, Localized, Record
from .loading import LineDict, LineList, item_label, merge_sections, read_yaml, type_name
from .problems import BuildError, Problems

LANGUAGE_NAMES = {"fr": "French", "en": "English", "de": "German", "es": "Spanish",
                  "it": "Italian", "pt": "Portuguese", "nl": "Dutch"}


def load_briefings(seeds: Path, today: date | None = None) -> tuple[list[Briefing], Problems]:
    """Load and check every briefing folder under ``seeds``.

    Returns the briefings and all problems (errors and warnings). Callers must not use the
    briefings when ``problems.errors`` is not empty: ``load_or_fail`` does that check.
    """
    problems = Problems()
    folders = sorted(p for p in seeds.iterdir() if p.is_dir()) if seeds.is_dir() else []
    if not folders:
        problems.error(seeds, 1, "(folder)", "no briefing found: expected one folder of YAML "
                       "files per briefing (for example seeds/my-company/facts.yaml)")
    briefings = []
    for folder in folders:
        briefing = load_briefing(folder, problems, today)
        if briefing is not None:
            briefings.append(briefing)
    ids: dict[str, Briefing] = {}
    for briefing in briefings:
        if briefing.id in ids:
            problems.error(briefing.briefing.file, briefing.briefing.line_of("id"), "briefing.id",
                           f"duplicate briefing id '{briefing.id}' (also in {ids[briefing.id].briefing.file})")
        ids[briefing.id] = briefing
    return briefings, problems


def load_or_fail(seeds: Path, today: date | None = None, strict: bool = False) -> tuple[list[Briefing], Problems]:
    """Load and check; raise BuildError if anything is wrong (warnings too when ``strict``)."""
    briefings, problems = load_briefings(seeds, today)
    if problems.errors or (strict and problems.warnings):
        raise BuildError(problems, "check", strict=strict)
    return briefings, problems


def load_briefing(folder: Path, problems: Problems, today: date | None = None) -> Briefing | None:
    """Read, merge and validate one briefing folder; None when it has errors."""
    files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    if not files:
        problems.error(folder, 1, "(folder)", "no YAML file in this briefing folder")
        return None
    before = len(problems.errors)
    parsed = [read_yaml(path, problems) for path in files]
    unreadable = any(yaml_file.data is None for yaml_file in parsed)
    merged = merge_sections(parsed, problems)
    try:
        briefing = Briefing.model_validate(merged)
    except ValidationError as error:
        for item in _without_echoes(error.errors(), merged):
            if unreadable and item["type"] == "missing" and len(item["loc"]) == 1:
                continue  # the section is most likely in the file that could not be read
            path, line, field = locate(merged, item["loc"])
            problems.error(path, line, field, describe(item, merged))
        return None
    if unreadable:
        return None  # references to what the unreadable file defines would all look broken
    check_consistency(briefing, problems, today)
    return briefing if len(problems.errors) == before else None


# --- Pass 1: pydantic errors, located and explained --------------------------------------

def locate(root: LineDict, loc: tuple) -> tuple[str, int, str]:
    """Walk the raw YAML along a pydantic error location: (file, line, field name)."""
    node: Any = root
    file, line = root.file, 1
    names: list[str] = []
    previous = None
    for step in loc:
        tag, previous = _is_tag(node, step, previous), step
        if tag:
            continue
        if isinstance(node, LineDict):
            if step not in node:
                break
            file = node.file_of(step)
            line = node.key_lines.get(step, node.line)
            names.append(str(step) if not names else f".{step}")
            node = node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and step < len(node):
            file, line = node.item_files[step], node.item_lines[step]
            item = node[step]
            names.append(f"[{item_label(item, step)}]")
            node = item
            if isinstance(item, LineDict):
                file, line = item.file, item.line
        else:
            break
    if not names and loc and loc[0] in schema.Briefing.model_fields:
        names.append(str(loc[0]))
    return file, line, "".join(names) or "(file)"


def describe(error: dict, root: LineDict) -> str:
    """Turn one pydantic error into a sentence that tells an editor what to write instead."""
    kind, loc, value, ctx = error["type"], error["loc"], error.get("input"), error.get("ctx") or {}
    key = loc[-1] if loc else ""
    if kind == "missing":
        owner = _node_at(root, loc[:-1])
        fact_kind = owner.get("kind") if isinstance(owner, LineDict) else None
        if fact_kind in schema.FACT_KINDS and key in ("currency", "value"):
            return f"'{key}' is required for a {fact_kind} value"
        if len(loc) == 1:
            return f"required section '{key}' is missing (add it to one of the briefing's YAML files)"
        return f"required field '{key}' is missing"
    if kind in ("extra_forbidden", "invalid_key"):
        model = _model_at(loc[:-1], root)
        allowed = sorted(model.model_fields) if model else []
        hint = _closest_key(loc, root)
        suggestion = f"; did you mean '{hint}'?" if hint else ""
        return f"unknown key '{key}' (expected one of: {', '.join(allowed)}){suggestion}"
    if kind in ("enum", "literal_error"):
        return f"expected one of {ctx.get('expected')}, got {type_name(value)}"
    if kind == "union_tag_invalid":
        return f"unknown kind {ctx.get('tag')!r} (expected one of: {', '.join(schema.FACT_KINDS)})"
    if kind == "union_tag_not_found":
        return f"required field 'kind' is missing (one of: {', '.join(schema.FACT_KINDS)})"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind in ("less_than_equal", "greater_than_equal"):
        owner = _node_at(root, loc[:-1])
        if isinstance(owner, LineDict) and owner.get("kind") == "percentage":
            return f"a percentage must be between 0 and 100, got {value}"
        bound = "at most" if kind == "less_than_equal" else "at least"
        return f"must be {bound} {ctx.get('le', ctx.get('ge'))}, got {value}"
    if kind == "string_pattern_mismatch":
        if key == "currency":
            return f"currency must be an ISO 4217 code such as USD or EUR, got {type_name(value)}"
        return f"{type_name(value)} is not a valid id (use lowercase letters, digits, '.', '-', '_')" \
            if "a-z0-9][" in ctx.get("pattern", "") else f"{type_name(value)} does not match {ctx.get('pattern')}"
    if kind == "too_short":
        return f"expected at least {ctx.get('min_length')} item(s), got {ctx.get('actual_length')}"
    if kind == "bool_type" or kind == "bool_parsing":
        extra = " (YAML 1.1 words yes/no/on/off are read as text here)" if isinstance(value, str) else ""
        return f"expected true or false, got {type_name(value)}{extra}"
    expected = {
        "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
        "int_from_float": "a whole number", "decimal_type": "a number", "decimal_parsing": "a number",
        "float_type": "a number", "list_type": "a list", "dict_type": "a mapping",
        "model_type": "a mapping", "model_attributes_type": "a mapping",
    }.get(kind)
    if expected:
        return f"expected {expected}, got {type_name(value)}"
    return error["msg"]


def _closest_key(loc: tuple, root: LineDict) -> str | None:
    """For an unknown key at ``loc``, the allowed key it most likely misspells."""
    model = _model_at(loc[:-1], root)
    hint = get_close_matches(str(loc[-1]), sorted(model.model_fields), n=1) if model else []
    return hint[0] if hint else None


def _without_echoes(errors: list[dict], root: LineDict) -> list[dict]:
    """Drop "required field 'x' is missing" when the same mapping has a misspelling of 'x'.

    A typo such as ``curency:`` is one mistake: the unknown-key message already suggests
    'currency', and a second message about the missing field would only be noise.
    """
    misspelt = {(error["loc"][:-1], _closest_key(error["loc"], root)) for error in errors
                if error["type"] in ("extra_forbidden", "invalid_key")}
    # A value that may be written two ways (a place: locator words or a text per language) gets
    # one error per way; the one about the way the editor chose is the one to show.
    explained = {error["loc"][:-1] for error in errors if _is_branch(error["loc"]) and error["type"] == "value_error"}
    return [error for error in errors
            if not (error["type"] == "missing" and (error["loc"][:-1], error["loc"][-1]) in misspelt)
            and not (_is_branch(error["loc"]) and error["type"] != "value_error" and error["loc"][:-1] in explained)]


def _is_branch(loc: tuple) -> bool:
    """Whether an error location ends with the branch of a union (``function-after[...]``)."""
    return bool(loc) and isinstance(loc[-1], str) and "[" in loc[-1]


def _is_tag(node: Any, step: Any, previous: Any) -> bool:
    """Whether ``step`` of an error location is a fact's kind rather than a key.

    Pydantic puts the tag of a discriminated union (``money``) in the location right after the
    list index of the fact (``('facts', 0, 'money', 'currency')``); a fact may also have a key
    of that name, which is why only the step after an index can be the tag.
    """
    return isinstance(previous, int) and isinstance(node, dict) and node.get("kind") == step


def _node_at(root: Any, loc: tuple) -> Any:
    node, previous = root, None
    for step in loc:
        if _is_tag(node, step, previous):
            pass
        elif isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            return None
        previous = step
    return node


def _model_at(loc: tuple, root: LineDict) -> type[BaseModel] | None:
    """The model class the location points into (to list its allowed keys)."""
    model: Any = schema.Briefing
    node: Any = root
    previous = None
    for step in loc:
        tag, previous = _is_tag(node, step, previous), step
        if tag:
            model = _fact_model(step)
            continue
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and step < len(node) else None
            continue
        field = model.model_fields.get(step) if model else None
        node = node.get(step) if isinstance(node, dict) else None
        model = _inner_model(field.annotation if field else None)
        if model is None and isinstance(node, dict) and isinstance(node.get("kind"), str):
            model = _fact_model(node["kind"])
        elif model is None and isinstance(node, list):
            model = None
    if model is None and isinstance(node, dict) and "kind" in node:
        model = _fact_model(node["kind"])
    return model


def _fact_model(kind: str) -> type[BaseModel] | None:
    return {"money": schema.MoneyFact, "count": schema.CountFact,
            "percentage": schema.PercentageFact, "date": schema.DateFact,
            "person": schema.PersonFact, "organisation": schema.OrganisationFact,
            "text": schema.TextFact}.get(kind)


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The BaseModel inside ``list[X]``, ``X | None`` or ``Annotated[...]``, if there is one."""
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


# --- Pass 2: consistency ------------------------------------------------------------------

def check_consistency(briefing: Briefing, problems: Problems, today: date | None) -> None:
    """Every cross-record rule of the schema, each problem with its file, line and field."""
    languages = briefing.briefing.languages
    _check_unique(problems, "sources", briefing.sources)
    _check_unique(problems, "facts", briefing.facts)
    for name in ("conflicts", "corrections", "events", "watchlist"):
        _check_unique(problems, name, getattr(briefing, name))
    _check_unique(problems, "profile.rounds", briefing.profile.rounds)

    source_ids = {s.id for s in briefing.sources}
    fact_ids = {f.id for f in briefing.facts}

    def known_source(record: Record, field: str, source_id: str, key: str = "source") -> None:
        if source_id not in source_ids:
            problems.error(record.file, record.line_of(key), field,
                           f"unknown source '{source_id}'{_suggest(source_id, source_ids)}")

    def known_fact(record: Record, field: str, fact_id: str, key: str, kind: str | None = None) -> None:
        if fact_id not in fact_ids:
            problems.error(record.file, record.line_of(key, fact_id), field,
                           f"unknown fact '{fact_id}'{_suggest(fact_id, fact_ids)}")
        elif kind and briefing.fact(fact_id).kind != kind:
            problems.error(record.file, record.line_of(key, fact_id), field,
                           f"fact '{fact_id}' is a {briefing.fact(fact_id).kind}, expected a {kind}")

    for name, record in _records(briefing):
        for citation in getattr(record, "citations", []) or []:
            known_source(citation, f"{name}.citations", citation.source)

    for fact in briefing.facts:
        name = f"facts[{fact.id}]"
        for ref in fact.derived_from:
            known_fact(fact, f"{name}.derived_from", ref, "derived_from")
        if fact.status == schema.Status.derived and not (fact.derived_from and fact.derivation):
            problems.error(fact.file, fact.line_of("status"), f"{name}.status",
                           "a derived fact needs 'derived_from' (the facts it follows from) and "
                           "'derivation' (how)")
        if fact.status == schema.Status.corrected and not briefing.corrections_of(fact.id):
            problems.error(fact.file, fact.line_of("status"), f"{name}.status",
                           "a corrected fact needs an entry in 'corrections' whose 'fact' is this id")
        if fact.kind == "money":
            _check_currency(fact, name, problems)
        if fact.kind == "percentage" and fact.value < 0 and not fact.change:
            problems.error(fact.file, fact.line_of("value"), f"{name}.value",
                           f"a percentage must be between 0 and 100, got {fact.value} (for a move "
                           "up or down, add 'change: true')")
        if fact.horizon is not None and fact.status != schema.Status.projection:
            problems.error(fact.file, fact.line_of("horizon"), f"{name}.horizon",
                           "only a projection has a horizon (the date it is about); "
                           "set 'status: projection' or remove 'horizon'")
        upper = getattr(fact, "upper", None)
        if upper is not None and upper < fact.value:
            # Written out in full: Decimal would print 10e6 as 1.0E+7.
            problems.error(fact.file, fact.line_of("upper"), f"{name}.upper",
                           f"the upper bound {Decimal(upper):f} is below the value {Decimal(fact.value):f}")

    anchors: dict[str, schema.Record] = {}
    for fact in briefing.facts:
        anchor = schema.fact_anchor(fact.id)
        if anchor in anchors and anchors[anchor].id != fact.id:
            first = anchors[anchor]
            problems.error(fact.file, fact.line_of("id"), f"facts[{fact.id}].id",
                           f"'{fact.id}' and '{first.id}' ({_short(first.file)}:{first.line_of('id')}) "
                           f"would share the permanent anchor #{anchor} ('.' and '_' both become '-'): "
                           "rename one")
        anchors.setdefault(anchor, fact)

    for conflict in briefing.conflicts:
        name = f"conflicts[{conflict.id}]"
        for ref in conflict.facts:
            known_fact(conflict, f"{name}.facts", ref, "facts")
        if conflict.preferred not in conflict.facts:
            problems.error(conflict.file, conflict.line_of("preferred"), f"{name}.preferred",
                           f"'{conflict.preferred}' is not one of this conflict's facts "
                           f"({', '.join(conflict.facts)})")
        kinds = {briefing.fact(r).kind for r in conflict.facts if r in fact_ids}
        if len(kinds) > 1:
            problems.error(conflict.file, conflict.line_of("facts"), f"{name}.facts",
                           f"conflicting facts must be of one kind, got {', '.join(sorted(kinds))}")

    for correction in briefing.corrections:
        name = f"corrections[{correction.id}]"
        known_source(correction, f"{name}.source", correction.source)
        if correction.fact is not None:
            known_fact(correction, f"{name}.fact", correction.fact, "fact")

    for event in briefing.events:
        for ref in event.facts:
            known_fact(event, f"events[{event.id}].facts", ref, "facts")

    if len(briefing.watchlist) != schema.WATCHLIST_SIZE:
        problems.error(briefing.file_of("watchlist"), briefing.line_of("watchlist"), "watchlist",
                       f"expected exactly {schema.WATCHLIST_SIZE} indicators, got {len(briefing.watchlist)}")
    for indicator in briefing.watchlist:
        name = f"watchlist[{indicator.id}]"
        for ref in indicator.evidence:
            known_fact(indicator, f"{name}.evidence", ref, "evidence")
        if today and indicator.overdue(today):
            problems.warn(indicator.file, indicator.line_of("next_checkpoint"),
                          f"{name}.next_checkpoint",
                          f"checkpoint {indicator.next_checkpoint} is past (today is {today.isoformat()}): "
                          "review the reading, then set 'last_reviewed' and a new 'next_checkpoint'")

    meta, profile = briefing.briefing, briefing.profile
    for ref in meta.key_figures:
        known_fact(meta, "briefing.key_figures", ref, "key_figures")
    _check_unique(problems, "briefing.sections", meta.sections)
    for section in meta.sections:
        for ref in section.facts:
            known_fact(section, f"briefing.sections[{section.id}].facts", ref, "facts")
    known_fact(profile, "profile.founded", profile.founded, "founded", kind="date")
    for ref in profile.figures:
        known_fact(profile, "profile.figures", ref, "figures")
    for leader in profile.leadership:
        known_fact(leader, "profile.leadership.person", leader.person, "person", kind="person")
    for round_ in profile.rounds:
        for key in ("amount", "valuation"):
            if getattr(round_, key):
                known_fact(round_, f"profile.rounds[{round_.id}].{key}", getattr(round_, key), key, kind="money")
    for section in ("ownership", "products", "contracts", "partnerships", "acquisitions"):
        for item in getattr(profile, section):
            for ref in item.facts:
                known_fact(item, f"profile.{section}[{_name(item)}].facts", ref, "facts")

    for name, text, line in _localized(briefing):
        file = text._file or briefing.file
        for language, value in text.root.items():
            for ref in schema.quoted_facts(value):
                if ref not in fact_ids:
                    problems.error(file, text.line_of(language), f"{name}.{language}",
                                   f"'{{{ref}}}' quotes an unknown fact{_suggest(ref, fact_ids)}")
        for language in languages:
            language_name = LANGUAGE_NAMES.get(language, language)
            if language not in text.root:
                problems.error(file, line, name, f"missing the {language_name} text ('{language}')")
            elif not text[language].strip():
                problems.error(file, text.line_of(language), f"{name}.{language}",
                               f"the {language_name} text ('{language}') is empty")
        for language in text.root:
            if language not in languages:
                problems.error(file, text.line_of(language), f"{name}.{language}",
                               f"'{language}' is not a language of this briefing "
                               f"({', '.join(languages)})")


def _check_unique(problems: Problems, section: str, records: Iterable[Record]) -> None:
    seen: dict[str, Record] = {}
    for record in records:
        record_id = getattr(record, "id")
        if record_id in seen:
            first = seen[record_id]
            problems.error(record.file, record.line_of("id"), f"{section}[{record_id}].id",
                           f"duplicate id '{record_id}' (first defined at {_short(first.file)}:{first.line_of('id')})")
        else:
            seen[record_id] = record


def _check_currency(fact: Any, name: str, problems: Problems) -> None:
    from babel.numbers import list_currencies

    if fact.currency not in list_currencies():
        problems.error(fact.file, fact.line_of("currency"), f"{name}.currency",
                       f"unknown currency '{fact.currency}' (expected an ISO 4217 code such as USD)")


def _records(briefing: Briefing) -> Iterable[tuple[str, Record]]:
    """Every record that carries citations, with a field name for messages."""
    for fact in briefing.facts:
        yield f"facts[{fact.id}]", fact
    for event in briefing.events:
        yield f"events[{event.id}]", event
    profile = briefing.profile
    for leader in profile.leadership:
        yield f"profile.leadership[{leader.person}]", leader
    for round_ in profile.rounds:
        yield f"profile.rounds[{round_.id}]", round_
    for section in ("ownership", "products", "contracts", "partnerships", "acquisitions"):
        for item in getattr(profile, section):
            yield f"profile.{section}[{_name(item)}]", item


def _localized(model: Any, name: str = "", line: int = 0) -> Iterable[tuple[str, Localized, int]]:
    """Every bilingual text in the briefing, with its field name and the line of its key."""
    if isinstance(model, Localized):
        yield name, model, line
    elif isinstance(model, Record):
        for field in type(model).model_fields:
            child = getattr(model, field)
            label = field if not name else f"{name}.{field}"
            yield from _localized(child, label, model.line_of(field))
    elif isinstance(model, list):
        for index, item in enumerate(model):
            key = getattr(item, "id", None) or _name(item) or getattr(item, "person", None)
            yield from _localized(item, f"{name}[{key if isinstance(key, str) else index}]", line)


def _name(item: Any) -> str | None:
    """A record's name for messages, in the briefing's first language when it is translated."""
    name = getattr(item, "name", None)
    return next(iter(name.root.values()), None) if isinstance(name, Localized) else name


def _suggest(value: str, known: set[str]) -> str:
    hint = get_close_matches(value, sorted(known), n=1)
    return f"; did you mean '{hint[0]}'?" if hint else ""


def _short(path: str) -> str:
    from .problems import display_path
    return display_path(path)
