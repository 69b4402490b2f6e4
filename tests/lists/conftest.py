"""The list tests reuse the service tests' helpers (scratch PostgreSQL databases)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from service_helpers import pg_url  # noqa: E402,F401
