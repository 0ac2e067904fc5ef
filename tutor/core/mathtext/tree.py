"""The parsed formula: atoms, fractions, roots, accents, scripts, delimiters, tables."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union



# --- the parsed formula ---------------------------------------------------------------------------------


@dataclass
class Atom:
    text: str
    cls: str = "ord"  # ord | bin | rel | open | close | punct | op | space


@dataclass
class Frac:
    num: list[Item]
    den: list[Item]


@dataclass
class Sqrt:
    body: list[Item]
    index: list[Item] | None = None


@dataclass
class Accent:
    name: str
    body: list[Item]


@dataclass
class Scripted:
    base: Item
    sub: list[Item] | None = None
    sup: list[Item] | None = None


@dataclass
class Delimited:
    left: str
    body: list[Item]
    right: str


@dataclass
class Table:
    kind: str  # matrix | aligned | cases
    rows: list[list[list[Item]]]
    left: str = ""
    right: str = ""


@dataclass
class Rows:
    """Formula lines separated by \\\\ outside an environment."""

    rows: list[list[Item]] = field(default_factory=list)


Item = Union[Atom, Frac, Sqrt, Accent, Scripted, Delimited, Table, Rows]


class _Marker(Atom):
    """^, _, \\left, \\right, &, \\\\ while parsing; never rendered."""


