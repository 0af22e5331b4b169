"""OpenRosa routes: a phone is given the server address https://HOST/openrosa and finds the rest.
The project's urls.py includes this module once: ``path("openrosa/", include("raqib.openrosa.urls"))``."""

from __future__ import annotations

from django.urls import path, re_path

from raqib.openrosa import views

app_name = "openrosa"

urlpatterns = [
    path("formList", views.form_list, name="form_list"),
    path("forms/<int:pk>/form.xml", views.form_xml, name="form_xml"),
    path("forms/<int:pk>/manifest", views.manifest, name="manifest"),
    path("forms/<int:pk>/media/<str:name>", views.media_file, name="media"),
    path("submission", views.submission, name="submission"),
    re_path(r"^.*$", views.not_found),
]
