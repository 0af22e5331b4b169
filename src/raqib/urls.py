from django.urls import URLPattern, URLResolver, include, path

from raqib.api.app import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    path("openrosa/", include("raqib.openrosa.urls")),
    path("", include("raqib.web.urls")),
]

# JSON for unknown addresses under /api/, Django's page elsewhere.
handler404 = "raqib.api.errors.handler404"
