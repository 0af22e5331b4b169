"""Valid requests to the ledger and compliance endpoints, each spoilt a little, never make a 500
and leave the audit chain intact."""

from __future__ import annotations

import pytest

from raqib.core import audit

pytestmark = pytest.mark.django_db

ODD: list[object] = [None, True, 0, -1, 2**63, 10**30, 1.5, "", "٣", "x" * 400, [], {}, "2021-01-10", "9999-12-31",
       "0001-01-01", "wagner", "verified", "sirte"]


def requests(provision: int, movement: int) -> list[tuple[str, dict]]:
    return [
        ("/forces/contingents", {"key": "k", "name_en": "K", "name_ar": "ك", "kind": "mercenaries",
                                 "sponsor": "turkey", "bases": ["sirte"]}),
        ("/forces/contingents/wagner/estimates", {"as_of": "2021-01-25", "minimum": 1, "maximum": 2,
                                                  "basis": "count", "source": "s"}),
        ("/forces/contingents/wagner/movements", {"kind": "arrival", "occurred_on": "2021-01-25",
                                                  "personnel_min": 1, "personnel_max": 2, "to_place": "sirte",
                                                  "batch": 1}),
        (f"/forces/movements/{movement}/transition", {"state": "disputed"}),
        (f"/provisions/{provision}/compliance", {"status": "met", "justification": "j",
                                                 "assessed_on": "2021-01-25"}),
    ]


def test_odd_values_never_make_a_500(as_, ledger, provisions):
    client = as_("chief")
    for path, body in requests(provisions["media"].pk, ledger["unverified"].pk):
        for field in body:
            for odd in ODD:
                r = client.post_json(path, {**body, field: odd})
                assert r.status_code < 500, (path, field, odd, r.content)
    for path in ("/forces/totals?on=0001-01-01", "/forces/series?start=0001-01-01&end=9999-12-31&step=1",
                 "/forces/series?start=2021-01-01&end=2021-01-02&step=-1", "/forces/contingents/%00",
                 f"/provisions/{provisions['media'].pk}/compliance?on=9999-12-31"):
        assert client.get("/api/v1" + path).status_code < 500, path
    assert list(audit.verify()) == []
