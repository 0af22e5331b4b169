"""The API object: authentication, parsing, rendering, errors and the routers, in one place."""

from __future__ import annotations

from typing import Any, cast

from django.urls import URLPattern, URLResolver, path
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from raqib.api import (allegations, audit, candidates, compliance, docs, embargo, errors, exports, forces, hazards,
                       incidents, maps, movement, observations, parties, patrols, places, provisions, reports,
                       sources, verification, zones)
from raqib.api.auth import BearerToken
from raqib.api.parsing import Renderer, StrictParser

ERROR_SCHEMA = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}


class RaqibAPI(NinjaAPI):
    """NinjaAPI whose addresses answer a wrong method in the API's error shape, which serves the
    documentation's own files, and whose OpenAPI document names the error shape."""

    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        patterns, app_name, namespace = super().urls
        wrapped: list[URLResolver | URLPattern] = [path("docs/assets/<str:name>", docs.asset, name="docs-asset")]
        for url in patterns:
            if isinstance(url, URLPattern):
                url = URLPattern(url.pattern, errors.json_405(url.callback), url.default_args, url.name)
            wrapped.append(url)
        return wrapped, app_name, namespace

    def get_openapi_schema(self, *, path_prefix: str | None = None,
                           path_params: dict[str, Any] | None = None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        error = {"description": str(_("Refused; the message says why.")),
                 "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation["responses"].setdefault("4XX", error)
        return schema


api = RaqibAPI(
    title="Raqib API",
    version="1",
    # Lazy, so the document is written in the reader's language (the encoder turns it into text).
    description=cast(str, _("The information system of a ceasefire monitoring mission. Send your token as "
                  "“Authorization: Bearer <token>”; every error is {\"error\": \"<message>\"} with a 4xx status.")),
    urls_namespace="api",
    auth=BearerToken(),
    docs=docs.LocalSwagger(),
    parser=StrictParser(),
    renderer=Renderer(),
)
errors.install(api)

api.add_router("/incidents", maps.router)
api.add_router("/incidents", incidents.router)
api.add_router("/incidents", verification.router)
api.add_router("/incidents", sources.router)
api.add_router("/observations", observations.router)
api.add_router("/allegations", allegations.router)
api.add_router("/zones", zones.router)
api.add_router("/places", places.router)
api.add_router("/parties", parties.router)
api.add_router("/provisions", provisions.router)
api.add_router("/provisions", compliance.router)
api.add_router("/audit", audit.router)
api.add_router("/candidates", candidates.router)
api.add_router("/hazards", hazards.router)
api.add_router("/forces", forces.router)
api.add_router("/patrols", patrols.router)
api.add_router("/embargo", embargo.router)
api.add_router("/restrictions", movement.router)
api.add_router("/exports", exports.router)
api.add_router("/reports", reports.router)
