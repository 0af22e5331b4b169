"""The shape of the synthetic month: who monitors, where things happen, how often, who is involved.

Everything here is invented for demonstration around the real geography of the libya-2020
profile; nothing describes a real event or a real person.
"""

from __future__ import annotations

import datetime as dt

START = dt.date(2021, 1, 1)  # ten weeks after the signature, the month the mechanism was asked for

# Points for gazetteer places the profile leaves without coordinates (it cites none). Used only to
# place synthetic incidents, always with location precision "approximate".
APPROXIMATE: dict[str, tuple[float, float]] = {
    "abu-grein": (31.44, 15.25),
    "al-wishka": (31.40, 15.50),
    "harawa": (31.03, 17.26),
}

# The front of January 2021 ran north-south just east of Abu Grein and Al-Wishka: west of this
# longitude is held by the GNA side, east of it (Sirte, the Sirte-Jufra road) by the LNA side.
FRONT_LON = 15.55

GNA_SIDE: tuple[tuple[str, float], ...] = (("gna", 6), ("misrata_brigades", 3), ("syrian_fighters_gna", 1))
LNA_SIDE: tuple[tuple[str, float], ...] = (("lna", 6), ("tbz", 2), ("wagner", 1.5), ("sudanese_rsf", 0.5))

# name, Arabic name, base place, zone key, call-sign prefix
TEAMS: tuple[tuple[str, str, str, str, str], ...] = (
    ("Team Sirte", "فريق سرت", "sirte", "sirte-triangle", "SRT"),
    ("Team Abu Grein", "فريق أبوقرين", "abu-grein", "coastal-road", "AGR"),
    ("Team Jufra", "فريق الجفرة", "hun", "sirte-jufra-line", "JFR"),
    ("Team Bin Jawad", "فريق بن جواد", "bin-jawad", "sirte-triangle", "BJW"),
)

# name, organisation, JMC side, background, languages, nationality. Six per team, in team order:
# a leader first, then a mix of the organisations and a JMC officer from each side.
ROSTER: tuple[tuple[str, str, str | None, str, tuple[str, ...], str], ...] = (
    ("Marco Bianchi", "eu", None, "retired_military", ("it", "en", "ar"), "IT"),
    ("Khaled Al-Masri (خالد المصري)", "las", None, "retired_military", ("ar", "en"), "EG"),
    ("Grace Wanjiru", "au", None, "civilian", ("en", "sw"), "KE"),
    ("Sofia Ramírez", "un", None, "civilian", ("es", "en"), "PE"),
    ("Col. Salem Ben Omran (العقيد سالم بن عمران)", "jmc", "gna", "serving", ("ar",), "LY"),
    ("Col. Mabrouk Al-Hassi (العقيد مبروك الحاسي)", "jmc", "lna", "serving", ("ar", "en"), "LY"),

    ("Amadou Diallo", "au", None, "retired_military", ("fr", "en", "ar"), "SN"),
    ("Claire Dubois", "eu", None, "civilian", ("fr", "en", "ar"), "FR"),
    ("Omar Al-Khatib (عمر الخطيب)", "las", None, "retired_military", ("ar", "en"), "JO"),
    ("Rajesh Thapa", "un", None, "retired_military", ("ne", "en"), "NP"),
    ("Maj. Ali Al-Zawi (الرائد علي الزاوي)", "jmc", "gna", "serving", ("ar", "en"), "LY"),
    ("Maj. Idris Al-Barassi (الرائد إدريس البرعصي)", "jmc", "lna", "serving", ("ar",), "LY"),

    ("Youssef Ben Salah (يوسف بن صالح)", "las", None, "retired_military", ("ar", "fr", "en"), "TN"),
    ("Tesfaye Bekele", "au", None, "retired_military", ("am", "en"), "ET"),
    ("Anna Lindqvist", "eu", None, "civilian", ("sv", "en"), "SE"),
    ("Lina Haddad (لينا حداد)", "un", None, "civilian", ("ar", "en", "fr"), "LB"),
    ("Lt Col. Nasser Al-Fitouri (المقدم ناصر الفيتوري)", "jmc", "gna", "serving", ("ar", "en"), "LY"),
    ("Lt Col. Faraj Al-Mismari (المقدم فرج المسماري)", "jmc", "lna", "serving", ("ar", "en"), "LY"),

    ("Kwame Mensah", "un", None, "retired_military", ("en",), "GH"),
    ("Karim Boudiaf (كريم بوضياف)", "las", None, "civilian", ("ar", "fr"), "DZ"),
    ("Jan de Vries", "eu", None, "retired_military", ("nl", "en"), "NL"),
    ("Nomvula Dlamini", "au", None, "civilian", ("en", "zu"), "ZA"),
    ("Capt. Hamza Al-Tarhouni (النقيب حمزة الترهوني)", "jmc", "gna", "serving", ("ar",), "LY"),
    ("Capt. Saad Al-Awami (النقيب سعد العوامي)", "jmc", "lna", "serving", ("ar", "en"), "LY"),
)

