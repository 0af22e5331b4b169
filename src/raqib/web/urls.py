"""Routes of the web pages. The project's urls.py includes this module at the root, once:
``path("", include("raqib.web.urls"))``; it brings the language switch and the admin with it."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path, re_path

from raqib.web.views import (allegations, auth, candidates, files, home, incidents, maps, mission, reports,
                             verification, zones)

pages = [
    path("", home.home, name="home"),
    path("signin/", auth.SignInView.as_view(), name="login"),
    path("signout/", auth.SignOutView.as_view(), name="logout"),
    path("dashboard/", home.dashboard, name="dashboard"),
    path("incidents/", incidents.incident_list, name="incidents"),
    path("incidents/new/", reports.new_report, name="new_report"),
    path("incidents/<int:pk>/", incidents.incident_detail, name="incident"),
    path("incidents/<int:pk>/observations/new/", reports.new_observation, name="new_observation"),
    path("incidents/<int:pk>/photos/", reports.add_photos, name="add_photos"),
    path("incidents/<int:pk>/verification/assign/", verification.assign, name="assign"),
    path("incidents/<int:pk>/verification/move/", verification.transition, name="transition"),
    path("verification/", verification.queue, name="verification"),
    path("candidates/<int:pk>/", candidates.candidate_detail, name="candidate"),
    path("candidates/<int:pk>/accept/", candidates.accept, name="accept_candidate"),
    path("candidates/<int:pk>/reject/", candidates.reject, name="reject_candidate"),
    path("allegations/", allegations.allegation_list, name="allegations"),
    path("allegations/new/", allegations.new_allegation, name="new_allegation"),
    path("allegations/<int:pk>/", allegations.allegation_detail, name="allegation"),
    path("allegations/<int:pk>/link/", allegations.link, name="link_allegation"),
    path("allegations/<int:pk>/response/", allegations.respond, name="allegation_response"),
    path("zones/", zones.zone_list, name="zones"),
    path("zones/<int:pk>/", zones.zone_detail, name="zone"),
    path("zones/<int:pk>/status/", zones.zone_transition, name="zone_transition"),
    path("mission/", mission.monitors_and_teams, name="mission"),
    path("agreement/", mission.agreement, name="agreement"),
    path("map/zones.geojson", maps.zones, name="map_zones"),
    path("map/towns.geojson", maps.towns, name="map_towns"),
    path("map/incidents.json", maps.incidents, name="map_incidents"),
    path("places/search/", maps.place_search, name="place_search"),
    path("evidence/<int:pk>/", files.evidence_file, name="evidence"),
]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include((pages, "web"))),
]
