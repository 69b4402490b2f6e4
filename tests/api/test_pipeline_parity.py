"""The service returns exactly what ``process_packet`` returns for the same packet: a
generated sample packet is uploaded to a real server whose worker runs the real pipeline,
and the stored result equals a direct call (timings aside) and is schema-valid."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from service_helpers import REAL, ServerThread, add_users, make_settings
from service_helpers import upload_dir, wait_done
from tiny_packets import make_packet


def _sample_packet(root: Path) -> Path:
    try:
        from credintake.sample_docs.generate import generate_packet
    except ImportError:
        return make_packet(root, "pkt-tiny")
    return root / "packets" / generate_packet(11, root)


def test_result_identical_to_process_packet(tmp_path: Path,
                                            schema_validator: Callable[[str, Any], None],
                                            capfd: pytest.CaptureFixture[str],
                                            caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    from credintake.pipeline import process_packet

    packet = _sample_packet(tmp_path / "gen")
    settings = make_settings(tmp_path, processor=REAL)
    with ServerThread(settings) as server:
        token = add_users(server.db)["specialist"]
        import httpx

        with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"},
                          timeout=60) as c:
            r = upload_dir(c, packet, as_of="2026-11-22")
            assert r.status_code == 202, r.text
            pid = r.json()["packet_id"]
            status = wait_done(c, pid, timeout=240)
            assert status["status"] == "done", status["job"]
            served = c.get(f"/packets/{pid}/result").json()
    direct = process_packet(packet, as_of=date(2026, 11, 22), settings=settings,
                            packet_id=pid).to_json_dict()
    schema_validator("result.schema.json", served)
    served.pop("timings_ms")
    direct.pop("timings_ms")
    assert served == direct
    assert len(served["documents"]) >= 2
    # PHI canary: the provider's name and identifiers never reach the service's logs
    out = capfd.readouterr()
    logs = out.out + out.err + caplog.text
    provider = served["profile"].get("provider", {})
    canaries = [provider.get(k) for k in ("first_name", "last_name", "npi")]
    assert [c for c in canaries if c], "the sample packet has a provider"
    for value in filter(None, canaries):
        assert str(value) not in logs
