"""``credintake batch``: every packet under a folder, across a pool of worker processes.

A child of the batch folder is a packet when it is a directory or a zip; a loose file is a
packet of one (as in the inbox). Names starting with a dot are the tool's own or the
system's and are passed over. Each result is written ``.part`` then renamed, so a crash
never leaves a half-written JSON. A worker that dies (BrokenProcessPool) costs only the
packets it had: they are retried once in a fresh pool and reported if they fail again.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from pathlib import Path

from tqdm import tqdm

from credintake.contract import Result
from credintake.pool import worker_init
from credintake.settings import get_settings


def find_packets(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if not p.name.startswith("."))


def run_batch(directory: Path, outdir: Path, *, as_of: date, workers: int) -> list[str]:
    """Process the batch; return one line per packet that could not be processed."""
    packets = find_packets(directory)
    outdir.mkdir(parents=True, exist_ok=True)
    worker_init()  # load the pipeline and model once here; forked workers inherit them
    failed: list[str] = []
    todo = packets
    for attempt in range(2):
        todo, errors = _run_pool(todo, outdir, as_of, workers, desc="packets" if not attempt
                                 else "retrying")
        failed = errors
        if not todo:
            break
    failed += [f"{p.name}: a worker process died while processing it" for p in todo]
    for line in failed:
        print(f"credintake: packet failed: {line}", file=sys.stderr)
    return failed


def _run_pool(packets: list[Path], outdir: Path, as_of: date, workers: int,
              desc: str) -> tuple[list[Path], list[str]]:
    """Returns (packets lost to a dead worker, packets that failed with an error)."""
    lost: list[Path] = []
    errors: list[str] = []
    with ProcessPoolExecutor(max_workers=workers, initializer=worker_init) as pool, \
            tqdm(total=len(packets), desc=desc, unit="packet", file=sys.stderr,
                 disable=None) as bar:
        futures: dict[Future[str | None], Path] = {
            pool.submit(process_one, p, outdir, as_of): p for p in packets}
        for fut in as_completed(futures):
            try:
                error = fut.result()
            except BrokenProcessPool:
                lost.append(futures[fut])
                continue
            if error:
                errors.append(f"{futures[fut].name}: {error}")
            bar.update(1)
    return lost, errors


def process_one(packet: Path, outdir: Path, as_of: date) -> str | None:
    """Process one packet into ``outdir``; return an error line instead of raising."""
    from credintake.errors import CredintakeError
    from credintake.pipeline import process_packet

    try:
        if packet.is_file() and not _is_zip(packet):
            result = _single_file_packet(packet, as_of)
        else:
            result = process_packet(packet, as_of=as_of, settings=get_settings())
    except CredintakeError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - one packet must not stop the batch
        return f"internal error ({type(exc).__name__})"
    target = outdir / f"{result.packet_id}.json"
    part = target.with_name(target.name + ".part")
    part.write_text(json.dumps(result.to_json_dict(), indent=2, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    part.replace(target)
    return None


def _is_zip(path: Path) -> bool:
    import zipfile

    return zipfile.is_zipfile(path) and path.suffix.lower() == ".zip"


def _single_file_packet(path: Path, as_of: date) -> Result:
    from credintake.pipeline import process_packet

    with tempfile.TemporaryDirectory(prefix="credintake-") as tmp:
        folder = Path(tmp) / path.stem
        folder.mkdir()
        shutil.copy2(path, folder / path.name)
        return process_packet(folder, as_of=as_of, settings=get_settings())
