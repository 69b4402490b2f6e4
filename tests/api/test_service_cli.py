"""The service commands: users add/list/revoke through click, and the exported list."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from credintake.api.service_cli import COMMANDS, users
from credintake.api.store.db import Database
from credintake.api.users import authenticate
from service_helpers import make_settings


@pytest.fixture()
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    from credintake.settings import get_settings

    monkeypatch.setenv("CREDINTAKE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CREDINTAKE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def test_commands_exported_for_the_main_group() -> None:
    assert [c.name for c in COMMANDS] == ["serve", "watch", "worker", "users", "db", "desk"]
    assert sorted(users.commands) == ["add", "list", "revoke"]


def test_users_add_list_revoke(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(users, ["add", "dana", "--role", "coordinator"])
    assert r.exit_code == 0, r.output
    token = r.stdout.strip()
    assert token.startswith("ci_") and len(token) > 40
    db = Database(make_settings(tmp_path))
    try:
        with db.session() as s:
            user = authenticate(s, token)
            assert user is not None and (user.name, user.role) == ("dana", "coordinator")
            assert token not in user.token_hash
        r = runner.invoke(users, ["list"])
        assert r.exit_code == 0
        name, role, org, prefix, _created, revoked = r.stdout.strip().split("\t")
        assert (name, role, org, prefix, revoked) == ("dana", "coordinator", "org=default",
                                                      token[:10] + "…", "revoked=-")
        again = runner.invoke(users, ["add", "dana", "--role", "admin"])
        assert again.exit_code == 1 and "already exists" in again.stderr
        bad = runner.invoke(users, ["add", "eve", "--role", "root"])
        assert bad.exit_code == 2
        r = runner.invoke(users, ["revoke", "dana"])
        assert r.exit_code == 0
        with db.session() as s:
            assert authenticate(s, token) is None
        missing = runner.invoke(users, ["revoke", "nobody"])
        assert missing.exit_code == 2 and missing.stderr.strip() == "error: no user named 'nobody'"
    finally:
        db.dispose()


def test_users_add_with_an_organisation(runner: CliRunner, tmp_path: Path) -> None:
    """--org creates the organisation on first use and puts later users in the same one."""
    from sqlalchemy import func, select

    from credintake.api.store.models import Organization

    for name in ("ines", "jo"):
        r = runner.invoke(users, ["add", name, "--role", "specialist", "--org", "clinic-b"])
        assert r.exit_code == 0, r.output
        assert "in organisation 'clinic-b'" in r.stderr
    r = runner.invoke(users, ["add", "kim", "--role", "admin"])
    assert r.exit_code == 0
    lines = [line.split("\t")[:3] for line in runner.invoke(users, ["list"]).stdout.splitlines()]
    assert lines == [["ines", "specialist", "org=clinic-b"], ["jo", "specialist", "org=clinic-b"],
                     ["kim", "admin", "org=default"]]
    bad = runner.invoke(users, ["add", "lee", "--role", "admin", "--org", " "])
    assert bad.exit_code == 2 and "organisation name" in bad.stderr
    db = Database(make_settings(tmp_path))
    try:
        with db.session() as s:
            names = sorted(s.scalars(select(Organization.name)))
            assert names == ["clinic-b", "default"]
            assert s.scalar(select(func.count()).select_from(Organization)) == 2
    finally:
        db.dispose()


def test_watch_needs_an_existing_organisation(runner: CliRunner, tmp_path: Path) -> None:
    from credintake.api.service_cli import watch

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    r = runner.invoke(watch, [str(inbox), "--org", "no-such-org", "--workers", "0"])
    assert r.exit_code == 2
    assert r.stderr.strip() == ("error: no organisation named 'no-such-org'; it is created by "
                                "`credintake users add NAME --role ROLE --org no-such-org`")


def test_a_server_database_is_migrated_by_an_explicit_step(runner: CliRunner, tmp_path: Path,
                                                          pg_url: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL nothing changes the schema as a side effect of starting: a service on
    an empty or older schema refuses with what to run; `db upgrade` brings it to head; a
    schema newer than the code (the next version's, mid rolling deploy) is run on."""
    from sqlalchemy import text

    from credintake.api.service_cli import db_group
    from credintake.api.store.db import schema_revisions
    from credintake.settings import get_settings

    monkeypatch.setenv("CREDINTAKE_DATABASE_URL", pg_url)
    get_settings.cache_clear()
    r = runner.invoke(users, ["add", "early", "--role", "admin"])
    assert r.exit_code == 2 and "run `credintake db upgrade`" in r.output
    assert schema_revisions(pg_url)[0] is None                   # nothing was created
    r = runner.invoke(db_group, ["current"])
    assert r.exit_code == 0 and "needs `credintake db upgrade`" in r.stdout
    r = runner.invoke(db_group, ["upgrade"])
    assert r.exit_code == 0, r.output
    current, head, _ = schema_revisions(pg_url)
    assert current == head and f"-> {head}" in r.output
    assert runner.invoke(users, ["add", "dana", "--role", "admin"]).exit_code == 0
    db = Database(make_settings(tmp_path, database_url=pg_url))
    try:
        with db.engine.begin() as conn:                             # the next version's
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        assert runner.invoke(users, ["list"]).exit_code == 0
        assert "newer than this version" in runner.invoke(db_group, ["current"]).stdout
    finally:
        db.dispose()
