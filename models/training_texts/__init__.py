"""Training-text recipes beside the rendered sample documents (models/train_doc_classifier.py).

The sample-docs generator renders the credentials the project extracts; these recipes add
what real packets hold besides: resumes of the whole care workforce, certificates as many
issuers word them, and look-alike paper that is ``other`` (blank forms, non-liability
insurance, endorsements, compliance certificates, letters). Each recipe returns its label
and its pages' text.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from credintake.models.training_texts import certificates, insurance, negatives, resumes

Recipe = Callable[[random.Random], tuple[str, list[str]]]


def _fixed(label: str, fn: Callable[[random.Random], list[str]]) -> Recipe:
    return lambda rng: (label, fn(rng))


#: recipe name -> (recipe, relative weight)
RECIPES: dict[str, tuple[Recipe, float]] = {
    "resume": (_fixed("cv", resumes.resume), 3.0),
    "life_support": (_fixed("life_support_card", certificates.life_support), 1.5),
    "ce_certificate": (_fixed("cme_certificate", certificates.ce_certificate), 1.5),
    "compliance_certificate": (_fixed("other", certificates.compliance_certificate), 1.5),
    "diploma": (_fixed("diploma", certificates.diploma), 1.5),
    "internship": (_fixed("training_certificate", certificates.internship), 1.5),
    "certification": (_fixed("board_certification", certificates.certification), 1.5),
    "registry_lookup": (_fixed("state_license", certificates.registry_lookup), 0.7),
    "experience_letter": (_fixed("other", certificates.experience_letter), 1.0),
    "liability_certificate": (insurance.liability_certificate, 10.0),
    "property_certificate": (_fixed("other", insurance.property_certificate), 0.7),
    "auto_declarations": (_fixed("other", insurance.auto_declarations), 0.7),
    "endorsement": (_fixed("other", insurance.endorsement), 1.0),
    "blank_form": (_fixed("other", negatives.blank_form), 1.5),
    "privacy_notice": (_fixed("other", negatives.privacy_notice), 0.5),
    "cover_letter": (_fixed("other", negatives.cover_letter), 1.0),
}


def recipe_documents(seed: int, per_unit: int) -> list[tuple[str, str, list[str]]]:
    """``per_unit`` documents per unit of recipe weight: (recipe name, label, page texts).
    Each recipe draws from its own generator, so adding or changing one recipe leaves the
    others' documents as they were (a retrained model differs only by what changed)."""
    docs = []
    for name, (recipe, weight) in sorted(RECIPES.items()):
        rng = random.Random(f"{seed}:{name}")
        docs += [(name, *recipe(rng)) for _ in range(round(per_unit * weight))]
    return docs
