"""Fixtures of the arms-embargo tests: the watched bases of the profile (real keys and
positions), clients per role, and the hand-made track files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from raqib.accounts.models import User
from raqib.agreements.services import upsert_agreement
from raqib.geo.models import Place
from raqib.geo.services import upsert_place

API = "/api/v1"

PLACES = {
    "al-khadim-airbase": ("Al-Khadim airbase", "قاعدة الخادم الجوية", 31.9985, 21.1918, "airbase"),
    "al-jufra-airbase": ("Al-Jufra airbase", "قاعدة الجفرة الجوية", 29.1981, 16.0010, "airbase"),
    "benina-airport": ("Benina airport", "مطار بنينا الدولي", 32.0968, 20.2695, "airport"),
    "benghazi-port": ("Benghazi port", "ميناء بنغازي", 32.1186, 20.0754, "port"),
    "misrata-port": ("Misrata port", "ميناء مصراتة", 32.3551, 15.2237, "port"),
    # Not watched: a town, and an airbase the profile does not list.
    "zillah": ("Zillah", "زلة", 28.5510, 17.5436, "town"),
    "al-wigh-airbase": ("Al-Wigh airbase", "قاعدة الويغ الجوية", 24.1859, 14.5328, "airbase"),
}
WATCHED = ["al-khadim-airbase", "al-jufra-airbase", "benina-airport", "benghazi-port", "misrata-port"]

# Aircraft, one row a point (times deliberately out of order for some tracks).
AIR_TRACKS = """identifier,time,lat,lon,altitude_ft
896450,2021-01-10T06:00:00Z,31.6000,20.6000,25000
896450,2021-01-10T06:20:00Z,31.9500,21.1200,3000
896450,2021-01-10T06:25:00Z,31.9900,21.1800,800
896450,2021-01-10T06:27:00Z,31.9985,21.1918,0
896450,2021-01-10T06:40:00Z,31.9990,21.1920,ground
OVF123,2021-01-10T07:00:00Z,29.6000,16.0000,32000
OVF123,2021-01-10T07:10:00+02:00,29.1981,16.0010,31000
OVF123,2021-01-10T07:20:00Z,28.8000,16.0000,31000
5A-XYZ,2021-01-11T09:00:00Z,28.9000,17.5000,9000
5A-XYZ,2021-01-11T09:30:00Z,28.5510,17.5436,0
5A-XYZ,2021-01-11T09:35:00Z,28.5512,17.5440,0
5A-XYZ,2021-01-11T11:00:00Z,24.1859,14.5328,0
LYW101,2021-01-12T08:00:00Z,32.4000,20.0000,12000
LYW101,2021-01-12T08:20:00Z,32.0968,20.2695,0
LYW101,2021-01-12T08:10:00Z,32.1100,20.2500,900
LYW101,2021-01-12T10:00:00Z,32.0970,20.2700,0
LYW101,2021-01-12T10:05:00Z,32.1000,20.2600,1500
LYW101,2021-01-12T10:30:00Z,32.6000,19.5000,20000
LYW101,2021-01-12T14:00:00Z,32.3000,20.1000,8000
LYW101,2021-01-12T14:20:00Z,32.0950,20.2690,200
PARKED,2021-01-13T05:00:00Z,29.1981,16.0010,0
PARKED,2021-01-13T05:30:00Z,29.1985,16.0015,0
PARKED,2021-01-13T06:00:00Z,29.5000,16.2000,15000
"""
# 896450 lands at Al-Khadim (one arrival however many points on the ground); OVF123 overflies
# Al-Jufra at altitude; 5A-XYZ lands at Zillah and Al-Wigh, neither watched; LYW101 lands at
# Benina twice with a departure between; PARKED starts on the ground at Al-Jufra and leaves.
AIR_EXPECTED = [("896450", "al-khadim-airbase", "2021-01-10T06:25:00+00:00"),
                ("LYW101", "benina-airport", "2021-01-12T08:10:00+00:00"),
                ("LYW101", "benina-airport", "2021-01-12T14:20:00+00:00")]

SEA_TRACKS = """identifier,time,lat,lon,speed_kn
636012345,2021-01-15T02:00:00Z,32.3000,19.9000,12.5
636012345,2021-01-15T04:00:00Z,32.1300,20.0800,6
636012345,2021-01-15T04:30:00Z,32.1190,20.0760,0.5
636012345,2021-01-15T06:00:00Z,32.1188,20.0758,0
IMO 9074729,2021-01-15T01:00:00Z,32.6000,15.4000,14
IMO 9074729,2021-01-15T02:00:00Z,32.3600,15.2300,11
IMO 9074729,2021-01-15T03:00:00Z,32.1000,15.4000,12
IMO 9074729,2021-01-15T05:00:00Z,32.6000,16.0000,0
"""
# 636012345 slows near Benghazi port and stops in it: one arrival (the point at 6 kn does not
# count). IMO 9074729 passes Misrata port under way and stops far out at sea: none.
SEA_EXPECTED = [("636012345", "benghazi-port", "2021-01-15T04:30:00+00:00")]


@pytest.fixture
def bases(db: Any) -> dict[str, Place]:
    made = {}
    for key, (name_en, name_ar, lat, lon, kind) in PLACES.items():
        made[key], _ = upsert_place(key, {"name_en": name_en, "name_ar": name_ar, "lat": lat, "lon": lon,
                                          "kind": kind, "precision": "exact"}, [], None)
    upsert_agreement("geneva-2020", {"title_en": "Ceasefire", "title_ar": "وقف إطلاق النار",
                                     "signed_on": dt.date(2020, 10, 23), "timezone": "UTC",
                                     "parameters": {"embargo_bases": WATCHED}}, None)
    return made


@pytest.fixture
def as_(tokens: dict[str, str]) -> Callable[[str], Client]:
    """An API client sending that user's token."""
    return lambda name: Client(HTTP_AUTHORIZATION=f"Bearer {tokens[name]}")


@pytest.fixture
def as_user(users: dict[str, User]) -> Callable[[str], Client]:
    """A browser client signed in as that user."""

    def make(name: str) -> Client:
        client = Client()
        client.force_login(users[name])
        return client

    return make
