"""Typed candidates and their neighbourhood features for the learned field scorer
(models/field_scorer.py): ``generate`` finds every date, amount, identifier, name,
organisation and state on a document's pages; ``features`` describes each one's
surroundings for each field of its kind."""

from credintake.extractor.candidates.features import DocView, candidate_tokens, pair_features
from credintake.extractor.candidates.generate import KINDS, Candidate, field_kinds, generate

__all__ = ["KINDS", "Candidate", "DocView", "candidate_tokens", "field_kinds", "generate",
           "pair_features"]
