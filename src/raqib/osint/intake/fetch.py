"""Downloading a feed or an article page: http(s) only, a timeout, a size cap, no cookies.

Only the fetch task calls this, when an operator has configured feeds; nothing is fetched at
import time or by the tests (they serve files from 127.0.0.1).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any

import raqib
from raqib.osint.intake import MAX_FETCH_BYTES, IntakeError

TIMEOUT = 20.0
USER_AGENT = f"Raqib/{raqib.__version__} (ceasefire monitoring; news intake)"


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) addresses only (urllib would follow one to ftp)."""

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        if not newurl.lower().startswith(("https://", "http://")):
            raise IntakeError(f"{req.full_url}: redirected to a non-http address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_HttpOnlyRedirects())


def fetch(url: str, *, max_bytes: int = MAX_FETCH_BYTES, timeout: float = TIMEOUT) -> bytes:
    """The body at ``url``; :class:`IntakeError` naming the address on any failure."""
    if not url.lower().startswith(("https://", "http://")):
        raise IntakeError(f"{url}: only http and https addresses are fetched")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
    try:
        with _opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise IntakeError(f"{url}: {length} bytes is more than the {max_bytes} bytes allowed")
            data: bytes = response.read(max_bytes + 1)
    except IntakeError:
        raise
    except urllib.error.HTTPError as exc:
        raise IntakeError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise IntakeError(f"{url}: {reason}") from None
    if len(data) > max_bytes:
        raise IntakeError(f"{url}: more than the {max_bytes} bytes allowed")
    return data
