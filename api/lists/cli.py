"""``credintake lists import oig-leie|sam|nppes FILE``, ``lists status``.

Lists go into the service's database (the embedded SQLite file under
``CREDINTAKE_DATA_DIR`` or ``CREDINTAKE_DATABASE_URL``), which ``credintake process``,
``batch`` and the service's workers all screen against.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from credintake.api.cli import handle_errors
from credintake.api.lists.formats import LAYOUTS
from credintake.settings import get_settings


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


@click.group("lists")
def lists_group() -> None:
    """Exclusion lists (OIG LEIE, SAM.gov) and the NPPES file that packets are screened
    against."""


@lists_group.command("import")
@click.argument("list_name", metavar="LIST", type=click.Choice(list(LAYOUTS)))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--file-date", callback=_date, metavar="YYYY-MM-DD",
              help="The list's publication date (default: a date in the file name, else "
                   "the file's modification time).")
@handle_errors
def import_command(list_name: str, file: Path, file_date: dt.date | None) -> None:
    """Import FILE as the next version of LIST (streamed; resumes an interrupted import of
    the same file; the same file again changes nothing)."""
    from credintake.api.store.db import Database
    from credintake.api.lists.importer import import_list

    db = Database(get_settings())
    try:
        db.start_up()
        report = import_list(db, list_name, file, file_date=file_date,
                             on_bad_row=lambda line, reason: click.echo(
                                 f"{file.name}:{line}: skipped: {reason}", err=True))
    finally:
        db.dispose()
    verb = {"imported": "imported", "resumed": "imported (resumed)",
            "unchanged": "unchanged: this file was imported before"}[report.status]
    click.echo(f"{list_name} {report.file_date.isoformat()} (date from "
               f"{report.file_date_from}): {verb}; {report.rows} rows, "
               f"{report.bad_rows} bad rows skipped")


@lists_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def status_command(as_json: bool) -> None:
    """The imported list versions; says when packets are not screened."""
    from credintake.api.store.db import Database
    from credintake.api.lists.importer import list_status

    db = Database(get_settings())
    try:
        db.start_up()
        versions = list_status(db)
    finally:
        db.dispose()
    if as_json:
        click.echo(json.dumps(versions, indent=2))
        return
    for v in versions:
        click.echo(f"{v['list']:9} {v['status']:10} {v['file_date']} ({v['file_date_from']}) "
                   f"rows={v['rows']} bad_rows={v['bad_rows']} {v['file']}")
    active = {v["list"] for v in versions if v["status"] == "active"}
    if not active & {"oig-leie", "sam"}:
        click.echo("no exclusion list imported: packets are not screened (exclusion.match "
                   "cannot fire)")
    if "nppes" not in active:
        click.echo("no NPPES file imported: npi.registry_mismatch does not run")


@lists_group.command("monitor")
@click.option("--as-of", "as_of", callback=_date, metavar="YYYY-MM-DD",
              help="Screen as of this day (default: today).")
@handle_errors
def monitor_command(as_of: dt.date | None) -> None:
    """Re-screen the latest result of every stored packet against the active lists (the
    monthly monitoring run); new matches become open findings, audited."""
    from credintake.api.store.db import Database
    from credintake.api.lists.monitor import monitor

    db = Database(get_settings())
    try:
        db.start_up()
        report = monitor(db, db.settings, as_of=as_of or dt.date.today())
    finally:
        db.dispose()
    if not report.screened:
        click.echo("no list imported: nothing screened")
        return
    click.echo(f"{report.packets} packets re-screened, {report.new_findings} new findings")
