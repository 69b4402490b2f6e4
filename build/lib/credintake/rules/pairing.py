"""Which entries describe the same credential or activity.

Documents of one credential are merged (same license / DEA / policy number, same board
and specialty, same school, same course); merged entries are paired with the
application's entries, one to one, best score first. Near identifiers (one or two edits)
still pair, so a mistyped number is reported as a mismatch, not as a missing document.
"""

from __future__ import annotations

from typing import Any

from credintake.rules.dates import parse_date, same_date
from credintake.rules.evidence import Entry
from credintake.rules.identifiers import edit_distance, normalise_identifier
from credintake.rules.text import normalise_text, text_score
from credintake.rules.values import is_blank, profession_code
from credintake.settings import RuleSettings


def _id_score(a: Any, b: Any, same_place: bool | None) -> float | None:
    """Identifiers: equal 100; one edit 80; two edits (a transposition of non-neighbours)
    in a number of six or more characters 65. +10 when the state (or carrier) agrees, so a
    mistyped number of the same credential still pairs (and shows as a mismatch)."""
    na, nb = normalise_identifier(a), normalise_identifier(b)
    if not na or not nb:
        return None
    if na == nb:
        return 100.0
    distance = edit_distance(na, nb)
    if distance == 1:
        score = 80.0
    elif distance == 2 and min(len(na), len(nb)) >= 6:
        score = 65.0
    else:
        return 0.0
    return score + (10.0 if same_place else 0.0)


def _same(a: Any, b: Any) -> bool | None:
    if is_blank(a) or is_blank(b):
        return None
    return a == b


def _date_penalty(a: Any, b: Any) -> float:
    """0 when two dates agree (at the coarser precision), more the further apart they are."""
    same = same_date(a, b)
    if same is None or same:
        return 0.0
    pa, pb = parse_date(a), parse_date(b)
    assert pa and pb
    # Enough to prefer the right one of two jobs at one employer, not enough to stop a
    # typed start date that is a year off from pairing with its CV line.
    return 10.0 if abs(pa.first_day().year - pb.first_day().year) <= 1 else 20.0


def pair_score(section: str, a: dict[str, Any], b: dict[str, Any],
               match_threshold: float = 88.0) -> float:
    """0-100: how likely two entries of a section describe the same credential or activity.

    ``match_threshold`` is ``settings.fuzzy_match_threshold`` (two carriers are one above it).
    """
    if section == "licenses":
        pa, pb = profession_code(a.get("profession")), profession_code(b.get("profession"))
        if pa and pb and pa != pb:
            return 0.0  # an RN and an NP license of one nurse are two licenses
    if section in ("licenses", "dea", "malpractice_insurance"):
        key = {"licenses": "license_number", "dea": "dea_number",
               "malpractice_insurance": "policy_number"}[section]
        if section == "malpractice_insurance":
            same_place = (text_score(a["carrier"], b["carrier"], "carrier") >= match_threshold
                          if a.get("carrier") and b.get("carrier") else None)
        else:
            where_key = "issuing_state" if section == "licenses" else "state"
            same_place = _same(a.get(where_key), b.get(where_key))
        score = _id_score(a.get(key), b.get(key), same_place)
        if score is not None:
            return score
        if section == "malpractice_insurance":
            if a.get("carrier") and b.get("carrier"):
                same = text_score(a["carrier"], b["carrier"], "carrier") >= match_threshold
                return 90.0 if same else 0.0
            return 60.0
        same = _same(a.get("issuing_state" if section == "licenses" else "state"),
                     b.get("issuing_state" if section == "licenses" else "state"))
        return {True: 90.0, False: 0.0, None: 60.0}[same]
    if section == "board_certifications":
        scores = [text_score(a[f], b[f], f, strict=f == "specialty")
                  for f in ("board", "specialty") if a.get(f) and b.get(f)]
        return min(scores) if scores else 50.0
    if section == "life_support":
        ca = normalise_text(a.get("course"), "course")
        cb = normalise_text(b.get("course"), "course")
        if not ca or not cb:
            return 50.0
        if ca != cb:
            return 0.0
        return 100.0 - _date_penalty(a.get("expiration_date"), b.get("expiration_date"))
    if section == "cme":
        if not a.get("activity_title") or not b.get("activity_title"):
            return 50.0
        return text_score(a["activity_title"], b["activity_title"]) - 2 * _date_penalty(
            a.get("completion_date"), b.get("completion_date"))
    if section == "education":
        if a.get("kind") and b.get("kind") and a["kind"] != b["kind"]:
            return 0.0
        if a.get("institution") and b.get("institution"):
            score = text_score(a["institution"], b["institution"], "institution")
        elif a.get("degree") and b.get("degree"):
            score = text_score(a["degree"], b["degree"], "degree")
        else:
            score = 50.0
        return score - _date_penalty(a.get("end_date"), b.get("end_date"))
    if section == "work_history":
        if a.get("employer") and b.get("employer"):
            score = text_score(a["employer"], b["employer"], "institution")
        else:
            score = 50.0
        return score - _date_penalty(a.get("start_date"), b.get("start_date"))
    return 0.0


def pair(left: list[dict[str, Any]], right: list[dict[str, Any]], section: str,
         threshold: float, match_threshold: float = 88.0) -> list[tuple[int, int, float]]:
    """Greedy best-first one-to-one pairing of two lists of entries (score >= threshold)."""
    scored = sorted(((pair_score(section, a, b, match_threshold), i, j) for i, a in enumerate(left)
                     for j, b in enumerate(right)), key=lambda t: (-t[0], t[1], t[2]))
    used_l: set[int] = set()
    used_r: set[int] = set()
    out = []
    for score, i, j in scored:
        if score < threshold or i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        out.append((i, j, score))
    return out


def merge_documents(section: str, candidates: list[Entry], settings: RuleSettings) -> list[Entry]:
    """Merge candidates that describe one credential (several documents of one license)."""
    clusters: list[Entry] = []
    for cand in candidates:
        best, best_score = None, -1.0
        for cluster in clusters:
            if set(cluster.doc_indexes) & set(cand.doc_indexes):
                continue  # two lines of one CV are two activities
            score = pair_score(section, cluster.doc_view(), cand.doc_view(),
                               settings.fuzzy_match_threshold)
            if score > best_score:
                best, best_score = cluster, score
        if best is not None and best_score >= settings.fuzzy_match_threshold:
            for name, evs in cand.docs.items():
                best.docs.setdefault(name, []).extend(evs)
            best.doc_indexes.extend(cand.doc_indexes)
            best.doc_types.extend(cand.doc_types)
        else:
            clusters.append(cand)
    return clusters
