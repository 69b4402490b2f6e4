"""malpractice.not_professional_liability, and insufficient_coverage beside it."""

from __future__ import annotations

from credintake.problems import Problem
from tests.rules.factories import doc, only, run

REASON = ("the certificate's coverage lines are general liability, automobile liability; none is "
          "professional (medical malpractice / E&O) liability")


def _gl_certificate():
    return doc("malpractice_insurance", "coi.pdf", carrier="Granite Mutual", policy_number="GL77",
               per_claim_limit=1_000_000, aggregate_limit=2_000_000, expiration_date="2027-03-01")


def test_certificate_without_professional_line_is_an_error() -> None:
    ev = run([_gl_certificate()],
             problems=[Problem("not_professional_liability", "coi.pdf", REASON, 1, 0)])
    found = only(ev, "malpractice.not_professional_liability")
    assert len(found) == 1
    f = found[0]
    assert f.severity == "error" and f.field == "malpractice_insurance"
    assert "coi.pdf p.1" in f.message and "does not prove malpractice cover" in f.message
    assert f.evidence["policy_number"] == "GL77" and f.evidence["doc_type"] == "malpractice_insurance"


def test_general_liability_limits_are_not_judged_as_malpractice_limits() -> None:
    """A $2M general aggregate is no malpractice shortfall: the certificate is reported once,
    as not professional liability."""
    ev = run([_gl_certificate()],
             problems=[Problem("not_professional_liability", "coi.pdf", REASON, 1, 0)])
    assert only(ev, "malpractice.insufficient_coverage") == []


def test_professional_certificate_is_judged_as_before() -> None:
    ev = run([_gl_certificate()])
    assert only(ev, "malpractice.not_professional_liability") == []
    assert [f.field for f in only(ev, "malpractice.insufficient_coverage")] == [
        "malpractice_insurance.aggregate_limit"]
