"""Small pieces of the review screens that need no browser: session signing, the typing
of corrected values entered in a form, and which field a finding's highlight opens."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from credintake.api.schemas import FieldPublic
from credintake.api.ui import session as sess
from credintake.api.ui.routes import _typed
from credintake.api.ui.view import _field_named


def test_session_signing_rejects_tampering_and_expiry(tmp_path: Path) -> None:
    key = sess.load_key(tmp_path)
    assert sess.load_key(tmp_path) == key                      # kept in the data dir
    assert (tmp_path / "ui-session.key").stat().st_mode & 0o777 == 0o600
    data = sess.new_session(7, "ab" * 32)
    cookie = sess.sign(key, data)
    assert sess.unsign(key, cookie) == data
    body, mac = cookie.split(".")
    assert sess.unsign(key, body[:-1] + ("A" if body[-1] != "A" else "B") + "." + mac) is None
    assert sess.unsign(b"another key" * 3, cookie) is None
    assert sess.unsign(key, sess.sign(key, {**data, "exp": int(time.time()) - 1})) is None
    assert sess.unsign(key, None) is None and sess.unsign(key, "garbage") is None


def test_form_values_take_the_type_of_the_corrected_value() -> None:
    assert _typed("$1,000,000", 2000000) == 1000000
    assert _typed("15.5", 20.0) == 15.5 and _typed("20", 15.75) == 20.0
    assert _typed("no", True) is False
    assert _typed("2025-09-12", "2027-09-12") == "2025-09-12"
    assert _typed("about a million", 1) == "about a million"   # kept as typed, not lost


def _cv_fields() -> list[FieldPublic]:
    rows = [(None, None, "name", "Ana Ruiz", 1), ("education", 0, "start_date", "2008-09", 2),
            ("education", 0, "end_date", "2012-05", 2), ("work_history", 0, "start_date",
                                                           "2016-10", 1),
            ("work_history", 1, "start_date", "2019-03", 1),
            ("work_history", 1, "end_date", "2024-01", 1)]
    return [FieldPublic(id=i + 1, document_index=0, entry=entry, entry_index=idx, name=name,
                        value=value, confidence=0.9, page=page, bbox=[1, 2, 3, 4],
                        corrected=False, corrected_value=None)
            for i, (entry, idx, name, value, page) in enumerate(rows)]


@pytest.mark.parametrize(("path", "evidence", "expected_id"), [
    ("work_history.start_date", {"page": 1}, 4),                   # not education's
    ("work_history.start_date", {"page": 1, "document_value": "2019-03"}, 5),
    ("work_history.end_date", {"page": 1}, 6),
    ("education.start_date", {"page": 2}, 2),
    ("education.end_date", {"page": 2, "document_value": "2012-05"}, 3),
    ("provider.name", {"page": 1}, 1),                              # outside any entry
    ("work_history.employer", {"page": 1}, None),                   # nothing read: no box
])
def test_a_finding_opens_the_field_its_whole_path_names(path: str, evidence: dict,
                                                        expected_id: int | None) -> None:
    found = _field_named(path, evidence, _cv_fields())
    assert (found.id if found else None) == expected_id


def test_display_names_show_hidden_characters_and_keep_the_extension() -> None:
    from credintake.api.ui.display import display_name, shortened, visible

    assert visible("evil\u202efdp.jpg") == "evil<U+202E>fdp.jpg"
    assert visible("a\u200bb\u2066c") == "a<U+200B>b<U+2066>c"
    assert visible("Rene\u0301.pdf") == "Ren\u00e9.pdf"
    assert shortened("x" * 10) == "x" * 10
    cut = shortened("L" * 246 + ".pdf", 48)
    assert len(cut) == 48 and cut.endswith("LLL.pdf") and "…" in cut
    html = str(display_name('<b>"x"</b>\u202e.pdf'))
    assert html == ('<span class="name" title="&lt;b&gt;&#34;x&#34;&lt;/b&gt;&lt;U+202E&gt;.pdf">'
                    '&lt;b&gt;&#34;x&#34;&lt;/b&gt;&lt;U+202E&gt;.pdf</span>')
    assert str(display_name(None)) == "—"


def test_an_exclusion_match_evidence_reads_as_rows_not_a_python_dict() -> None:
    from credintake.api.ui.routes import _show
    from credintake.api.ui.view import evidence_rows

    ev = {"list": "oig-leie", "file_date": "2026-11-01", "matched": ["name", "npi"],
          "score": 100.0, "entry": {"line": 2, "last_name": "TESTWELL", "first_name": "QUENTIN",
                                    "npi": "1234567893", "date_of_birth": None,
                                    "exclusion_type": "1128b4"}}
    rows = {k: _show(v) for k, v in evidence_rows(ev)}
    assert rows["list"] == "oig-leie" and rows["file date"] == "2026-11-01"
    assert rows["matched"] == "name, npi" and rows["score"] == "100.0"
    assert rows["entry"] == ("line: 2; last name: TESTWELL; first name: QUENTIN; "
                             "npi: 1234567893; exclusion type: 1128b4")
