"""Schemathesis over the served OpenAPI schema (issue 6): no 5xx, and every response is one
the schema documents (status code, content type, body and headers).

The real server (uvicorn on loopback, embedded SQLite, a real worker process with the fake
processor) holds one processed packet; path parameters are sometimes that packet's real ids
so the fuzzer reaches the code behind the 404s. Every operation is fuzzed with the admin
token, with the specialist token (403s and the reviewer routes), and without a token (every
operation but ``/health`` must answer 401). Bounded: a fixed number of examples per
operation, derandomized, so a run is reproducible and takes well under a minute.
"""

from __future__ import annotations

import itertools
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.core.parameters import ParameterLocation

from service_helpers import Service, upload_dir, wait_done
from tiny_packets import make_packet

EXAMPLES = 20
ACCEPTED = ["2xx", "401", "403", "404", "409"]   # schemathesis' default for valid requests
# Refusals of schema-valid requests the schema cannot express, per operation: an assignee
# must name an active user of the packet's organisation (400); uploaded bytes are checked
# after the schema: extension and type (415), zip safety and application.json (422), limits
# (413); a correction that clears a value needs a note saying why (422), and so does a
# move of a file to denied or pended (422); a verification's evidence document must be one
# of the packet's, and a verification check needs an accreditation profile in force at its
# decision date (422); an uploaded list file must be non-empty (400) and the list's CSV
# layout (422).
CONFIG = {"operations": [
    {"include-name": name, "checks": {"positive_data_acceptance": {
        "expected-statuses": ACCEPTED + extra}}}
    for name, extra in [("PATCH /packets/{packet_id}", ["400"]),
                        ("POST /packets/{packet_id}/fields/{field_id}/correction", ["422"]),
                        ("POST /packets/{packet_id}/stage", ["422"]),
                        ("POST /packets", ["413", "415", "422"]),
                        ("POST /batches", ["413", "415", "422"]),
                        ("POST /packets/{packet_id}/verifications", ["422"]),
                        ("POST /lists/{list_name}", ["400", "413", "422"]),
                        ("GET /packets/{packet_id}/verification-check", ["422"])]]}


@pytest.fixture(scope="module")
def seeded(service: Service) -> dict[str, Any]:
    """A processed packet and the ids inside it (document, page, field, finding)."""
    packet = make_packet(service.tmp / "fuzz-in", "pkt-fuzz", variant=300)
    with service.client("specialist") as c:
        r = upload_dir(c, packet, as_of="2026-11-22")
        assert r.status_code == 202, r.text
        packet_id = r.json()["packet_id"]
        wait_done(c, packet_id)
        docs = c.get(f"/packets/{packet_id}/documents").json()
        fields = c.get(f"/packets/{packet_id}/fields").json()
        findings = c.get(f"/packets/{packet_id}/findings").json()
    assert docs and fields and findings
    return {"packet_id": packet_id, "doc_index": docs[0]["idx"], "page": docs[0]["pages"][0],
            "field_id": fields[0]["id"], "finding_id": findings[0]["id"]}


@pytest.fixture(scope="module")
def api_schema(service: Service, seeded: dict[str, Any]) -> schemathesis.BaseSchema:
    raw = httpx.get(service.url + "/openapi.json", timeout=30,
                    headers={"Authorization": f"Bearer {service.tokens['admin']}"}).json()
    schema = schemathesis.openapi.from_dict(raw, config=schemathesis.Config.from_dict(CONFIG))
    schema.config.base_url = service.url
    return schema


schema = schemathesis.pytest.from_fixture("api_schema")

_turn = itertools.count()


def _aim_at_seeded(case: schemathesis.Case, seeded: dict[str, Any]) -> None:
    """Every other case, replace generated ids by the seeded packet's real ones (not when
    the path is the deliberately invalid part of a negative case)."""
    params = case.path_parameters
    if not params or next(_turn) % 2 or (
            case.meta is not None and case.meta.is_negative_at(ParameterLocation.PATH)):
        return
    for name in ("packet_id", "doc_index", "page", "field_id", "finding_id"):
        if name in params:
            params[name] = seeded[name]


FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck))


def _call_as(role: str, case: schemathesis.Case, service: Service,
             seeded: dict[str, Any]) -> None:
    _aim_at_seeded(case, seeded)
    case.call_and_validate(headers={"Authorization": f"Bearer {service.tokens[role]}"},
                           timeout=30)


@schema.parametrize()
@FUZZ
def test_as_admin_no_5xx_and_responses_match_the_schema(
        case: schemathesis.Case, service: Service, seeded: dict[str, Any]) -> None:
    _call_as("admin", case, service, seeded)


@schema.parametrize()
@FUZZ
def test_as_specialist_no_5xx_and_responses_match_the_schema(
        case: schemathesis.Case, service: Service, seeded: dict[str, Any]) -> None:
    _call_as("specialist", case, service, seeded)


@schema.parametrize()
@settings(max_examples=5, derandomize=True, deadline=None, database=None,
          phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_without_a_token_every_route_but_health_is_401(case: schemathesis.Case,
                                                        seeded: dict[str, Any]) -> None:
    """Any method, any body (malformed ones included): 401 in the common shape."""
    _aim_at_seeded(case, seeded)
    case.headers = {k: v for k, v in (case.headers or {}).items()
                    if k.lower() != "authorization"}
    response = case.call_and_validate(timeout=30)
    if case.operation.path == "/health":            # (the coverage phase tries other methods)
        assert response.status_code == (200 if case.method.upper() == "GET" else 405)
    else:                                           # before the body is read, whatever it is
        assert response.status_code == 401, (case.operation.label, response.status_code)
        assert response.json()["error"]["code"] == "unauthorized"
