"""expiration.expired / expiration.expiring_soon at their boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from credintake.contract import Application, License, Provider
from rules_factories import AS_OF, doc, only, run


def _license(expires: str, file: str = "scan_0003.pdf"):
    return [doc("state_license", file, license_number="A12345", issuing_state="CA",
                expiration_date=expires)]


def _iso(days: int) -> str:
    return (AS_OF + dt.timedelta(days=days)).isoformat()


@pytest.mark.parametrize("expires, rule, days", [
    (_iso(-1), "expiration.expired", -1),
    (_iso(-400), "expiration.expired", -400),
    (_iso(0), "expiration.expiring_soon", 0),       # valid through as_of itself
    (_iso(1), "expiration.expiring_soon", 1),
    (_iso(90), "expiration.expiring_soon", 90),     # exactly 90 days: still in the window
    (_iso(91), None, None),
    ("2026-11", "expiration.expiring_soon", 8),     # month precision: valid through Nov 30
    ("2026-10", "expiration.expired", -22),         # ... and expired after Oct 31
    ("2026", "expiration.expiring_soon", 39),       # year precision: through Dec 31
])
def test_license_expiry_boundaries(expires: str, rule: str | None, days: int | None) -> None:
    ev = run(_license(expires))
    fired = [f for f in ev.findings if f.rule.startswith("expiration.")]
    if rule is None:
        assert fired == []
        return
    (f,) = fired
    assert f.rule == rule and f.evidence["days"] == days
    assert f.field == "licenses.expiration_date"
    assert f.severity == ("error" if rule == "expiration.expired" else "warning")
    assert "scan_0003.pdf p.1" in f.message and "A12345" in f.message
    assert f.evidence["file"] == "scan_0003.pdf" and f.evidence["page"] == 1
    assert f.evidence["doc_type"] == "state_license"


def test_expired_message_tells_what_to_do() -> None:
    (f,) = only(run(_license("2026-03-31")), "expiration.expired")
    assert f.message == ("State license A12345, CA (scan_0003.pdf p.1) expired on 2026-03-31: "
                         "request proof of renewal from the provider or verify the renewal with "
                         "the state board.")


def test_window_is_a_setting() -> None:
    assert only(run(_license(_iso(45)), expiring_soon_days=30), "expiration.expiring_soon") == []
    assert only(run(_license(_iso(45)), expiring_soon_days=60), "expiration.expiring_soon")


@pytest.mark.parametrize("doc_type, fields, field", [
    ("dea_registration", {"dea_number": "BB1388568"}, "dea.expiration_date"),
    ("board_certification", {"board": "ABIM", "specialty": "Internal Medicine"},
     "board_certifications.expiration_date"),
    ("malpractice_insurance", {"policy_number": "PL1", "per_claim_limit": 1_000_000,
                               "aggregate_limit": 3_000_000}, "malpractice_insurance.expiration_date"),
    ("life_support_card", {"course": "BLS"}, "life_support.expiration_date"),
])
def test_every_credential_kind_expires(doc_type: str, fields: dict, field: str) -> None:
    ev = run([doc(doc_type, "x.pdf", expiration_date="2026-01-15", **fields)])
    (f,) = only(ev, "expiration.expired")
    assert f.field == field


def test_lifetime_board_certificate_has_no_expiry_finding() -> None:
    ev = run([doc("board_certification", "b.pdf", board="ABIM", specialty="Internal Medicine",
                  issue_date="1995-06-01")])
    assert [f for f in ev.findings if f.rule.startswith("expiration.")] == []


def test_renewed_license_is_not_expired() -> None:
    docs = _license("2025-03-31", "old.pdf") + _license("2027-03-31", "new.pdf")
    assert [f for f in run(docs).findings if f.rule.startswith("expiration.")] == []


def test_application_only_expiry_cites_the_application() -> None:
    ev = run([], Application(provider=Provider(first_name="A", last_name="B"),
                             licenses=[License(license_number="Q1", expiration_date="2020-01-01")]))
    (f,) = only(ev, "expiration.expired")
    assert "(application.json)" in f.message and f.evidence["file"] == "application.json"


def test_status_expired_without_date() -> None:
    ev = run([doc("state_license", "l.pdf", license_number="A1", status="Expired")])
    (f,) = only(ev, "expiration.expired")
    assert f.field == "licenses.status" and "l.pdf p.1" in f.message
