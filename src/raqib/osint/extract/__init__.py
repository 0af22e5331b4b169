"""News event extraction, pure Python: no Django import anywhere in this package, so it runs
without settings or a database (``raqib osint extract``)."""

from raqib.osint.extract.gazetteer import Gazetteer, load_gazetteer
from raqib.osint.extract.loader import ArticleError, load_articles
from raqib.osint.extract.pipeline import extract_article

__all__ = ["ArticleError", "Gazetteer", "extract_article", "load_articles", "load_gazetteer"]
