"""Seeded generator of labeled credentialing packets (PDFs + ground-truth labels).

One seed -> one persona -> one packet of documents whose every printed value is
recorded in the label by the template line that printed it. Same seed, same bytes.

    python -m credintake.sample_docs.generate --seed 7 --count 6 --out DIR [--holdout-templates]
    python -m credintake.sample_docs.generate --check     # committed set still reproducible?
"""

from __future__ import annotations

import argparse
import filecmp
import json
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from credintake.sample_docs.persona import Persona, make_persona
from credintake.sample_docs.profile import application_from_profile, persona_facts, profile_from_persona
from credintake.sample_docs.render import Doc, Rec
from credintake.sample_docs.scenarios import adjust_application, adjust_plan, expectations
from credintake.sample_docs.scenarios import setup as scenario_setup
from credintake.sample_docs.templates import HOLDOUT_TEMPLATES, get_template, list_templates

COMMITTED_DIR = Path(__file__).resolve().parent / "committed"
COMMITTED_SEED = 4
COMMITTED_COUNT = 6
DEFAULT_AS_OF = "2026-11-22"

TemplateFilter = Callable[[str], bool]


@dataclass(frozen=True)
class RenderedDoc:
    """One rendered document: its PDF bytes and its label (contract-shaped, see README)."""

    pdf: bytes
    label: dict[str, Any]


def supports(persona: Persona, doc_type: str) -> bool:
    """Whether the persona holds what ``doc_type`` shows (an RN has no DEA registration)."""
    return not (doc_type == "dea_registration" and persona.dea is None)


def _items(persona: Persona, doc_type: str) -> int:
    return {"state_license": len(persona.licenses), "board_certification": len(persona.board_certs),
            "training_certificate": len(persona.training), "life_support_card": len(persona.life_support),
            "cme_certificate": len(persona.cme)}.get(doc_type, 1)


def _render_into(doc: Doc, doc_type: str, template_id: str | None, persona: Persona, rng: random.Random,
                 item: int = 0, template_filter: TemplateFilter | None = None) -> dict[str, Any]:
    if not supports(persona, doc_type):
        raise ValueError(f"persona (profession {persona.profession}) has nothing to show as {doc_type}")
    if template_id is None:
        ids = [t for t in list_templates()[doc_type] if template_filter is None or template_filter(t)]
        if not ids:
            raise ValueError(f"no template of {doc_type} passes the filter")
        template_id = rng.choice(ids)
    elif not template_id.startswith(doc_type + "/"):
        raise ValueError(f"template {template_id} does not render {doc_type}")
    fn = get_template(template_id)
    rec = Rec()
    rec.item = item
    first = doc.start()
    doc.jitter(rng)
    doc.rec = rec
    try:
        fn(doc, rec, persona, rng)
    finally:
        doc.rec = None
    label: dict[str, Any] = {"doc_type": doc_type, "template": template_id, "condition": "text",
                             "pages": list(range(first, doc.page + 1)), "fields": rec.fields, "raw": rec.raw,
                             "boxes": {k: rec.boxes[k] for k in rec.fields if k in rec.boxes}}
    if doc_type == "cv":
        label["entries"] = rec.entries or {"education": [], "work_history": []}
        label["entries_raw"] = rec.entries_raw or {"education": [], "work_history": []}
    return label


def render_document(doc_type: str, template_id: str | None, persona: Persona, rng: random.Random,
                    *, item: int = 0, template_filter: TemplateFilter | None = None) -> RenderedDoc:
    """Render one document of ``doc_type`` for ``persona`` as a text-layer PDF.

    ``template_id`` None picks one with ``rng`` among those passing ``template_filter``
    (e.g. ``lambda t: t not in HOLDOUT_TEMPLATES`` for training data); ``item`` selects which
    of the persona's licenses / board certs / trainings / cards / CME certificates to show
    (modulo their count). Raises ValueError when the persona has nothing of that type
    (``supports``) or no template passes the filter.
    """
    doc = Doc()
    label = _render_into(doc, doc_type, template_id, persona, rng, item, template_filter)
    return RenderedDoc(doc.finish(), label)


# --- packets ---------------------------------------------------------------------------

