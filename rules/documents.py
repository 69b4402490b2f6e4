"""document.*: files or pages that could not be read, documents of unknown type.

Raised from the read/classify stage's problems (``credintake.problems.Problem``), one
finding per problem (duplicates collapsed; a run of consecutive unreadable pages of one file
with the same reason is one finding). Both are warnings: the specialist must look,
and if the unreadable file was a required credential, completeness.missing_document
already blocks approval.
"""

from __future__ import annotations

from collections.abc import Iterator

from credintake.contract import Finding
from credintake.problems import Problem
from credintake.rules.context import RuleContext, cite
from credintake.rules.registry import get, register


def _unique(problems: list[Problem], kind: str) -> list[Problem]:
    seen: set[tuple[str, int | None, str]] = set()
    out = []
    for p in problems:
        key = (p.file, p.page, p.reason)
        if p.kind == kind and key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _evidence(p: Problem, doc_type: str | None) -> dict[str, object]:
    return {"file": p.file, "page": p.page, "reason": p.reason,
            "document_index": p.document_index, "doc_type": doc_type}


def _doc_type(ctx: RuleContext, p: Problem) -> str | None:
    if p.document_index is not None and 0 <= p.document_index < len(ctx.documents):
        return ctx.documents[p.document_index].doc_type
    return None


def _why_unclassified(reason: str) -> str:
    """The stage's reason, framed once ("the document type could not be determined")."""
    reason = reason.strip().rstrip(".")
    if "could not be determined" in reason.lower():
        return reason[:1].lower() + reason[1:]
    return f"the document type could not be determined ({reason})"


def _runs(problems: list[Problem]) -> list[tuple[Problem, int | None]]:
    """Consecutive pages of one file that failed for the same reason, as (first problem,
    last page): a 3,000-page file over the page limit is one finding, not 2,500."""
    runs: list[tuple[Problem, int | None]] = []
    for p in problems:
        if runs:
            first, last = runs[-1]
            if (p.page is not None and last is not None and p.page == last + 1
                    and (p.file, p.reason) == (first.file, first.reason)):
                runs[-1] = (first, p.page)
                continue
        runs.append((p, p.page))
    return runs


@register("document.unreadable", severity="warning")
def unreadable(ctx: RuleContext) -> Iterator[Finding]:
    """A file or page could not be read (damaged, encrypted, empty, OCR too poor)."""
    rule = get("document.unreadable")
    for p, last in _runs(_unique(ctx.problems, "unreadable")):
        where = cite(file=p.file, page=p.page)
        evidence = _evidence(p, _doc_type(ctx, p))
        if last is not None and p.page is not None and last > p.page:
            where = f"{p.file} p.{p.page}-{last} ({last - p.page + 1} pages)"
            evidence["last_page"] = last
        yield rule.finding(
            field=None,
            message=(f"{where} could not be read ({p.reason.rstrip('.')}): "
                     f"request a legible copy from the provider, then re-run intake."),
            evidence=evidence)


@register("document.unclassified", severity="warning")
def unclassified(ctx: RuleContext) -> Iterator[Finding]:
    """A document's type could not be determined."""
    rule = get("document.unclassified")
    for p in _unique(ctx.problems, "unclassified"):
        yield rule.finding(
            field=None,
            message=(f"{cite(file=p.file, page=p.page)}: {_why_unclassified(p.reason)}: open "
                     f"it and set its type by hand, or ask the provider what it is meant to be."),
            evidence=_evidence(p, _doc_type(ctx, p)))
