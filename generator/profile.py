"""A briefing's company profile: its leaders, funding rounds, products, contracts, partnerships,
acquisitions and stakes."""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import Field

from .dates import Date
from .facts import Citation
from .records import Identifier, Localized, Record


class Leader(Record):
    """A person in the company's leadership, then or now."""

    person: Identifier
    """A fact of kind ``person``."""
    role: Localized
    """The role held."""
    period: Localized
    """When (``from founding to June 2025``)."""
    current: Annotated[bool, Field(strict=True)]
    """Whether the person holds the role as of the briefing: ``true`` or ``false`` only
    (``yes``/``no`` are text in our YAML, and strict mode refuses to read them as booleans)."""
    citations: Annotated[list[Citation], Field(min_length=1)]
    """Where the sources say so."""


class Round(Record):
    """A funding round."""

    id: Identifier
    """Stable id."""
    name: Localized
    """The round's name (``Series A``)."""
    date: Date | None = None
    """When it closed."""
    amount: Identifier | None = None
    """A money fact: the round's size (the funding chart plots it)."""
    valuation: Identifier | None = None
    """A money fact: the company's valuation at the round (the funding chart plots it too)."""
    lead: list[str] = []
    """Lead investors."""
    investors: list[str] = []
    """Other participants named by the sources."""
    citations: Annotated[list[Citation], Field(min_length=1)]
    """Where the sources say so."""


class Item(Record):
    """A product line, contract, partnership, acquisition or stake in the profile."""

    name: Union[str, Localized]
    """Its name (a product, a counterpart, a company); in every language when it is translated."""
    description: Localized
    """What it is, in our own words."""
    date: Date | None = None
    """When, if the sources say."""
    customers: list[Union[str, Localized]] = []
    """For a product line: customers the sources name (a name, or a name per language)."""
    facts: list[Identifier] = []
    """Facts it involves (amounts, shares)."""
    citations: Annotated[list[Citation], Field(min_length=1)]
    """Where the sources say so."""


class Profile(Record):
    """The company profile."""

    name: str
    """The company's name."""
    summary: Localized
    """What the company does, in a paragraph."""
    founded: Identifier
    """A date fact: when the company was founded."""
    figures: list[Identifier]
    """Key facts about its size: headcount, revenue, valuation."""
    leadership: list[Leader]
    """Leaders then and now."""
    ownership: list[Item] = []
    """Notable stakes in the company."""
    rounds: list[Round] = []
    """Funding rounds, in order."""
    products: list[Item] = []
    """Product lines and their customers."""
    contracts: list[Item] = []
    """Government and international contracts."""
    partnerships: list[Item] = []
    """Partnerships."""
    acquisitions: list[Item] = []
    """Acquisitions."""
