"""Small pieces of the review screens that need no browser: session signing and the typing
of corrected values entered in a form."""

from __future__ import annotations

import time
from pathlib import Path

from credintake.api.ui import session as sess
from credintake.api.ui.routes import _typed


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
