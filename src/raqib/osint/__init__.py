"""Open-source monitoring: news intake and event extraction.

``raqib.osint.extract`` is pure Python (no Django import anywhere in it), so
``raqib osint extract`` runs without settings or a database; ``raqib.osint.evaluate`` scores it.
"""
