"""``raqib serve``: waitress in front of Raqib, with the static files beside it."""

from __future__ import annotations

import mimetypes
import signal
from collections.abc import Callable, Iterable
from email.utils import formatdate
from pathlib import Path
from typing import Any
from wsgiref.util import FileWrapper

import click

from raqib.cli.base import pending_migrations, with_django

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class StaticFiles:
    """Serve the files under ``root`` at URL ``prefix`` and hand every other request to ``app``.

    What whitenoise would do for Raqib, kept to what Raqib needs: GET and HEAD, a
    Last-Modified validator, no directory listings, nothing outside ``root``.
    """

    CHUNK = 64 * 1024

    def __init__(self, app: WSGIApp, root: Path, prefix: str, max_age: int = 3600) -> None:
        self.app = app
        self.root = root.resolve()
        self.prefix = prefix if prefix.endswith("/") else prefix + "/"
        self.max_age = max_age

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or ""
        if not path.startswith(self.prefix):
            return self.app(environ, start_response)
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return self._plain(start_response, "405 Method Not Allowed", [("Allow", "GET, HEAD")])
        found = self.find(path[len(self.prefix):])
        if found is None:
            return self._plain(start_response, "404 Not Found")
        stat = found.stat()
        last_modified = formatdate(stat.st_mtime, usegmt=True)
        common = [("Last-Modified", last_modified), ("Cache-Control", f"public, max-age={self.max_age}")]
        if environ.get("HTTP_IF_MODIFIED_SINCE") == last_modified:
            start_response("304 Not Modified", common)
            return [b""]
        content_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in ("application/javascript", "application/json"):
            content_type += "; charset=utf-8"
        start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(stat.st_size)),
                                  ("X-Content-Type-Options", "nosniff"), *common])
        if environ["REQUEST_METHOD"] == "HEAD":
            return [b""]
        wrapper = environ.get("wsgi.file_wrapper", FileWrapper)
        return wrapper(found.open("rb"), self.CHUNK)

    def find(self, relative: str) -> Path | None:
        # PATH_INFO holds the request's bytes decoded as latin-1 (PEP 3333).
        try:
            relative = relative.encode("latin-1").decode("utf-8")
        except UnicodeError:
            return None
        parts = relative.split("/")
        if any(part in ("", ".", "..") for part in parts) or "\\" in relative or "\x00" in relative:
            return None
        candidate = self.root.joinpath(*parts).resolve()
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            return None
        return candidate

    @staticmethod
    def _plain(start_response: Callable[..., Any], status: str,
               headers: list[tuple[str, str]] | None = None) -> Iterable[bytes]:
        body = status.encode("ascii")
        start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))),
                                *(headers or [])])
        return [body]


def application() -> WSGIApp:
    """Raqib's WSGI application, with STATIC_ROOT served at STATIC_URL (collected first)."""
    from django.conf import settings
    from django.core.management import call_command

    from raqib.wsgi import application as django_app

    call_command("collectstatic", interactive=False, verbosity=0)
    if not str(settings.STATIC_URL).startswith("/"):
        return django_app  # static files on another host
    return StaticFiles(django_app, Path(settings.STATIC_ROOT), str(settings.STATIC_URL))


def _stop(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def run_server(host: str, port: int, threads: int) -> None:
    """Serve until Ctrl-C or SIGTERM."""
    import waitress
    from django.db import DatabaseError
    from django.utils.translation import gettext as _

    app = application()
    try:
        if pending_migrations():
            click.echo(_("Warning: the database is not up to date; run “raqib migrate”."), err=True)
    except DatabaseError as exc:
        click.echo(_("Warning: cannot open the database: %(error)s") % {"error": exc}, err=True)
    previous = signal.signal(signal.SIGTERM, _stop)
    shown = f"[{host}]" if ":" in host else host
    click.echo(_("Serving Raqib on http://%(host)s:%(port)d/ (Ctrl-C stops it).") % {"host": shown, "port": port})
    try:
        waitress.serve(app, host=host, port=port, threads=threads)
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        raise click.ClickException(_("Cannot listen on %(host)s:%(port)d: %(error)s")
                                   % {"host": host, "port": port, "error": exc.strerror or exc}) from None
    finally:
        signal.signal(signal.SIGTERM, previous)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, metavar="HOST", help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), metavar="PORT",
              help="Port to listen on.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 256), metavar="N",
              help="Requests served at once.")
@with_django
def serve(host: str, port: int, threads: int) -> None:
    """Serve Raqib with waitress until Ctrl-C or SIGTERM.

    Static files are collected into STATIC_ROOT and served at STATIC_URL. Listening beyond this machine (--host 0.0.0.0) needs the name users type in
    RAQIB_ALLOWED_HOSTS; put a TLS-terminating proxy in front.
    """
    run_server(host, port, threads)
