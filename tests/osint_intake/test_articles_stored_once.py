"""Each article is stored once: the same address, the same text, or nearly the same text."""

from __future__ import annotations

import pytest

from raqib.core import audit
from raqib.core.errors import Forbidden
from raqib.osint import dedupe, services
from raqib.osint.models import Article

from .samples import MINE_EN, SHELLING_AR, SHELLING_EN, article

LONG = (SHELLING_EN + " The mission's liaison officers said they had received reports from both sides and "
        "that a patrol would visit the area once the road was declared safe. Local elders urged calm and "
        "asked the armed groups to respect the agreement, which provides for the withdrawal of all forces "
        "from the front lines and the departure of foreign fighters within three months.")


def test_the_same_address_is_stored_once(wire):
    first, created = services.store_article(wire, article(SHELLING_EN, url="https://e.org/a?utm_source=x#top"))
    again, created_again = services.store_article(wire, article(MINE_EN, url="HTTPS://E.ORG/a/"))
    assert created and not created_again and again.pk == first.pk
    assert first.url == "https://e.org/a"


def test_the_same_text_under_another_address_is_stored_once(wire):
    first, _ = services.store_article(wire, article(SHELLING_EN, url="https://e.org/a"))
    respaced = "  " + SHELLING_EN.upper().replace(" ", "  ").replace(",", " ,") + " "
    again, created = services.store_article(wire, article(respaced, url="https://mirror.example.net/b"))
    assert not created and again.pk == first.pk


def test_a_near_duplicate_text_is_stored_once(wire):
    first, _ = services.store_article(wire, article(LONG, url="https://e.org/a"))
    edited = ("By our correspondent. " + LONG.replace("heavy shelling", "intense shelling")
              .replace("without delay", "at once") + " Reporting by the Test wire desk.")
    assert dedupe.NEAR_DUPLICATE <= dedupe.similarity(LONG, edited) < 1
    again, created = services.store_article(wire, article(edited, url="https://other.example.net/c"))
    assert not created and again.pk == first.pk
    assert Article.objects.count() == 1


def test_different_articles_are_both_stored(wire):
    services.store_article(wire, article(SHELLING_EN, url="https://e.org/a"))
    services.store_article(wire, article(SHELLING_AR, url="https://e.org/b"))
    services.store_article(wire, article(MINE_EN))
    assert Article.objects.count() == 3
    assert sorted(Article.objects.values_list("lang", flat=True)) == ["ar", "en", "en"]


def test_stored_articles_are_in_the_audit_chain(wire):
    stored, _ = services.store_article(wire, article(SHELLING_EN, url="https://e.org/a"))
    assert [e.action for e in audit.history(stored)] == ["create"]
    assert list(audit.verify()) == []


def test_a_monitor_may_not_add_articles(wire, users):
    with pytest.raises(Forbidden):
        services.store_article(wire, article(SHELLING_EN), users["monitor"])


def test_the_band_keys_of_a_text_are_stable_and_fit_a_bigint():
    keys = dedupe.bands(SHELLING_EN)
    assert keys == dedupe.bands(SHELLING_EN) and len(keys) == dedupe.BANDS
    assert all(-(2 ** 63) <= k < 2 ** 63 for k in keys)
    assert keys != dedupe.bands(MINE_EN)
