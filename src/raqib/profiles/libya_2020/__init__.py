"""The built-in profile "libya-2020": the Agreement for a Complete and Permanent Ceasefire in
Libya (Geneva, 23 Oct 2020), its parties, the gazetteer around Sirte and the mission's zones.

The profile is data only (``data/``); ``build_*.py`` regenerate those files from their sources
and are never imported at run time. It is registered in :mod:`raqib.profiles`.
"""