def _plan(persona: Persona, rng: random.Random) -> list[tuple[str, int]]:
    """Which documents this provider sends (a realistic, seeded, sometimes incomplete packet)."""
    plan: list[tuple[str, int]] = []
    for i in range(len(persona.licenses)):
        if i == 0 or rng.random() < 0.75:
            plan.append(("state_license", i))
    if persona.dea and rng.random() < 0.9:
        plan.append(("dea_registration", 0))
    for i in range(len(persona.board_certs)):
        if rng.random() < 0.9:
            plan.append(("board_certification", i))
    if rng.random() < 0.92:
        plan.append(("malpractice_insurance", 0))
    if rng.random() < 0.85:
        plan.append(("diploma", 0))
    for i in range(len(persona.training)):
        if rng.random() < 0.85:
            plan.append(("training_certificate", i))
    for i in range(len(persona.life_support)):
        if rng.random() < 0.85:
            plan.append(("life_support_card", i))
    for i in range(len(persona.cme)):
        if rng.random() < 0.5:
            plan.append(("cme_certificate", i))
    if rng.random() < 0.95:
        plan.append(("cv", 0))
    rng.shuffle(plan)
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        plan.insert(rng.randrange(len(plan) + 1), ("other", 0))
    return plan


def _file_names(rng: random.Random, n: int) -> list[str]:
    style = rng.randrange(5)
    base = rng.randrange(1, 9000)
    names = []
    k = base
    for _ in range(n):
        k += rng.choice((1, 1, 2, 3))
        names.append([f"scan_{k:04d}.pdf", f"IMG_{k:04d}.pdf", f"document{k}.pdf",
                      f"upload_{rng.getrandbits(32):08x}.pdf", f"{k:08d}.pdf"][style])
    if len(set(names)) == n:
        return names
    return [f"file_{i:03d}_{rng.getrandbits(16):04x}.pdf" for i in range(n)]


def generate_packet(seed: int, out_root: Path, *, template_filter: TemplateFilter | None = None,
                    blank_application: bool = False, as_of: str = DEFAULT_AS_OF,
                    scenarios: bool | list[str] = False) -> str:
    """Write ``out_root/packets/<id>/`` (PDFs, maybe application.json) and ``out_root/labels/<id>.json``.

    Returns the packet id. Documents whose type has no template passing ``template_filter``
    are left out of the packet. ``scenarios`` (True: drawn from the seed; or a list of names)
    (an empty list: none)
    builds a sanitised packet with findings scenarios and writes ``scenarios``,
    ``expected_findings`` and ``forbidden_findings`` into the labels (see scenarios.py);
    without it the packet is exactly the classic one.
    """
    out_root = Path(out_root)
    rng = random.Random(seed)
    setup = None
    if scenarios is True or isinstance(scenarios, (list, tuple)):  # [] = sanitised, no scenario
        setup = scenario_setup(seed, as_of, blank_application, scenarios, rng)
        persona = setup.persona
    else:
        persona = make_persona(random.Random(rng.getrandbits(64)), as_of)
    packet_id = f"pkt-{seed:06d}"
    allowed = {dt: [t for t in ids if template_filter is None or template_filter(t)]
               for dt, ids in list_templates().items()}
    plan = _plan(persona, rng)
    if setup is not None:
        plan = adjust_plan(setup, plan)
    plan = [(dt, i) for dt, i in plan if allowed[dt]]
    # group into files: mostly one document per file, sometimes two in one PDF
    groups: list[list[tuple[str, int]]] = []
    k = 0
    while k < len(plan):
        if k + 1 < len(plan) and (rng.random() < 0.12 or (plan[k][0] == "other" and rng.random() < 0.5)):
            groups.append(plan[k:k + 2])
            k += 2
        else:
            groups.append(plan[k:k + 1])
            k += 1
    pdir = out_root / "packets" / packet_id
    pdir.mkdir(parents=True, exist_ok=True)
    names = _file_names(rng, len(groups))
    documents: list[dict[str, Any]] = []
    for name, group in zip(names, groups):
        doc = Doc()
        for dt, item in group:
            who, it = setup.subject(item) if setup is not None else (persona, item)
            label = _render_into(doc, dt, None, who, rng, it, template_filter)
            documents.append({"file": name, **label, **({"other_person": True} if who is not persona else {})})
        (pdir / name).write_bytes(doc.finish())

    profile = profile_from_persona(persona)
    app_state = "blank" if blank_application else rng.choices(("full", "partial", "absent"), (70, 18, 12))[0]
    if setup is not None:
        app_state = setup.app_state
    application = application_from_profile(profile, persona, rng, app_state)
    discrepancies = application.pop("_discrepancies", []) if application is not None else []
    if setup is not None:
        discrepancies = adjust_application(setup, application, profile, discrepancies, documents)
    if application is not None:
        (pdir / "application.json").write_text(json.dumps(application, indent=2, sort_keys=False) + "\n")
    labels = {"packet_id": packet_id, "as_of": as_of, "documents": documents, "profile": profile,
              "application_blank": app_state in ("blank", "absent"), "application_state": app_state,
              "application_discrepancies": discrepancies,
              "profession": persona.profession, "persona_facts": persona_facts(persona)}
    if setup is not None:
        expected, forbidden = expectations(setup, documents, application)
        labels.update(scenarios=setup.names, expected_findings=expected, forbidden_findings=forbidden)
    (out_root / "labels").mkdir(parents=True, exist_ok=True)
    (out_root / "labels" / f"{packet_id}.json").write_text(json.dumps(labels, indent=2) + "\n")
    return packet_id


