"""Signed session cookies and CSRF tokens for the review screens (stdlib HMAC-SHA256).

The cookie holds the user id, the first characters of the user's token hash, a CSRF token
and an expiry, signed with a key that is ``CREDINTAKE_UI_SECRET`` when set, else a random key
kept in ``<data_dir>/ui-session.key`` (so every process on the same data dir agrees and
sessions survive restarts). Each request re-checks the user: a revoked or replaced token
ends its sessions at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path
from typing import Any

COOKIE = "ci_session"
LOGIN_COOKIE = "ci_login"
MAX_AGE = 8 * 3600


def load_key(data_dir: Path) -> bytes:
    env = os.environ.get("CREDINTAKE_UI_SECRET")
    if env:
        return hashlib.sha256(env.encode()).digest()
    path = Path(data_dir) / "ui-session.key"
    try:
        return bytes.fromhex(path.read_text().strip())
    except (OSError, ValueError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key.hex())
    try:
        os.link(tmp, path)          # first writer wins; others read its key
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    return bytes.fromhex(path.read_text().strip())


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(key: bytes, payload: dict[str, Any]) -> str:
    body = _b64(json.dumps(payload, separators=(",", ":")).encode())
    mac = _b64(hmac.new(key, body.encode(), hashlib.sha256).digest())
    return f"{body}.{mac}"


def unsign(key: bytes, value: str | None) -> dict[str, Any] | None:
    """The payload of a cookie we signed that has not expired, else None."""
    if not value or value.count(".") != 1:
        return None
    body, mac = value.split(".")
    good = _b64(hmac.new(key, body.encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(mac, good):
        return None
    try:
        payload = json.loads(_unb64(body))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(payload, dict) or payload.get("exp", 0) < time.time():
        return None
    return payload


def new_session(user_id: int, token_hash: str) -> dict[str, Any]:
    return {"uid": user_id, "th": token_hash[:24], "csrf": secrets.token_urlsafe(24),
            "exp": int(time.time()) + MAX_AGE}


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))
