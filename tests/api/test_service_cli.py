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
    assert [c.name for c in COMMANDS] == ["serve", "watch", "worker", "users"]
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
