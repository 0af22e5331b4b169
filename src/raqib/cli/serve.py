"""``raqib serve``: waitress in front of Raqib (static files served by whitenoise)."""

from __future__ import annotations

import signal
from typing import Any

import click

from raqib.cli.base import pending_migrations, with_django

def application() -> Any:
    """Raqib's WSGI application; static files are collected first and whitenoise serves them."""
    from django.core.management import call_command

    # Collected before the application loads: whitenoise indexes STATIC_ROOT when it starts.
    call_command("collectstatic", interactive=False, verbosity=0)
    from raqib.wsgi import application as django_app

    return django_app


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
        # waitress buffers a whole body before Django sees it: cap it just above the largest
        # body Raqib takes (an OpenRosa submission with its files), so a larger one costs nothing.
        from django.conf import settings

        largest = max(settings.RAQIB_OPENROSA_MAX_BYTES, settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
                      settings.RAQIB_XLSFORM_MAX_BYTES)
        waitress.serve(app, host=host, port=port, threads=threads, max_request_body_size=largest + 1024 * 1024)
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
