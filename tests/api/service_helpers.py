"""Fixtures for the service layer: real settings in a tmp dir, a real uvicorn server on
loopback (in a thread; its worker pool is real processes), users of every role, a scratch
PostgreSQL database, and helpers to wait for jobs."""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
# spawned worker processes and Celery subprocesses import the fake processors from here
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(HERE), os.environ.get("PYTHONPATH", "")) if p)

from credintake.settings import Settings  # noqa: E402

FAKE = "fake_processor:process"
SLOW = "fake_processor:slow"
REAL = "credintake.pipeline:process_packet"
PG_ADMIN_URL = os.environ.get("CI_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("CI_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


# Our own temp root: pytest's shared /tmp/pytest-of-<user> keeps only the last three runs,
# so a concurrent pytest run elsewhere on the machine could delete a live server's data dir.
_BASE = Path(tempfile.mkdtemp(prefix="credintake-api-tests-"))


@pytest.fixture(scope="session", autouse=True)
def _cleanup_base() -> Iterator[None]:
    yield
    shutil.rmtree(_BASE, ignore_errors=True)


def _fresh_dir(name: str) -> Path:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name)[:40]
    path = _BASE / f"{safe}-{uuid.uuid4().hex[:6]}"
    path.mkdir(parents=True)
    return path


@pytest.fixture()
def tmp_path(request: pytest.FixtureRequest) -> Path:
    return _fresh_dir(request.node.name)


@pytest.fixture(scope="module")
def module_tmp(request: pytest.FixtureRequest) -> Path:
    return _fresh_dir(request.module.__name__)


def make_settings(tmp: Path, *, database_url: str | None = None, broker_url: str | None = None,
                  processor: str = FAKE, workers: int = 1, blob_backend: str = "filesystem",
                  **jobs: Any) -> Settings:
    job = {"broker_url": broker_url, "embedded_workers": workers, "processor": processor,
           "poll_seconds": 0.2, "lease_seconds": 6.0, "heartbeat_seconds": 1.0,
           "retry_delay_seconds": 0.3, "requeue_after_seconds": 5.0, **jobs}
    return Settings(data_dir=tmp / "data", workers=workers,
                    store={"database_url": database_url, "blob_dir": None,  # type: ignore[arg-type]
                           "blob_backend": blob_backend},
                    jobs=job)  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerThread:
    """``credintake serve`` in-process: the real app under uvicorn on a loopback port."""

    def __init__(self, settings: Settings, *, start_workers: bool = True) -> None:
        import uvicorn

        from credintake.api.app import create_app

        self.settings = settings
        self.app = create_app(settings, start_workers=start_workers)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port,
                                                    log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=60)

    @property
    def db(self) -> Any:
        return self.app.state.db


@dataclass
class Service:
    server: ServerThread
    tokens: dict[str, str]
    tmp: Path

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def settings(self) -> Settings:
        return self.server.settings

    def client(self, role: str | None = "admin", token: str | None = None) -> httpx.Client:
        headers = {}
        if token or role:
            headers["Authorization"] = f"Bearer {token or self.tokens[role]}"  # type: ignore[index]
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


def add_users(db: Any, organization: str = "default") -> dict[str, str]:
    """A user of every role in ``organization``; their tokens by role."""
    from credintake.api.users import add_user

    tokens = {}
    with db.session() as session:
        for role in ("specialist", "coordinator", "admin"):
            _, tokens[role] = add_user(session, name=f"{role}-{uuid.uuid4().hex[:6]}",
                                       role=role, organization=organization)
    return tokens


@pytest.fixture(scope="module")
def service(module_tmp: Path) -> Iterator[Service]:
    """One embedded-mode server per test module (one worker process, fake processor)."""
    tmp = module_tmp
    with ServerThread(make_settings(tmp)) as server:
        yield Service(server, add_users(server.db), tmp)


def wait_for(predicate: Callable[[], Any], timeout: float = 60, every: float = 0.2) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(every)


def wait_done(client: httpx.Client, packet_id: str, timeout: float = 90) -> dict[str, Any]:
    def check() -> dict[str, Any] | None:
        body = client.get(f"/packets/{packet_id}").json()
        return body if body["status"] in ("done", "failed") else None

    return wait_for(check, timeout)  # type: ignore[no-any-return]


def upload_dir(client: httpx.Client, packet: Path, **data: str) -> httpx.Response:
    files = []
    for f in sorted(packet.iterdir()):
        if f.name == "application.json":
            files.append(("application", (f.name, f.read_bytes(), "application/json")))
        else:
            files.append(("files", (f.name, f.read_bytes(), "application/pdf")))
    return client.post("/packets", files=files, data=data)


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A fresh scratch PostgreSQL database per test (dropped afterwards); skips when
    PostgreSQL is unreachable."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    name = f"ci_api_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        service_missing(f"PostgreSQL unreachable at {PG_ADMIN_URL} ({type(exc).__name__})")
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def service_missing(reason: str) -> None:
    """Skip where a real service (PostgreSQL, Redis, RabbitMQ) is not on this machine; in CI
    (``CI`` set), where the services run, its absence fails the test instead."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI must run this test against the real service")
    pytest.skip(reason)
