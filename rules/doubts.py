"""Values the rules did not trust enough to decide on, one per value.

A rule that would judge a document value read below ``min_confidence_to_flag`` (and
confirmed by no other source) records a ``Doubt`` instead of its finding;
extraction.low_confidence (rules/low_confidence.py) then asks a person to look at the
value on the page, once per value however many rules needed it, never a cascade.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from credintake.contract import Source


@dataclass
class Doubt:
    """One value a rule did not decide on, and the rules that needed it."""

    field: str                  # dotted application path ("licenses.expiration_date")
    value: Any
    source: Source
    doc_type: str | None
    reason: str                 # "read with confidence 0.42" / "a form label" / ...
    rules: list[str] = field(default_factory=list)


class Doubts:
    """The doubted values of one packet, keyed by where they were read and what they are."""

    def __init__(self) -> None:
        self._items: dict[tuple[Any, ...], Doubt] = {}

    def add(self, *, field: str, value: Any, source: Source, doc_type: str | None,
            reason: str, rule: str) -> Doubt:
        key = (source.file, source.page, field, str(value))
        doubt = self._items.setdefault(key, Doubt(field, value, source, doc_type, reason))
        if rule not in doubt.rules:
            doubt.rules.append(rule)
        return doubt

    def __iter__(self) -> Iterator[Doubt]:
        return iter(list(self._items.values()))

    def __len__(self) -> int:
        return len(self._items)
