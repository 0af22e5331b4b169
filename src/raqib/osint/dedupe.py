"""Keys that find the same article twice: a normalised address, a hash of the normalised text,
and MinHash locality-sensitive bands of its word shingles (pure Python, no Django).

Two texts that share most of their three-word shingles (a wire story republished with another
byline, a changed headline, different punctuation or Arabic spelling variants) very probably
share at least one of the :data:`BANDS` band keys (see the numbers below); the caller looks candidates up by band and
confirms with the exact Jaccard similarity of the shingle sets (:func:`similarity`).
"""

from __future__ import annotations

import hashlib
import re
import struct
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from raqib.core.text import normalize

# 8 bands of 4 MinHash values: two texts with a Jaccard similarity of 0.7 share a band key with
# probability 0.89, at 0.8 with 0.985, at 0.9 with 0.9998; unrelated texts (0.3) only 6% of the time.
BANDS = 8
ROWS = 4
SHINGLE = 3
# Jaccard similarity of the shingle sets at or above which two texts are the same article: a
# republished wire story with its own byline, lead or closing line stays above it.
NEAR_DUPLICATE = 0.7
MAX_SHINGLES = 5000  # a long text is keyed by its first shingles: enough to tell articles apart

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_PRIME = (1 << 61) - 1
_MASK = (1 << 64) - 1
# Fixed coefficients, so the bands of a text are the same in every process and release.
_COEFFS = [(int.from_bytes(hashlib.blake2b(b"a%d" % i, digest_size=8).digest(), "big") % (_PRIME - 1) + 1,
            int.from_bytes(hashlib.blake2b(b"b%d" % i, digest_size=8).digest(), "big") % _PRIME)
           for i in range(BANDS * ROWS)]
_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|at_medium|at_campaign)$", re.I)


def words(text: str) -> list[str]:
    return _WORD.findall(normalize(text))


def text_hash(text: str) -> str:
    """SHA-256 of the text's normalised words: the same text whatever its spacing, case,
    punctuation, diacritics or Arabic letter variants."""
    return hashlib.sha256(" ".join(words(text)).encode("utf-8")).hexdigest()


def shingles(text: str) -> set[str]:
    w = words(text)
    if len(w) < SHINGLE:
        return {" ".join(w)} if w else set()
    return {" ".join(w[i:i + SHINGLE]) for i in range(min(len(w) - SHINGLE + 1, MAX_SHINGLES))}


def bands(text: str) -> list[int]:
    """The text's :data:`BANDS` band keys, each a signed 64-bit integer (a database BIGINT)."""
    hashed = [int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big")
              for s in shingles(text)] or [0]
    signature = [min((a * h + b) % _PRIME for h in hashed) for a, b in _COEFFS]
    keys = []
    for band in range(BANDS):
        chunk = signature[band * ROWS:(band + 1) * ROWS]
        digest = hashlib.blake2b(struct.pack(f">B{ROWS}Q", band, *chunk), digest_size=8).digest()
        keys.append(struct.unpack(">q", digest)[0])
    return keys


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the two texts' shingle sets (1.0 for two empty texts)."""
    sa, sb = shingles(a), shingles(b)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def normalize_url(url: str | None) -> str:
    """The address an article is known by: scheme and host lower-cased, no fragment, no
    tracking parameters, no default port, no trailing slash; "" when there is none."""
    if not url or not url.strip():
        return ""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/") or ""
    return urlunsplit((scheme, netloc, path, query, ""))
