"""Fuzzing the API from its own OpenAPI document (schemathesis): every operation, with generated
paths, queries and bodies, sent through the real WSGI stack as a chief and as a liaison
officer. No answer may be a 5xx, and every answer must match the schema the document gives for
its status. Bounded (RAQIB_FUZZ_EXAMPLES per operation, derandomized) so CI stays short."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from raqib.api.app import api

EXAMPLES = int(os.environ.get("RAQIB_FUZZ_EXAMPLES", "6"))


# The document as /api/v1/openapi.json serves it, built without a request (collection has no
# database); the calls then go through the whole WSGI stack, middleware included.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _keep_the_test_transaction() -> Iterator[None]:
    """The calls go to the WSGI handler itself, not through Django's test client, so do what the
    client does: keep the request signals from closing the connection that holds the test's
    transaction (PostgreSQL would otherwise lose it at the first request)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_operation_answers_a_server_error_or_breaks_its_schema(case: Any, db: Any, tokens: dict[str, str],
                                                                  make_incident: Any) -> None:
    for who in ("chief", "liaison_gna"):
        case.call_and_validate(headers={"Authorization": f"Bearer {tokens[who]}"},
                               checks=[not_a_server_error, response_schema_conformance])
