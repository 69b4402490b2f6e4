"""UTF-8 text read as Windows-1252: repaired where it decodes, dropped where bytes are lost,
left alone where it is a real accented word."""

from __future__ import annotations

import pytest

from credintake.extractor.mojibake import repair


@pytest.mark.parametrize(("text", "fixed"), [
    ("2015 â€“ 2019", "2015 – 2019"),  # an en dash
    ("St. Johnâ€™s", "St. John’s"),  # a right quote
    ("Ã©cole", "école"),
    ("Company Name ï¼ City", "Company Name  City"),  # a fullwidth comma whose last byte is lost
    ("care Â", "care "),  # a no-break space whose second byte is lost
    ("andÂ", "and"),
    ("ID 55501ÂÂÂ", "ID 55501"),
    ("Â°F", "°F"),
    ("aâ€‹b", "ab"),  # a zero-width space
])
def test_repaired(text: str, fixed: str) -> None:
    assert repair(text) == fixed


@pytest.mark.parametrize("text", ["José Müller", "café", "Renée", "naïve", "à Paris",
                                  "Montréal, QC", "Ãlvarez", "plain ASCII"])
def test_real_text_kept(text: str) -> None:
    assert repair(text) == text