# Incidents per day by category, before the random draw.
DAILY_RATE: dict[str, float] = {
    "ceasefire_violation": 3.0,
    "foreign_forces": 1.6,
    "explosive_hazard": 1.2,
    "movement_restriction": 0.8,
    "political": 0.8,
    "embargo_violation": 0.35,
    "other": 0.1,
}
# A flare-up on the western front in the middle of the month (days from START, inclusive).
FLARE_UP = (11, 14)

SUBTYPES: dict[str, tuple[tuple[str, float], ...]] = {
    "ceasefire_violation": (("small_arms_fire", 25), ("shelling", 15), ("forward_deployment", 14),
                            ("fortification", 12), ("uav_overflight", 14), ("heavy_weapons", 8),
                            ("armed_clash", 4), ("air_or_drone_strike", 2), ("remote_explosive", 2),
                            ("grenade", 1), ("attack_on_civilians", 1.5), ("abduction", 1)),
    "foreign_forces": (("presence", 25), ("base_activity", 18), ("arrival", 14), ("departure", 8),
                       ("relocation", 14), ("training", 12), ("assembly", 9)),
    "explosive_hazard": (("uxo_sighting", 35), ("mine_sighting", 20), ("ied_sighting", 10), ("clearance", 25),
                         ("eo_accident", 6), ("new_laying", 4)),
    "movement_restriction": (("delay", 35), ("conditional_access", 25), ("denial", 25), ("uav_interference", 8),
                             ("threat_or_violence", 7)),
    "political": (("agreement", 25), ("detainee_exchange", 12), ("hate_speech", 20), ("route_reopening", 13),
                  ("demonstration", 18), ("arrest", 12)),
    "embargo_violation": (("air_shipment", 40), ("sea_shipment", 25), ("materiel_sighting", 25),
                          ("land_shipment", 8), ("interdiction", 10)),
    "other": (("other", 1),),
}

