"""A document whose middle initial is the applicant's first initial is not the applicant.

Found by the findings scenarios (sample_docs/scenarios.py, other_person): a CME certificate
of "LINDA D MARTINEZ" in David Jimmy Quinn's packet was reported as a probable former name
(warning) instead of another person's document (error).
"""

from credintake.rules.names import known_names, match_applicant, parse_name


def test_middle_initial_equal_to_first_initial_is_not_the_applicant() -> None:
    names = known_names("David", "Jimmy", "Quinn", None, None)
    assert not match_applicant(parse_name("LINDA D QUINN"), names).matches
    assert not match_applicant(parse_name("Alice R. Smith"), known_names("Robert", "James", "Smith", None, None)).matches


def test_goes_by_middle_name_when_the_middle_name_is_not_typed() -> None:
    assert match_applicant(parse_name("James R. Smith"), known_names("Robert", None, "Smith", None, None)).matches
    assert match_applicant(parse_name("JAMES SMITH"), known_names("Robert", "James", "Smith", None, None)).matches
