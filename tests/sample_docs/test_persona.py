"""Identifiers the generator prints must be valid by the contract's own rules (DOMAIN.md)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from credintake.sample_docs.persona import (
    dea_check_digit, is_valid_dea, is_valid_npi, make_dea, make_npi, make_persona, npi_check_digit)


def test_npi_known_values() -> None:
    assert is_valid_npi("1234567893")  # CMS's published example
    assert not is_valid_npi("1234567890")
    assert npi_check_digit("123456789") == 3


def test_dea_known_values() -> None:
    assert is_valid_dea("BB1388568", "Bell")
    assert not is_valid_dea("BB1388567")
    assert not is_valid_dea("BB1388568", "Smith")  # second letter is not the last-name initial
    assert not is_valid_dea("XB1388568")  # unknown registrant type
    assert dea_check_digit("138856") == 8


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=2**32))
def test_generated_npi_valid_and_any_single_digit_change_caught(seed: int) -> None:
    rng = random.Random(seed)
    npi = make_npi(rng)
    assert len(npi) == 10 and npi.isdigit() and is_valid_npi(npi)
    pos = rng.randrange(10)
    other = str((int(npi[pos]) + rng.randrange(1, 10)) % 10)
    assert not is_valid_npi(npi[:pos] + other + npi[pos + 1:])


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=2**32), st.from_regex(r"[A-Z][a-z]{1,10}", fullmatch=True), st.booleans())
def test_generated_dea_valid(seed: int, last: str, mid: bool) -> None:
    dea = make_dea(random.Random(seed), last, mid)
    assert is_valid_dea(dea, last)
    assert dea[1] == last[0]
    assert (dea[0] == "M") == mid
    bad_check = dea[:8] + str((int(dea[8]) + 1) % 10)
    assert not is_valid_dea(bad_check)


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=2**32))
def test_persona_is_consistent(seed: int) -> None:
    p = make_persona(random.Random(seed), "2026-11-22")
    assert is_valid_npi(p.npi)
    if p.dea is not None:
        assert is_valid_dea(p.dea.number, p.last)
        assert p.dea.state == p.practice_state
    else:
        assert p.profession == "RN"
    assert 3 <= len(p.jobs) <= 6 and p.jobs[0].start_date > p.degree.end_date
    for a, b in zip(p.jobs, p.jobs[1:]):
        assert a.end_date is not None and a.end_date < b.start_date
    assert p.training and all(t.start_date < t.end_date for t in p.training)
    assert p.malpractice.per_claim < p.malpractice.aggregate
    assert p.licenses[0].state == p.practice_state


def test_persona_same_seed_same_person() -> None:
    a = make_persona(random.Random(11))
    b = make_persona(random.Random(11))
    assert a == b
    assert make_persona(random.Random(12)) != a


def test_documents_before_a_name_change_print_the_former_name() -> None:
    p = next(q for q in (make_persona(random.Random(s), profession="MD") for s in range(500)) if q.former_last)
    assert p.name_change is not None and p.former_last in p.other_names[0]
    before = p.full_name(middle="none", when=p.name_change.replace(year=p.name_change.year - 1))
    after = p.full_name(middle="none", when=p.as_of)
    assert before == f"{p.first} {p.former_last}" and after == f"{p.first} {p.last}"


def test_persona_facts_flag_expired_credentials() -> None:
    from credintake.sample_docs.profile import persona_facts

    for seed in range(300):
        p = make_persona(random.Random(seed))
        facts = persona_facts(p)
        for i, lic in enumerate(p.licenses):
            assert (f"licenses[{i}]" in facts["expired"]) == (lic.expiration_date < p.as_of)
        assert facts["attestation_stale"] == ((p.as_of - p.attestation_date).days > 180)
    assert any(persona_facts(make_persona(random.Random(s)))["expired"] for s in range(50))
