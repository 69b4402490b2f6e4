"""``api.upload_concurrency``: uploads beyond the limit wait their turn on the event loop
(api/deps.py ``upload_slot``) while reads go on; a waiting upload is stored once a slot
frees, and nothing is refused."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import httpx

from service_helpers import ServerThread, add_users, make_settings
from tiny_packets import LICENSE, pdf_bytes


def test_an_upload_waits_for_a_free_slot_while_reads_are_answered(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    settings.api.upload_concurrency = 1
    with ServerThread(settings, start_workers=False) as server:
        loop = server.server.servers[0].get_loop()
        gate = server.app.state.upload_gate
        asyncio.run_coroutine_threadsafe(gate.acquire(), loop).result(timeout=5)  # slot taken
        client = httpx.Client(base_url=server.url, timeout=30, headers={
            "Authorization": f"Bearer {add_users(server.db)['specialist']}"})
        answers: list[httpx.Response] = []
        upload = threading.Thread(target=lambda: answers.append(client.post(
            "/packets", files=[("files", ("license.pdf", pdf_bytes(LICENSE),
                                          "application/pdf"))])))
        upload.start()
        upload.join(timeout=1.0)
        assert upload.is_alive() and not answers  # waiting for the slot
        listed = client.get("/packets")
        assert (listed.status_code, listed.json()["count"]) == (200, 0)  # nothing stored yet

        loop.call_soon_threadsafe(gate.release)
        upload.join(timeout=30)
        assert [r.status_code for r in answers] == [202]
        listed = client.get("/packets").json()
        assert [p["id"] for p in listed["data"]] == [answers[0].json()["packet_id"]]
        assert not gate.locked()  # the slot was given back
        client.close()
