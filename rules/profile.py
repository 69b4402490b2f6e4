"""Consolidate the packet's documents and the application into one profile.

The profile has the application's shape. Each document becomes a candidate entry of one
section (a state license -> ``licenses``, a diploma -> ``education`` with kind "degree",
each CV line -> ``work_history`` or ``education``); candidates that describe the same
credential (same license number, same board and specialty, same school...) are merged,
and each merged entry is paired with the application's entry for it, if any.

For every field the best evidence wins: a document value weighs its confidence times the
authority of its document type for that section (a license for a license number, a DEA
certificate for a DEA number, a diploma for a degree; a CV less), the application's value
weighs ``settings.application_authority``. Blank application fields are therefore filled
from documents, and a confident primary document overrides a typed value it contradicts
(reconciliation reports the disagreement). Expiration dates are the exception among
several documents of one credential: the latest date wins (a renewal card beats the old
one). Every profile value keeps its evidence, so findings can cite file and page.
"""

from __future__ import annotations

from typing import Any

from credintake.contract import Application, Attestation, Document, GapExplanation, Provider
from credintake.rules.candidates import document_candidates
from credintake.rules.evidence import MODELS, SECTIONS, Entry, Profile, choose
from credintake.rules.pairing import merge_documents, pair
from credintake.rules.provider import holder_names, provider_entry
from credintake.rules.values import is_blank, state_code
from credintake.settings import RuleSettings

__all__ = ["Profile", "build_profile", "consolidate_section"]


def _app_entries(application: Application, section: str) -> list[dict[str, Any]]:
    items = getattr(application, section) or []
    out = []
    for item in items:
        values = {k: v for k, v in item.model_dump().items() if not is_blank(v)}
        out.append(values)
    return out


def consolidate_section(section: str, app_items: list[dict[str, Any]], candidates: list[Entry],
                        settings: RuleSettings) -> list[Entry]:
    """Merge a section's document candidates and pair them with the application's entries."""
    clusters = merge_documents(section, candidates, settings)
    pairs = pair(app_items, [c.doc_view() for c in clusters], section,
                 settings.fuzzy_probable_threshold, settings.fuzzy_match_threshold)
    by_app = {i: j for i, j, _ in pairs}
    paired_docs = set(by_app.values())
    entries: list[Entry] = []
    for i, values in enumerate(app_items):
        if not values:
            continue
        if i in by_app:
            entry = clusters[by_app[i]]
            entry.app_index, entry.app_values = i, values
        else:
            entry = Entry(section=section, app_index=i, app_values=values)
        entries.append(entry)
    entries.extend(c for j, c in enumerate(clusters) if j not in paired_docs)
    for entry in entries:
        choose(entry, settings)
    return entries


# --- the profile ------------------------------------------------------------------------------


def _to_model(section: str, values: dict[str, Any]) -> Any:
    model = MODELS[section]
    allowed = set(model.model_fields)
    data = {k: v for k, v in values.items() if k in allowed}
    for key in ("state", "issuing_state"):
        if key in data:
            data[key] = state_code(data[key])
    return model(**data)


def build_profile(documents: list[Document], application: Application | None,
                  settings: RuleSettings) -> Profile:
    """The consolidated, application-shaped profile with the evidence behind every value."""
    application = application or Application()
    candidates = document_candidates(documents, settings)
    entries = {section: consolidate_section(section, _app_entries(application, section),
                                            candidates[section], settings)
               for section in SECTIONS}
    names = holder_names(documents, settings)
    provider = provider_entry(application, documents, names, entries, settings)
    p = application.provider or Provider()
    provider_values = {k: v for k, v in provider.values.items() if k in Provider.model_fields}
    provider_values["other_names"] = p.other_names
    provider_values["specialty"] = p.specialty
    provider_values["date_of_birth"] = p.date_of_birth
    provider_values["practice_state"] = p.practice_state
    if not provider_values.get("specialty"):
        specialties = {e.values.get("specialty") for e in entries["board_certifications"]
                       if e.values.get("specialty")}
        if len(specialties) == 1:
            provider_values["specialty"] = specialties.pop()
    if not provider_values.get("practice_state"):
        states = {e.values.get("issuing_state") for e in entries["licenses"]
                  if e.values.get("issuing_state")}
        if len(states) == 1:
            provider_values["practice_state"] = states.pop()
    profile_app = Application(
        application_id=application.application_id,
        provider=Provider(**{k: v for k, v in provider_values.items() if v is not None})
        if any(v for v in provider_values.values()) else None,
        gap_explanations=[GapExplanation(**g.model_dump()) for g in application.gap_explanations]
        if application.gap_explanations else None,
        attestation=Attestation(**application.attestation.model_dump())
        if application.attestation else None,
        **{section: [_to_model(section, e.values) for e in section_entries] or None
           for section, section_entries in entries.items()},
    )
    return Profile(application=profile_app, provider=provider, entries=entries,
                   holder_names=names, documents=documents, submitted=application)
