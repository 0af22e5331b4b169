"""Secrets never reach the logs: passwords tried at the sign-in, API tokens right or wrong,
second-factor codes, whatever the log level. Every record of every logger is captured at DEBUG
and searched, formatted, for the secrets used."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

PASSWORD = "correct horse battery staple"


@pytest.fixture
def every_log_line(caplog: Any) -> Any:
    caplog.set_level(logging.DEBUG)
    return lambda: "\n".join(f"{r.getMessage()} {r.args!r} {r.__dict__!r}" for r in caplog.records)


def test_a_wrong_or_right_password_at_the_sign_in_is_never_logged(users: Any, every_log_line: Any) -> None:
    client = Client()
    wrong = "Wrong-Password-Sentinel-42"
    for _ in range(6):  # past the lockout too
        client.post(reverse("web:login"), {"username": "monitor", "password": wrong, "language": "en"})
    Client().post(reverse("web:login"), {"username": "chief", "password": PASSWORD, "language": "en"})
    logged = every_log_line()
    assert wrong not in logged and PASSWORD not in logged


def test_api_tokens_right_or_wrong_are_never_logged(tokens: dict[str, str], every_log_line: Any,
                                                    settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 2
    wrong = "rq_Wrong-Token-Sentinel-1234567890"
    for _ in range(3):
        Client(HTTP_AUTHORIZATION=f"Bearer {wrong}").get("/api/v1/parties")
    Client(HTTP_AUTHORIZATION=f"Bearer {tokens['chief']}").get("/api/v1/no-such-thing")
    Client(HTTP_AUTHORIZATION=f"Bearer {tokens['chief']}").post("/api/v1/incidents", "{not json",
                                                                 content_type="application/json")
    logged = every_log_line()
    assert logged, "nothing was logged: the test would prove nothing"
    assert wrong not in logged and tokens["chief"] not in logged
