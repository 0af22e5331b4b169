"""Shapes shared by the phased-zone tests."""

from __future__ import annotations

from typing import Any

SIRTE = (31.2089, 16.5887)  # inside the Sirte triangle of the base fixtures
# A square south of the Sirte triangle (lon, lat), with a point inside it.
JUFRA = {"type": "Polygon", "coordinates": [[[15.6, 28.9], [16.3, 28.9], [16.3, 29.3], [15.6, 29.3], [15.6, 28.9]]]}
IN_JUFRA = (29.1, 15.9)


def square(lon: float, lat: float, size: float = 0.2) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + size, lat], [lon + size, lat + size],
                                                [lon, lat + size], [lon, lat]]]}


def api_client(token: str) -> Any:
    """A django.test.Client speaking JSON to /api/v1 with a bearer token (as tests/api does)."""
    import json

    from django.test import Client

    class ApiClient(Client):
        def call(self, method: str, path: str, body: Any = None) -> Any:
            data = body if isinstance(body, (str, bytes)) or body is None else json.dumps(body)
            return self.generic(method, "/api/v1" + path, data or "", content_type="application/json")

        def get_json(self, path: str, **params: Any) -> Any:
            return self.get("/api/v1" + path, params)

        def post_json(self, path: str, body: Any = None) -> Any:
            return self.call("POST", path, body)

    return ApiClient(HTTP_AUTHORIZATION=f"Bearer {token}")
