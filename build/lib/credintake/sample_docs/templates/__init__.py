"""Template registry: one module per doc type, each template a function registered by id.

A template is ``fn(doc: Doc, rec: Rec, persona: Persona, rng: random.Random) -> None``:
it draws one document starting on the current (fresh) page of ``doc`` and records every
labelled value on ``rec`` as it prints it. Ids are ``"<doc_type>/<name>"`` and stable;
``index`` is the template's position within its type (registration order).
"""

from __future__ import annotations

import importlib
import random
from typing import Callable, Protocol

from credintake.sample_docs.persona import Persona
from credintake.sample_docs.render import Doc, Rec


class TemplateFn(Protocol):
    def __call__(self, doc: Doc, rec: Rec, persona: Persona, rng: random.Random) -> None: ...


DOC_TYPE_MODULES = ("state_license", "dea_registration", "board_certification", "malpractice_insurance",
                    "diploma", "training_certificate", "life_support_card", "cme_certificate", "cv", "other")

_REGISTRY: dict[str, dict[str, TemplateFn]] = {}
_LOADED = False


def template(doc_type: str, name: str) -> Callable[[TemplateFn], TemplateFn]:
    """Register ``fn`` as template ``<doc_type>/<name>``; a duplicate id is a bug."""

    def deco(fn: TemplateFn) -> TemplateFn:
        tid = f"{doc_type}/{name}"
        bucket = _REGISTRY.setdefault(doc_type, {})
        if tid in bucket:
            raise ValueError(f"duplicate template id {tid}")
        bucket[tid] = fn
        return fn

    return deco


def _load() -> None:
    global _LOADED
    if not _LOADED:
        for mod in DOC_TYPE_MODULES:
            importlib.import_module(f"credintake.sample_docs.templates.{mod}")
        _LOADED = True


def list_templates() -> dict[str, list[str]]:
    """doc_type -> template ids in index order."""
    _load()
    return {dt: list(_REGISTRY.get(dt, {})) for dt in DOC_TYPE_MODULES}


def get_template(template_id: str) -> TemplateFn:
    _load()
    doc_type = template_id.split("/", 1)[0]
    try:
        return _REGISTRY[doc_type][template_id]
    except KeyError:
        known = ", ".join(t for ids in list_templates().values() for t in ids)
        raise KeyError(f"unknown template {template_id!r}; known: {known}") from None


def template_index(template_id: str) -> int:
    doc_type = template_id.split("/", 1)[0]
    return list_templates()[doc_type].index(template_id)


#: One template per doc type kept out of training data, so evaluation can measure how
#: extraction generalises to a layout it has never seen (``--holdout-templates``).
HOLDOUT_TEMPLATES: frozenset[str] = frozenset({
    "state_license/renewal_form",
    "dea_registration/renewal_receipt",
    "board_certification/wallet_card",
    "malpractice_insurance/carrier_certificate",
    "diploma/modern_certificate",
    "training_certificate/intern_certificate",
    "life_support_card/card_front_back",
    "cme_certificate/online_module",
    "cv/typed_plain",
    "other/packet_checklist",
})