# Where each category happens: (weight, kind, places, min km, max km).
# "line": a point along the road through the places, up to max km off it;
# "place": a point min..max km from one of the places; "sea": the same, out to sea.
AREAS: dict[str, tuple[tuple[float, str, tuple[str, ...], float, float], ...]] = {
    "ceasefire_violation": (
        (40, "line", ("sirte", "qasr-abu-hadi", "waddan"), 0, 8),
        (30, "place", ("abu-grein", "al-wishka"), 2, 15),
        (25, "place", ("bin-jawad", "nawfaliya", "harawa"), 2, 15),
        (5, "place", ("sirte", "al-qardabiya-airbase"), 3, 12),
    ),
    "foreign_forces": (
        (35, "place", ("al-jufra-airbase",), 0, 2),
        (25, "place", ("al-qardabiya-airbase",), 0, 2),
        (20, "place", ("al-watiya-airbase",), 0, 2),
        (8, "place", ("misrata-airport",), 0, 1.5),
        (7, "place", ("brak-al-shati-airbase", "tamanhint-airbase"), 0, 2),
        (5, "place", ("sirte",), 0, 3),
    ),
    "explosive_hazard": (
        (70, "line", ("abu-grein", "al-wishka", "wadi-jarif", "sirte", "harawa", "bin-jawad"), 0, 0.5),
        (20, "place", ("sirte", "wadi-jarif"), 1, 6),
        (10, "line", ("sirte", "qasr-abu-hadi", "waddan"), 0, 3),
    ),
    "movement_restriction": (
        (30, "place", ("abu-grein", "al-wishka"), 0, 4),
        (30, "place", ("sirte", "qasr-abu-hadi"), 0, 6),
        (20, "place", ("waddan", "al-jufra-airbase"), 0, 4),
        (20, "place", ("bin-jawad", "harawa"), 0, 4),
    ),
    "political": (
        (40, "place", ("sirte",), 0, 1.5),
        (20, "place", ("tripoli", "misrata"), 0, 1.5),
        (20, "place", ("benghazi", "ajdabiya"), 0, 1.5),
    ),
    "embargo_violation": (
        (1, "place", ("al-jufra-airbase", "al-qardabiya-airbase", "al-watiya-airbase", "al-khadim-airbase"), 0, 1.5),
    ),
    "other": ((1, "place", ("sirte", "abu-grein", "bin-jawad"), 2, 20),),
}
# Subtypes placed somewhere else than their category.
SUBTYPE_AREAS: dict[str, tuple[tuple[float, str, tuple[str, ...], float, float], ...]] = {
    "assembly": ((60, "place", ("tripoli",), 0, 2), (40, "place", ("benghazi",), 0, 2)),
    "departure": ((40, "place", ("mitiga-airport",), 0, 1), (40, "place", ("benina-airport",), 0, 1),
                  (20, "place", ("al-jufra-airbase",), 0, 1)),
    "hate_speech": ((50, "place", ("tripoli", "misrata"), 0, 1), (50, "place", ("benghazi",), 0, 1)),
    "agreement": ((70, "place", ("sirte",), 0, 1), (15, "place", ("tripoli",), 0, 1),
                  (15, "place", ("benghazi",), 0, 1)),
    "detainee_exchange": ((1, "place", ("abu-grein", "sirte", "bin-jawad"), 0, 3),),
    "route_reopening": ((1, "line", ("abu-grein", "al-wishka", "wadi-jarif", "sirte", "harawa", "bin-jawad"), 0, 0.3),),
    "air_shipment": ((1, "place", ("benina-airport", "al-khadim-airbase", "al-jufra-airbase", "misrata-airport",
                                   "al-watiya-airbase"), 0, 1),),
    "sea_shipment": ((1, "place", ("misrata-port", "tripoli-port", "benghazi-port"), 0, 0.5),),
    "interdiction": ((60, "sea", ("misrata-port",), 8, 30), (40, "sea", ("benghazi-port",), 8, 30)),
}
# Bearings (degrees) from a port towards open sea, for "sea" areas.
SEA_BEARINGS: dict[str, tuple[float, float]] = {"misrata-port": (10, 80), "benghazi-port": (260, 330)}

