"""Errors the services raise; every face turns them into its own answer (HTTP 4xx, exit code)."""

from __future__ import annotations


class RaqibError(Exception):
    """Base of the errors a user can act on; the message is safe to show."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Invalid(RaqibError):
    status = 400


class Forbidden(RaqibError):
    status = 403


class NotFound(RaqibError):
    status = 404


class Conflict(RaqibError):
    status = 409


class IllegalTransition(Conflict):
    pass