def generate_batch(seed: int, count: int, out_root: Path, **kw: Any) -> list[str]:
    """``count`` packets with seeds derived from ``seed`` (packet i uses seed*1000 + i)."""
    return [generate_packet(seed * 1000 + i, out_root, **kw) for i in range(count)]


# --- CLI -------------------------------------------------------------------------------

def _diff_trees(a: Path, b: Path) -> list[str]:
    fa = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    fb = {p.relative_to(b) for p in b.rglob("*") if p.is_file() and p.name != "README.md"}
    fa = {p for p in fa if p.name != "README.md"}
    diffs = [f"only in committed: {p}" for p in sorted(fb - fa)] + [f"missing from committed: {p}" for p in sorted(fa - fb)]
    diffs += [f"differs: {p}" for p in sorted(fa & fb) if not filecmp.cmp(a / p, b / p, shallow=False)]
    return diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m credintake.sample_docs.generate", description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=COMMITTED_SEED)
    ap.add_argument("--count", type=int, default=COMMITTED_COUNT)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--as-of", default=DEFAULT_AS_OF)
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--holdout-templates", action="store_true", help="use only the held-out templates (evaluation)")
    g.add_argument("--exclude-holdout", action="store_true", help="never use the held-out templates (training)")
    ap.add_argument("--blank-application", action="store_true")
    ap.add_argument("--scenarios", action="store_true", help="sanitised packets with seeded findings scenarios")
    ap.add_argument("--check", action="store_true", help="regenerate the committed set and diff it (exit 1 on difference)")
    ap.add_argument("--update-committed", action="store_true", help="rewrite sample_docs/committed/")
    args = ap.parse_args(argv)
    if args.check or args.update_committed:
        if args.update_committed:
            target = COMMITTED_DIR
            for sub in ("packets", "labels"):
                for p in sorted((target / sub).rglob("*"), reverse=True) if (target / sub).exists() else []:
                    p.unlink() if p.is_file() else p.rmdir()
            generate_batch(COMMITTED_SEED, COMMITTED_COUNT, target)
            print(f"wrote {COMMITTED_COUNT} packets to {target}")
            return 0
        with tempfile.TemporaryDirectory() as tmp:
            generate_batch(COMMITTED_SEED, COMMITTED_COUNT, Path(tmp))
            diffs = _diff_trees(Path(tmp), COMMITTED_DIR)
        for d in diffs:
            print(d, file=sys.stderr)
        print("committed set is up to date" if not diffs else f"{len(diffs)} difference(s)")
        return 1 if diffs else 0
    if args.out is None:
        ap.error("--out is required unless --check/--update-committed")
    filt: TemplateFilter | None = None
    if args.holdout_templates:
        filt = HOLDOUT_TEMPLATES.__contains__
    elif args.exclude_holdout:
        filt = lambda t: t not in HOLDOUT_TEMPLATES  # noqa: E731
    ids = generate_batch(args.seed, args.count, args.out, template_filter=filt,
                         blank_application=args.blank_application, as_of=args.as_of, scenarios=args.scenarios)
    print(f"wrote {len(ids)} packets to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
