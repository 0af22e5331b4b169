"""The access probe: every role that must not see protected data asks every page and every API
read, with the ids of records it must not see, over a demo mission with planted markers.

No answer may be a 5xx, and no answer may carry a marker the role must not see:
- another party's allegations (liaison officers, the public);
- the identity and contact of sources and witnesses (everyone but analysts);
- monitors' names and contacts (liaison officers, the public).
Pages and API operations added later are probed too: the routes are read from the URL
configuration and the OpenAPI document, not listed here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from raqib import profiles
from raqib.accounts.models import User
from raqib.actors.models import Party
from raqib.api.app import api
from raqib.demo import generator
from raqib.incidents.models import Allegation, Incident, Source
from raqib.incidents.services import add_source, create_allegation
from raqib.mission.models import Monitor
from raqib.mission.services import create_monitor

WHEN = dt.datetime(2021, 1, 12, 9, 0, tzinfo=dt.UTC)
# Routes that stream files or sign people out: read elsewhere, or not reads at all.
SKIPPED = re.compile(r"^/(signout|i18n|admin|static|api/v1/docs)")


@pytest.fixture(scope="module")
def mission(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """Ten demo days with planted markers, written once for the module and rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        profiles.load("libya-2020")
        generator.generate(days=10)
        users = {u.username: u for u in User.objects.all()}
        lna, gna = Party.objects.get(key="lna"), Party.objects.get(key="gna")
        incident = Incident.objects.order_by("pk").first()
        assert incident is not None
        secret_allegation = create_allegation({
            "filer_kind": "party", "filing_party": lna, "received_at": WHEN, "claimed_actor": gna,
            "claimed_start": WHEN, "claimed_end": WHEN + dt.timedelta(hours=1), "category": "ceasefire_violation",
            "summary": "PROBE-LNA-ALLEGATION-SUMMARY shelling near Wadi Jarif", "language": "en"},
            users["liaison_lna"])
        add_source(incident, {"kind": "testimony", "identity": "PROBE-WITNESS-IDENTITY",
                              "contact": "PROBE-WITNESS-CONTACT", "description": "a shepherd"}, users["verifier"])
        monitor = create_monitor({"name": "PROBE-MONITOR-NAME", "contact": "PROBE-MONITOR-CONTACT",
                                  "organisation": "au", "background": "civilian", "languages": ["en"],
                                  "active_from": dt.date(2020, 12, 1)}, None)
        markers = {
            "allegations": {secret_allegation.summary} | {
                a.summary for a in Allegation.objects.filter(filing_party=lna) if len(a.summary) >= 20},
            "sources": {v for s in Source.objects.all() for v in (s.identity, s.contact) if len(v) >= 6},
            "monitors": {v for m in Monitor.objects.all() for v in (m.name, m.contact) if len(v) >= 6},
        }
        ids = sorted({1, 2, 3, secret_allegation.pk, incident.pk, monitor.pk}
                     | set(Allegation.objects.filter(filing_party=lna).values_list("pk", flat=True)[:3]))
        yield {"users": users, "markers": markers, "ids": ids}
        transaction.set_rollback(True)


FORBIDDEN = {
    "liaison_gna": ("allegations", "sources", "monitors"),
    "public": ("allegations", "sources", "monitors"),
    "monitor": ("sources",),
    "team_leader": ("sources",),
}
KEYS = ("sirte-triangle", "coastal-road", "gna", "lna", "sirte", "wagner")


def _web_routes(resolvers: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for entry in resolvers:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _web_routes(entry.url_patterns, route)
        else:
            yield "/" + route.lstrip("^").rstrip("$")


def _fill(route: str, ids: list[int]) -> Iterator[str]:
    """Every address a route takes for the probe's ids and keys."""
    params = re.findall(r"<(?:(\w+):)?(\w+)>|\{(\w+)\}", route)
    if not params:
        yield route
        return
    if len(params) > 1:
        values: list[str] = [str(i) for i in ids[:3]]
    elif (params[0][0] or "") == "int" or params[0][2] in ("pk", "id") or params[0][1] in ("pk", "id"):
        values = [str(i) for i in ids]
    else:
        values = [*KEYS, *(str(i) for i in ids[:3])]
    for value in values:
        yield re.sub(r"<(?:\w+:)?\w+>|\{\w+\}", value, route)


def _addresses(ids: list[int]) -> list[str]:
    web = [r for r in _web_routes(get_resolver().url_patterns) if not r.startswith("/api/")]
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    reads = [p for p, ops in schema["paths"].items() if "get" in ops]
    found = []
    for route in [*web, *reads]:
        if SKIPPED.match(route) or "(?P" in route:
            continue
        found.extend(_fill(route, ids))
    return sorted(set(found))


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(FORBIDDEN))
def test_no_page_or_api_read_shows_a_role_what_it_must_not_see(mission: dict[str, Any], role: str,
                                                                 tokens_for: Any) -> None:
    user = mission["users"][role]
    web = Client()
    web.force_login(user)
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {tokens_for(user)}")
    markers = {m for kind in FORBIDDEN[role] for m in mission["markers"][kind]}
    leaks, errors = [], []
    for address in _addresses(mission["ids"]):
        client = bearer if address.startswith("/api/") else web
        response = client.get(address)
        if response.status_code >= 500:
            errors.append(f"{address}: {response.status_code}")
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", errors="replace")
        leaks.extend(f"{address}: {m}" for m in markers if m in text)
    assert errors == []
    assert leaks == []


@pytest.fixture
def tokens_for() -> Any:
    from raqib.accounts.services import issue_token

    return lambda user: issue_token(user, None, "probe")
