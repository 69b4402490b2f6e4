"""A credentialing file's stages and the moves allowed between them, as one table.

A file is ``received`` when its packet arrives, ``in_review`` while a specialist works it,
waits on the provider or on a primary source, goes ``ready_for_committee``, and ends
``approved`` or ``denied``; ``pended`` is the committee's "not yet" (it goes back to review
or waiting). Approved and denied are final: a later change is a new (recredentialing) file.
"""

from __future__ import annotations

from credintake.api.errors import InvalidTransitionError

STAGES = ("received", "in_review", "waiting_on_provider", "waiting_on_source",
          "ready_for_committee", "approved", "denied", "pended")
KINDS = ("initial", "recredentialing")
FINAL = frozenset({"approved", "denied"})
#: moves that need a note saying why (it goes on the file's record)
NOTE_REQUIRED = frozenset({"denied", "pended"})
#: decisions only a coordinator (or admin) records
DECIDE = frozenset({"approved", "denied", "pended"})
#: moves gated by the decision checks (api/desk/checks.py)
GATED = frozenset({"ready_for_committee", "approved"})

_WORK = {"in_review", "waiting_on_provider", "waiting_on_source"}
MOVES: dict[str, frozenset[str]] = {
    "received": frozenset(_WORK | {"ready_for_committee", "denied"}),
    "in_review": frozenset((_WORK - {"in_review"}) | {"ready_for_committee", "denied",
                                                      "pended"}),
    "waiting_on_provider": frozenset({"in_review", "waiting_on_source", "denied", "pended"}),
    "waiting_on_source": frozenset({"in_review", "waiting_on_provider", "denied", "pended"}),
    "ready_for_committee": frozenset({"approved", "denied", "pended", "in_review"}),
    "pended": frozenset({"in_review", "waiting_on_provider", "waiting_on_source",
                         "ready_for_committee", "denied"}),
    "approved": frozenset(),
    "denied": frozenset(),
}


def check_move(current: str, target: str) -> None:
    """Raise ``InvalidTransitionError`` unless ``current`` -> ``target`` is in ``MOVES``."""
    if target not in STAGES:
        raise InvalidTransitionError(f"unknown stage {target!r}; stages: {', '.join(STAGES)}")
    if target not in MOVES.get(current, frozenset()):
        allowed = ", ".join(sorted(MOVES.get(current, ()))) or "none (a final stage)"
        raise InvalidTransitionError(f"a file cannot move from {current} to {target}; "
                                     f"from {current} it may move to: {allowed}")
