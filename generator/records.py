"""The base of every model: a record that remembers the file and line it was read from.

The loader (``loading``) hands pydantic mappings and lists that carry their positions
(``file``, ``line``, ``key_lines``, ``item_lines``); records keep them so that later checks
can name file and line. Models need nothing else from the loader.
"""

from __future__ import annotations

from typing import Annotated, Any, Iterator

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, RootModel, model_validator

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")]
"""A stable id: lowercase letters, digits, dots, hyphens and underscores (``deal.amount``)."""


def _has_position(data: Any) -> bool:
    """Whether ``data`` is one of the loader's mappings, which know where they were written."""
    return isinstance(data, dict) and hasattr(data, "key_lines")


class Record(BaseModel):
    """Base of every model: unknown keys are errors, and the YAML position is kept."""

    model_config = ConfigDict(extra="forbid", frozen=False,
                              strict=False)
    _file: str = PrivateAttr("")
    _line: int = PrivateAttr(0)
    _key_lines: dict[str, int] = PrivateAttr(default_factory=dict)
    _key_files: dict[str, str] = PrivateAttr(default_factory=dict)
    _item_lines: dict[str, list[int]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_position(cls, data: Any, handler):
        record = handler(data)
        if _has_position(data):
            record._file, record._line, record._key_lines = data.file, data.line, data.key_lines
            record._key_files = data.key_files
            record._item_lines = {key: value.item_lines for key, value in data.items()
                                  if hasattr(value, "item_lines")}
        return record

    def line_of(self, key: str | None = None, item: Any = None) -> int:
        """The line of ``key`` in this record's mapping (of ``item`` in its list), or of the record."""
        private = self.__pydantic_private__  # read directly: pydantic's lookup of each costs more
        if not key:
            return private["_line"]
        if item is not None:
            values, lines = getattr(self, key, None), private["_item_lines"].get(key)
            if isinstance(values, list) and lines and item in values:
                return lines[values.index(item)]
        return private["_key_lines"].get(key, private["_line"])

    def file_of(self, key: str) -> str:
        """The file ``key`` was written in: a briefing's sections come from several files."""
        private = self.__pydantic_private__
        return private["_key_files"].get(key, private["_file"])

    @property
    def file(self) -> str:
        """The YAML file this record was read from."""
        return self._file


class Localized(RootModel[dict[str, str]]):
    """A text in every language of the briefing: ``{fr: "...", en: "..."}``."""

    _file: str = PrivateAttr("")
    _line: int = PrivateAttr(0)
    _key_lines: dict[str, int] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_position(cls, data: Any, handler):
        text = handler(data)
        if _has_position(data):
            text._file, text._line, text._key_lines = data.file, data.line, data.key_lines
        return text

    @property
    def file(self) -> str:
        """The YAML file this text was read from."""
        return self.__pydantic_private__["_file"]

    def line_of(self, language: str) -> int:
        """The line of one language's text, or of the whole mapping when it is not given."""
        private = self.__pydantic_private__
        return private["_key_lines"].get(language, private["_line"])

    def __getitem__(self, language: str) -> str:
        return self.root[language]

    def get(self, language: str, default: str = "") -> str:
        return self.root.get(language, default)



def localized_texts(model: Any, name: str = "", line: int = 0) -> Iterator[tuple[str, Localized, int]]:
    """Every multilingual text below ``model``, with its field name for messages
    (``facts[deal.amount].label``) and the line of its key."""
    if isinstance(model, Localized):
        yield name, model, line
    elif isinstance(model, Record):
        for field in type(model).__pydantic_fields__:  # the dict itself: ``model_fields`` costs a lookup
            value = getattr(model, field)
            if isinstance(value, (Localized, Record, list)):  # nothing else holds a text
                yield from localized_texts(value, field if not name else f"{name}.{field}", model.line_of(field))
    elif isinstance(model, list):
        for index, item in enumerate(model):
            key = _field(item, "id") or record_name(item) or _field(item, "person")
            yield from localized_texts(item, f"{name}[{key if isinstance(key, str) else index}]", line)


def _field(item: Any, name: str) -> Any:
    """``item.name`` if ``item`` is a record with that field, else None (without pydantic's slow
    failing lookup)."""
    return getattr(item, name) if isinstance(item, BaseModel) and name in type(item).__pydantic_fields__ else None


def record_name(item: Any) -> str | None:
    """A record's name for messages, in the briefing's first language when it is translated."""
    name = _field(item, "name")
    return next(iter(name.root.values()), None) if isinstance(name, Localized) else name
