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

#: Modules holding further templates of the types above (registered after the type's own
#: module, so existing template indices stay put): the real-form-geometry families.
EXTRA_MODULES = ("state_lookup", "acord25_form", "verification_profiles", "dea_certificate", "life_support_real")

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
        for mod in DOC_TYPE_MODULES + EXTRA_MODULES:
            importlib.import_module(f"credintake.sample_docs.templates.{mod}")
        _LOADED = True


def _module_rank(fn: TemplateFn) -> int:
    order = DOC_TYPE_MODULES + EXTRA_MODULES
    name = getattr(fn, "__module__", "").rsplit(".", 1)[-1]
    return order.index(name) if name in order else len(order)


def list_templates() -> dict[str, list[str]]:
    """doc_type -> template ids in index order: by module (the type's own, then the extra
    modules in ``EXTRA_MODULES`` order), then registration order, so the order, and with it
    every seeded template pick, does not depend on which module was imported first."""
    _load()
    out = {}
    for dt in DOC_TYPE_MODULES:
        bucket = _REGISTRY.get(dt, {})
        ids = list(bucket)
        out[dt] = sorted(ids, key=lambda t: (_module_rank(bucket[t]), ids.index(t)))
    return out


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
#: extraction generalises to a layout it has never seen (``--holdout-templates``). Where a
#: template drawn on a real form's geometry exists (board look-up printouts, the DEA
#: certificate, an ABMS-style profile, ACORD 25 2016/03, the AHA eCard), it is the held-out
#: one: the held-out bench then scores layouts closest to the paper that really arrives,
#: while the simplified templates of the same documents stay in training (docs/decisions.md).
HOLDOUT_TEMPLATES: frozenset[str] = frozenset({
    "state_license/board_lookup",
    "dea_registration/registration_certificate",
    "board_certification/certification_profile",
    "malpractice_insurance/acord25_2016",
    "diploma/modern_certificate",
    "training_certificate/intern_certificate",
    "life_support_card/aha_ecard",
    "cme_certificate/online_module",
    "cv/typed_plain",
    "other/packet_checklist",
})
