"""Registry of field extractors, one per document type.

Each module in this package registers one function with ``@register("<doc_type>")``.
The function takes the pages of one document and returns an ``Extraction`` whose field
names must be the contract's for that type (``DOC_TYPE_FIELDS``); registering twice or
emitting an unknown field raises, and an unknown doc type lists the known ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from credintake.contract import CV_ENTRY_FIELDS, DOC_TYPE_FIELDS, FieldValue
from credintake.extractor.layout import Page
from credintake.settings import FieldScorerSettings, get_settings

Fields = dict[str, FieldValue]


@dataclass(frozen=True)
class Notice:
    """What an extractor saw that a rule reports but no contract field holds (an insurance
    certificate whose coverage lines include no professional liability). The reason is
    written for a specialist and carries no document text; the pipeline turns a notice into
    a ``Problem`` of the same kind for its document."""

    kind: str
    reason: str
    page: int | None = None


@dataclass
class Extraction:
    fields: Fields = field(default_factory=dict)
    entries: dict[str, list[Fields]] | None = None
    notices: list[Notice] = field(default_factory=list)

    def values(self) -> Iterator[FieldValue]:
        """Every extracted value, the entries' (CV education, work history) included."""
        yield from self.fields.values()
        for rows in (self.entries or {}).values():
            for row in rows:
                yield from row.values()


Extractor = Callable[[list[Page]], Extraction]
_REGISTRY: dict[str, Extractor] = {}


def register(doc_type: str) -> Callable[[Extractor], Extractor]:
    if doc_type not in DOC_TYPE_FIELDS:
        raise KeyError(f"unknown doc_type {doc_type!r}; known: {sorted(DOC_TYPE_FIELDS)}")

    def wrap(fn: Extractor) -> Extractor:
        if doc_type in _REGISTRY:
            raise ValueError(f"an extractor for {doc_type!r} is already registered")
        _REGISTRY[doc_type] = fn
        return fn

    return wrap


def registered() -> dict[str, Extractor]:
    return dict(_REGISTRY)


def extract(doc_type: str, pages: list[Page], *,
            scorer: FieldScorerSettings | None = None) -> Extraction:
    """Run the registered extractor, then the learned field scorer on the fields it left
    empty (models/field_scorer.py; ``scorer`` defaults to the process settings'
    ``field_scorer``). ``other`` and unregistered types yield no fields."""
    fn = _REGISTRY.get(doc_type)
    if fn is None:
        if doc_type not in DOC_TYPE_FIELDS:
            raise KeyError(f"unknown doc_type {doc_type!r}; known: {sorted(DOC_TYPE_FIELDS)}")
        return Extraction()
    result = fn(pages)
    _check(doc_type, result)
    # imported here: the scorer's candidates use this package's value parsers
    from credintake.models.field_scorer import apply
    apply(doc_type, pages, result.fields, scorer or get_settings().field_scorer)
    return result


def _check(doc_type: str, result: Extraction) -> None:
    unknown = set(result.fields) - set(DOC_TYPE_FIELDS[doc_type])
    for kind, rows in (result.entries or {}).items():
        for row in rows:
            unknown |= {f"{kind}.{k}" for k in set(row) - set(CV_ENTRY_FIELDS.get(kind, ()))}
    if unknown:
        raise ValueError(f"extractor for {doc_type!r} emitted non-contract fields {sorted(unknown)}")
