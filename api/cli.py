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


def _add_service_commands() -> None:
    from credintake.api.service_cli import COMMANDS

    from credintake.lists.cli import lists_group

    for command in COMMANDS:
        main.add_command(command)
    main.add_command(lists_group)


_add_service_commands()
