"""The ``credintake`` command: process and batch here; the service commands join from
``api/service_cli.py``. Exit status per the contract: 0 processed (findings are not
failures), 2 bad arguments, 1 internal error; errors are one line on stderr, a traceback
only with ``--verbose``."""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any

import click

from credintake import __version__
from credintake.api.batch import run_batch
from credintake.errors import CredintakeError
from credintake.settings import get_settings


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


as_of_option = click.option("--as-of", callback=_as_of, metavar="YYYY-MM-DD",
                            help="The date that counts as today for expirations and attestation.")


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The one place that maps exceptions to one stderr line and an exit status."""
    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        verbose = click.get_current_context().find_root().params.get("verbose", False)
        try:
            return fn(*args, **kwargs)
        except CredintakeError as exc:
            if verbose:
                traceback.print_exc()
            click.echo(f"credintake: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except (click.ClickException, click.exceptions.Exit, KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - the CLI's last line of defence
            if verbose:
                traceback.print_exc()
            click.echo(f"credintake: internal error: {type(exc).__name__}; "
                       "run again with --verbose for details", err=True)
            sys.exit(1)
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="credintake")
@click.option("--verbose", is_flag=True, help="Show tracebacks of internal errors.")
def main(verbose: bool) -> None:
    """Credentialing packet intake: read, classify, extract, reconcile and check."""


@main.command()
@click.argument("packet", type=click.Path(exists=True, path_type=Path))
@as_of_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the result JSON here instead of standard output.")
@handle_errors
def process(packet: Path, as_of: date, output: Path | None) -> None:
    """Process one PACKET (a directory or a zip) and print the result JSON."""
    from credintake.pipeline import process_packet
    from credintake.pool import PagePool

    settings = get_settings()
    with PagePool(settings.workers) as pool:
        result = process_packet(packet, as_of=as_of, settings=settings, pool=pool)
    text = json.dumps(result.to_json_dict(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        part = output.with_name(output.name + ".part")
        part.write_text(text, encoding="utf-8")
        part.replace(output)


@main.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", "outdir", required=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder for <packet>.json.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores).")
@as_of_option
@handle_errors
def batch(directory: Path, outdir: Path, workers: int | None, as_of: date) -> None:
    """Process every packet under DIRECTORY into OUTDIR/<packet>.json."""
    failed = run_batch(directory, outdir, as_of=as_of, workers=workers or get_settings().workers)
    if failed:
        sys.exit(1)


@main.group()
def export() -> None:
    """Export a result JSON as FHIR or CSV."""


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    part = output.with_name(output.name + ".part")
    part.write_text(text, encoding="utf-8")
    part.replace(output)


def _read_result(path: Path) -> dict[str, Any]:
    """A result JSON written by ``credintake process``; anything else is a usage error
    (exit 2) whose message names where it breaks, never the values."""
    from pydantic import ValidationError

    from credintake.contract import Result
    from credintake.errors import UsageError

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        Result.model_validate(data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise UsageError(f"{path.name} is not JSON") from None
    except ValidationError as exc:
        where = ".".join(map(str, exc.errors()[0]["loc"])) or "top level"
        raise UsageError(f"{path.name} is not a credintake result ({exc.error_count()} "
                         f"problems, the first at {where})") from None
    return data


@export.command("fhir")
@click.argument("result", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the Bundle here instead of standard output.")
@handle_errors
def export_fhir(result: Path, output: Path | None) -> None:
    """Write RESULT (a result JSON) as a FHIR R4 Bundle (Practitioner, PractitionerRole)."""
    from credintake.fhir_export import to_bundle

    bundle = to_bundle(_read_result(result))
    _write(json.dumps(bundle, indent=2, ensure_ascii=False) + "\n", output)


@export.command("csv")
@click.argument("results", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(["profile", "findings"]), default="findings",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the CSV here instead of standard output.")
@handle_errors
def export_csv(results: tuple[Path, ...], kind: str, output: Path | None) -> None:
    """Write RESULTS (result JSONs) as spreadsheet-safe CSV of profiles or findings."""
    from credintake.csv_export import findings_csv, profile_csv

    data = [_read_result(p) for p in results]
    _write((profile_csv if kind == "profile" else findings_csv)(data), output)


def _add_service_commands() -> None:
    from credintake.api.service_cli import COMMANDS

    from credintake.api.lists.cli import lists_group

    for command in COMMANDS:
        main.add_command(command)
    main.add_command(lists_group)


_add_service_commands()
