"""Is an article about the monitored ceasefire (Libya)?

An article is in scope when it speaks of Libya (the country, its parties, its places) more than
of another conflict: a Syrian or Yemeni truce article is out, even when it says "ceasefire"
and mentions Libya in passing. In scope is not yet relevant: an article is relevant only when
an event is found in it, so "Libya's oil output rose" (Libya, but no event) is not.
"""

from __future__ import annotations

from dataclasses import dataclass

from raqib.osint.extract.classify import lexicons

# Party kinds particular to Libya (foreign states, the UN and PMCs also act elsewhere).
LIBYAN_PARTY_KINDS = frozenset({"signatory_party", "ceasefire_body", "armed_group"})


@dataclass(frozen=True, slots=True)
class Scope:
    libya: float  # mentions of Libya, its parties and places
    named: int  # of which the words "Libya", "ليبيا", "Libyan"... and unambiguous place names
    elsewhere: float  # mentions of other conflicts' countries and places
    anchors: int  # ceasefire and security words

    @property
    def in_scope(self) -> bool:
        """Libya is spoken of, more than any other conflict; and when another conflict is named,
        Libya must be named too (a Tripoli and a "ceasefire" are also Lebanese)."""
        if self.libya < 1.0 or self.elsewhere > 2.0 * self.libya:
            return False
        return self.named > 0 or self.elsewhere == 0

    @property
    def factor(self) -> float:
        """How sure the article is about Libya, 0.7..1 (scales the events' confidence)."""
        return min(1.0, 0.7 + 0.05 * self.libya)


def scope(norm_text: str, libyan_places: int, libyan_parties: int) -> Scope:
    """``norm_text``: the article's prepared (normalised) title and text; the counts: distinct
    Libyan gazetteer places and mentions of Libyan parties found in it."""
    named = anchors = 0
    elsewhere = 0.0
    for lang in ("ar", "en"):
        lex = lexicons(lang)
        named += lex.libya.count(norm_text)
        elsewhere += lex.elsewhere.count(norm_text)
        anchors += lex.anchors.count(norm_text)
    return Scope(named + libyan_places + 0.5 * libyan_parties, named, elsewhere, anchors)
