"""Repair text that was UTF-8 but was read as Windows-1252 / Latin-1 somewhere upstream.

Resume builders and PDF converters often write a text layer already broken this way:
"â€“" for an en dash, "Â" before a no-break space, "ï¼" for a fullwidth comma. A run of
such characters is re-encoded and decoded again as UTF-8; the run is replaced only where
that decodes. Where a byte was lost for good (converters drop the C1 control characters
0x80-0x9F that the second or third byte of a sequence becomes, leaving "Â" or "ï¼" alone),
the broken sequence cannot be recovered and is removed: it stood for a space or for
punctuation, and left in place it glues itself to the words around it.
"""

from __future__ import annotations

import re
import unicodedata

# A lead byte of a 2-4 byte UTF-8 sequence (as its Latin-1 / cp1252 character) followed by
# one to three characters that stand for continuation bytes 0x80-0xBF.
_CONT = "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152" \
        "\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
_RUN = re.compile(rf"[\u00c2-\u00f4][{_CONT}]{{1,3}}")
# "Â" whose no-break space (0xA0) was dropped: always a space that is gone.
_LONE_A = re.compile(rf"\u00c2+(?![{_CONT}])")
# A broken sequence standing alone between spaces ("Company Name ï¼ City").
_LONE_RUN = re.compile(rf"(?:^|(?<=\s))[\u00c2-\u00f4][{_CONT}]{{1,2}}(?=\s|$)")


def _decode(run: str) -> str | None:
    data = bytearray()
    for ch in run:
        try:
            data += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            data.append(ord(ch))  # a C1 control cp1252 leaves undefined
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _lost_bytes(run: str) -> bool:
    """A sequence shorter than its lead byte announces: bytes were dropped."""
    lead = ord(run[0])
    need = 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3
    return len(run) - 1 < need


def repair(text: str) -> str:
    """``text`` with UTF-8-read-as-cp1252 runs decoded; a lone broken sequence and an
    "Â" whose space was lost are removed. Text without such runs is returned unchanged.
    An accented letter of a real word ("José", "café") decodes to nothing and is kept."""
    if not re.search(r"[\u00c2-\u00f4]", text):
        return text

    def fix(m: re.Match[str]) -> str:
        decoded = _decode(m.group())
        if decoded is None:
            return m.group()
        if all(unicodedata.category(c) == "Cf" for c in decoded):
            return ""  # a zero-width space or joiner
        return " " if decoded.isspace() else decoded

    text = _RUN.sub(fix, text)
    text = _LONE_RUN.sub(lambda m: "" if _lost_bytes(m.group()) else m.group(), text)
    return _LONE_A.sub("", text)
