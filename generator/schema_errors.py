"""Pydantic's errors as editors' messages, each at the line of the offending YAML key.

One walker (``walk``) follows an error's location through the raw YAML and the schema at once:
it knows the file and line of every step, the field's name as messages print it
(``facts[deal.amount].currency``) and the model the node is validated against (to list the
keys it allows). ``describe`` then says what to write instead.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

from pydantic import BaseModel

from .briefing import Briefing
from .facts import FACT_KINDS, FACT_MODELS
from .loading import LineDict, item_label
from .problems import type_name


@dataclass
class Position:
    """Where an error's location leads in the YAML and in the schema."""

    node: Any
    """The YAML node reached (None when the location goes past what the YAML has)."""
    model: type[BaseModel] | None
    """The model that node is validated against, when it is a record."""
    file: str
    line: int
    field: str
    """The field's name as messages print it, or ``(file)``."""


def walk(root: LineDict, loc: tuple) -> Position:
    """Follow ``loc`` from the briefing's merged YAML, as far as the YAML goes."""
    node: Any = root
    model: Any = Briefing
    file, line, names = root.file, 1, []
    previous: Any = None
    for step in loc:
        if isinstance(previous, int) and isinstance(node, dict) and node.get("kind") == step:
            # Pydantic puts a fact's kind (its union's tag) right after the fact's list index.
            model, previous = FACT_MODELS.get(step), step
            continue
        previous = step
        if isinstance(node, dict) and step in node:
            file, line = node.file_of(step), node.key_lines.get(step, node.line)
            names.append(str(step) if not names else f".{step}")
            field = model.model_fields.get(step) if model else None
            model, node = _inner_model(field.annotation if field else None), node[step]
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            file, line = node.item_files[step], node.item_lines[step]
            node = node[step]
            names.append(f"[{item_label(node, step)}]")
            if isinstance(node, LineDict):
                file, line = node.file, node.line
                if model in FACT_MODELS.values():
                    model = FACT_MODELS.get(node.get("kind"), model)
        else:
            node = None
            break
    if not names and loc and loc[0] in Briefing.model_fields:
        names.append(str(loc[0]))
    return Position(node, model, file, line, "".join(names) or "(file)")


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The BaseModel inside ``list[X]``, ``X | None`` or ``Annotated[...]``, if there is one."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def describe(error: dict, root: LineDict) -> str:
    """Turn one pydantic error into a sentence that tells an editor what to write instead."""
    kind, loc, value, ctx = error["type"], error["loc"], error.get("input"), error.get("ctx") or {}
    key = loc[-1] if loc else ""
    owner = walk(root, loc[:-1]).node if loc else None
    owner_kind = owner.get("kind") if isinstance(owner, dict) else None
    if kind == "missing":
        if owner_kind in FACT_KINDS and key in ("currency", "value"):
            return f"'{key}' is required for a {owner_kind} value"
        if len(loc) == 1:
            return f"required section '{key}' is missing (add it to one of the briefing's YAML files)"
        return f"required field '{key}' is missing"
    if kind in ("extra_forbidden", "invalid_key"):
        model = walk(root, loc[:-1]).model
        hint = closest_key(loc, root)
        suggestion = f"; did you mean '{hint}'?" if hint else ""
        return f"unknown key '{key}' (expected one of: {', '.join(sorted(model.model_fields) if model else [])}){suggestion}"
    if kind in ("enum", "literal_error"):
        return f"expected one of {ctx.get('expected')}, got {type_name(value)}"
    if kind == "union_tag_invalid":
        return f"unknown kind {ctx.get('tag')!r} (expected one of: {', '.join(FACT_KINDS)})"
    if kind == "union_tag_not_found":
        return f"required field 'kind' is missing (one of: {', '.join(FACT_KINDS)})"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind in ("less_than_equal", "greater_than_equal"):
        if owner_kind == "percentage":
            return f"a percentage must be between 0 and 100, got {value}"
        bound = "at most" if kind == "less_than_equal" else "at least"
        return f"must be {bound} {ctx.get('le', ctx.get('ge'))}, got {value}"
    if kind == "string_pattern_mismatch":
        if key == "currency":
            return f"currency must be an ISO 4217 code such as USD or EUR, got {type_name(value)}"
        if key == "url":
            return f"a source's address must start with http:// or https:// (and hold no space or quote), " \
                   f"got {type_name(value)}"
        return f"{type_name(value)} is not a valid id (use lowercase letters, digits, '.', '-', '_')" \
            if "a-z0-9][" in ctx.get("pattern", "") else f"{type_name(value)} does not match {ctx.get('pattern')}"
    if kind == "too_short":
        return f"expected at least {ctx.get('min_length')} item(s), got {ctx.get('actual_length')}"
    if kind in ("bool_type", "bool_parsing"):
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


def closest_key(loc: tuple, root: LineDict) -> str | None:
    """For an unknown key at ``loc``, the allowed key it most likely misspells."""
    model = walk(root, loc[:-1]).model
    hint = get_close_matches(str(loc[-1]), sorted(model.model_fields), n=1) if model else []
    return hint[0] if hint else None


def without_echoes(errors: list[dict], root: LineDict) -> list[dict]:
    """The errors an editor needs: one mistake, one message.

    A typo such as ``curency:`` is one mistake: the unknown-key message already suggests
    'currency', and a second message about the missing field would only be noise. A value that
    may be written two ways (a place: locator words or a text per language) gets one error per
    way; the one about the way the editor chose is the one to show.
    """
    misspelt = {(error["loc"][:-1], closest_key(error["loc"], root)) for error in errors
                if error["type"] in ("extra_forbidden", "invalid_key")}
    explained = {error["loc"][:-1] for error in errors if _is_branch(error["loc"]) and error["type"] == "value_error"}
    return [error for error in errors
            if not (error["type"] == "missing" and (error["loc"][:-1], error["loc"][-1]) in misspelt)
            and not (_is_branch(error["loc"]) and error["type"] != "value_error" and error["loc"][:-1] in explained)]


def _is_branch(loc: tuple) -> bool:
    """Whether an error location ends with the branch of a union (``function-after[...]``)."""
    return bool(loc) and isinstance(loc[-1], str) and "[" in loc[-1]