# Foreign contingents seen at each base, by weight.
FOREIGN_AT: dict[str, tuple[tuple[str, float], ...]] = {
    "al-jufra-airbase": (("wagner", 5), ("syrian_fighters_lna", 3), ("sudanese_rsf", 2)),
    "al-qardabiya-airbase": (("wagner", 6), ("syrian_fighters_lna", 3)),
    "brak-al-shati-airbase": (("wagner", 5), ("chadian_rebels", 4)),
    "tamanhint-airbase": (("wagner", 5), ("chadian_rebels", 4)),
    "al-watiya-airbase": (("turkey", 6), ("syrian_fighters_gna", 3)),
    "misrata-airport": (("turkey", 8), ("syrian_fighters_gna", 2)),
    "mitiga-airport": (("syrian_fighters_gna", 6), ("turkey", 2)),
    "tripoli": (("syrian_fighters_gna", 8), ("sadat", 1)),
    "benghazi": (("sudanese_rsf", 4), ("syrian_fighters_lna", 3), ("chadian_rebels", 2)),
    "benina-airport": (("sudanese_rsf", 4), ("syrian_fighters_lna", 4)),
    "sirte": (("wagner", 6), ("syrian_fighters_lna", 2)),
}
# Who ships to each place, and from where (a foreign-state party key).
SUPPLIER_AT: dict[str, tuple[str, ...]] = {
    "misrata-port": ("turkey",), "tripoli-port": ("turkey",), "misrata-airport": ("turkey",),
    "al-watiya-airbase": ("turkey",), "benghazi-port": ("uae", "egypt"), "benina-airport": ("uae", "syria"),
    "al-khadim-airbase": ("uae",), "al-jufra-airbase": ("russia", "syria"), "al-qardabiya-airbase": ("russia", "uae"),
}

# Provisions an incident concerns, by subtype (numbers of the profile's agreement).
PROVISIONS: dict[str, tuple[str, ...]] = {
    "small_arms_fire": ("1",), "shelling": ("1",), "armed_clash": ("1",), "air_or_drone_strike": ("1",),
    "uav_overflight": ("1",), "remote_explosive": ("1",), "grenade": ("1",), "attack_on_civilians": ("1",),
    "abduction": ("1", "10"), "forward_deployment": ("1", "2"),
    "heavy_weapons": ("2", "2.2"), "fortification": ("2",),
    "presence": ("2",), "arrival": ("2",), "relocation": ("2",), "base_activity": ("2",),
    "departure": ("2", "2.1"), "assembly": ("2.1",), "training": ("3",),
    "uxo_sighting": ("8.1",), "mine_sighting": ("8.1", "8.2"), "ied_sighting": ("8.1",), "eo_accident": ("8.1",),
    "new_laying": ("1", "8.2"), "clearance": ("8.2",),
    "denial": ("12",), "conditional_access": ("12",), "delay": ("12",), "uav_interference": ("12",),
    "threat_or_violence": ("12",),
    "agreement": ("12.1",), "detainee_exchange": ("10",), "arrest": ("10",), "hate_speech": ("7",),
    "route_reopening": ("8", "8.1"),
}

SEVERITY: dict[str, int] = {
    "small_arms_fire": 2, "shelling": 3, "armed_clash": 4, "air_or_drone_strike": 4, "uav_overflight": 1,
    "forward_deployment": 2, "heavy_weapons": 2, "fortification": 1, "remote_explosive": 3, "grenade": 2,
    "attack_on_civilians": 3, "abduction": 3,
    "presence": 1, "arrival": 3, "departure": 1, "relocation": 2, "base_activity": 2, "training": 2, "assembly": 1,
    "uxo_sighting": 2, "mine_sighting": 2, "ied_sighting": 3, "eo_accident": 3, "new_laying": 3, "clearance": 1,
    "denial": 2, "conditional_access": 1, "delay": 1, "uav_interference": 2, "threat_or_violence": 3,
    "agreement": 1, "detainee_exchange": 1, "hate_speech": 1, "route_reopening": 1, "demonstration": 1, "arrest": 2,
    "air_shipment": 3, "sea_shipment": 3, "land_shipment": 3, "materiel_sighting": 2, "interdiction": 1, "other": 1,
}

# (killed at most, injured at most, chance of any casualty)
CASUALTIES: dict[str, tuple[int, int, float]] = {
    "small_arms_fire": (0, 2, 0.1), "shelling": (1, 3, 0.25), "armed_clash": (3, 5, 0.7),
    "air_or_drone_strike": (3, 4, 0.6), "remote_explosive": (2, 3, 0.6), "grenade": (1, 3, 0.5),
    "attack_on_civilians": (1, 3, 0.9), "eo_accident": (2, 3, 1.0),
}
