"""Every service's published OpenAPI document, held against the running service by schemathesis.

The services run as `make up` runs them, on a namespace of their own (conftest.py), with a
competition, an entry and an assignment seeded; generated path parameters that name one of
them are pointed at it half of the time, so the calls reach the rules behind the 404s. Every operation is called with each role's token and with none, within a
bounded number of examples. A call fails when the service answers 5xx, or with a status code,
content type, header or body its own document does not declare.

Not checked: that a schema-valid request is accepted, or an invalid one refused. The
documents describe shapes, not rules (a well-formed cursor this list never handed out, a
region code that exists in no province); those rules have their own tests.
"""
from __future__ import annotations

import random

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (content_type_conformance, not_a_server_error, response_headers_conformance,
                                 response_schema_conformance, status_code_conformance)

from tests.support.procs import SERVICES

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
EXAMPLES_PER_OPERATION = 6
CALLERS = {
    "anonymous": None,
    "admin": ("admin", None, None),
    "ministry": ("ministry", None, None),
    "province": ("region", "73", "region-73"),
    "kota": ("region", "73.71", "region-73.71"),
    "judge": ("judge", None, "judge-contract"),
}


def aim(case, known: dict, rng: random.Random) -> None:
    """Point path parameters naming the seeded competition or entry at them, half of the time."""
    for name in list(case.path_parameters or {}):
        if name in known and rng.random() < 0.5:
            case.path_parameters[name] = known[name]


@pytest.mark.e2e
@pytest.mark.parametrize("service", SERVICES)
def test_every_operation_answers_as_its_document_says(contract_platform, make_token, service):
    started, known = contract_platform
    url = started[service].url
    schema = schemathesis.openapi.from_url(url + "/openapi.json")
    rng = random.Random(service)
    failures: list[str] = []
    calls = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        for caller, claims in CALLERS.items():
            headers = {} if claims is None else {"Authorization": "Bearer " + make_token(*claims)}

            @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
                      suppress_health_check=list(HealthCheck))
            @given(operation.as_strategy())
            def call(case):
                nonlocal calls
                aim(case, known, rng)
                calls += 1
                case.call_and_validate(base_url=url, headers=headers, checks=CHECKS, timeout=10)

            try:
                call()
            except (Exception, BaseExceptionGroup) as exc:  # schemathesis raises a BaseExceptionGroup
                # one entry per operation and caller, all of them reported at the end
                failures.append(f"{operation.label} as {caller}: {_first_lines(exc)}")
    print(f"{service}: {calls} calls, {len(failures)} failing operation/caller pairs")
    assert calls > 0
    assert not failures, f"{len(failures)} operation/caller pairs break {service}'s document:\n" + "\n".join(failures)


def _first_lines(exc: BaseException, lines: int = 8) -> str:
    """The failure's names and first lines, and the curl command that reproduces it."""
    text = [line.strip() for line in str(exc).splitlines() if line.strip()]
    curl = [line for line in text if line.startswith("curl ")]
    return "\n    ".join(text[:lines] + curl[:1])
