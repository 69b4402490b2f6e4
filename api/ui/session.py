"""Signed session cookies and CSRF tokens for the review screens (stdlib HMAC-SHA256).

The cookie holds a session id, the user id, the first characters of the user's token hash,
a CSRF token and an expiry, signed with a key that is ``CREDINTAKE_UI_SECRET`` when set, else a random key
kept in ``<data_dir>/ui-session.key`` (so every process on the same data dir agrees and
sessions survive restarts). Each request re-checks the user: a revoked or replaced token
ends its sessions at once. The session id is also recorded server-side (``ui_sessions``, by
its SHA-256): signing out ends that record, so the cookie copied before sign-out on a shared
workstation opens nothing afterwards.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from credintake.api.store.models import UiSession, utcnow

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
    return {"sid": secrets.token_urlsafe(24), "uid": user_id, "th": token_hash[:24],
            "csrf": secrets.token_urlsafe(24), "exp": int(time.time()) + MAX_AGE}


def _sid_hash(payload: dict[str, Any]) -> str:
    return hashlib.sha256(str(payload.get("sid", "")).encode()).hexdigest()


def record(db: Session, payload: dict[str, Any]) -> None:
    """Record a signed-in session so that it can be ended server-side."""
    db.add(UiSession(id_hash=_sid_hash(payload), user_id=payload["uid"],
                     expires_at=datetime.fromtimestamp(payload["exp"], timezone.utc)))


def live(db: Session, payload: dict[str, Any]) -> bool:
    """True while the recorded session is neither ended nor expired, for its own user."""
    if not payload.get("sid"):
        return False
    row = db.get(UiSession, _sid_hash(payload))
    return (row is not None and row.ended_at is None and row.user_id == payload.get("uid")
            and row.expires_at > utcnow())


def end(db: Session, payload: dict[str, Any]) -> None:
    row = db.get(UiSession, _sid_hash(payload))
    if row is not None and row.ended_at is None:
        row.ended_at = utcnow()


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))
