"""Server render time of the packet review page (``GET /ui/packets/{id}``) for a 30-document
packet. Target: under 1 s.

    .venv/bin/python bench/review_page.py [--documents 30] [--runs 20]

The packet is real output: the committed sample packet pkt-004001 goes through
``process_packet``; its documents are repeated up to ``--documents`` and the rules run
again on them (``credintake.rules.evaluate``), so fields, reconciliation and findings are
what a packet of that size produces. It is stored through the service's own intake and
``store_result`` in a fresh SQLite data dir, then the page is requested by a signed-in
specialist through the whole app (session check, access check, the five audited service
reads, Jinja2 rendering). Page images are fetched by the browser afterwards and are not part
of this number.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKET = ROOT / "sample_docs" / "committed" / "packets" / "pkt-004001"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=30)
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()

    from fastapi.testclient import TestClient

    from credintake.api.app import create_app
    from credintake.api.intake import Intake, MemberInput, PacketInput
    from credintake.api.jobs.runner import store_result
    from credintake.api.users import add_user
    from credintake.contract import Application
    from credintake.pipeline import process_packet
    from credintake.rules import evaluate
    from credintake.settings import Settings

    tmp = Path(tempfile.mkdtemp(prefix="bench-review-"))
    settings = Settings(data_dir=tmp / "data", workers=1)
    as_of = date(2026, 11, 22)
    t0 = time.perf_counter()
    result = process_packet(PACKET, as_of=as_of, settings=settings, packet_id="bench")
    print(f"processed {PACKET.name}: {len(result.documents)} documents in "
          f"{time.perf_counter() - t0:.1f}s")
    docs = [result.documents[i % len(result.documents)] for i in range(args.documents)]
    app_json = PACKET / "application.json"
    application = Application.model_validate_json(app_json.read_bytes())
    ev = evaluate(docs, application, [], as_of=as_of, settings=settings.rules)
    result = result.model_copy(update={"documents": docs, "profile": ev.profile,
                                       "reconciliation": ev.reconciliation,
                                       "findings": ev.findings})

    app = create_app(settings, start_workers=False)
    with TestClient(app) as client:
        db = app.state.db
        with db.session() as s:
            info, token = add_user(s, name="bench", role="specialist")
            uid = info.id
        members = [MemberInput(f.name, (lambda f=f: f.open("rb")), None)
                   for f in sorted(PACKET.iterdir())]
        _, accepted = Intake(db, settings).submit([PacketInput("bench-30", members)],
                                                  source="upload", as_of=as_of, user_id=uid)
        pid = accepted[0].packet_id
        result = result.model_copy(update={"packet_id": pid})
        with db.session() as s:
            store_result(s, pid, result, result.to_json_dict())

        page = client.get("/ui/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        r = client.post("/ui/login", data={"csrf": csrf, "token": token},
                        follow_redirects=False)
        assert r.status_code == 303, r.text
        times = []
        for _ in range(args.runs + 2):
            t = time.perf_counter()
            r = client.get(f"/ui/packets/{pid}")
            times.append(time.perf_counter() - t)
            assert r.status_code == 200 and "Findings" in r.text
        times = times[2:]                     # first requests warm Jinja2's template cache
    shutil.rmtree(tmp, ignore_errors=True)
    n_findings, n_recon = len(result.findings), len(result.reconciliation)
    n_fields = sum(len(d.fields) + sum(len(e) for v in (d.entries or {}).values() for e in v)
                   for d in docs)
    p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
    print(f"review page, {args.documents} documents, {n_fields} fields, {n_recon} "
          f"reconciliation rows, {n_findings} findings, {len(r.content) // 1024} KiB HTML")
    print(f"render: median {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms over {len(times)} runs (target < 1000 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
