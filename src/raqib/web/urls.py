"""Routes of the web pages. The project's urls.py includes this module at the root, once:
``path("", include("raqib.web.urls"))``; it brings the language switch and the admin with it."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path, re_path

from raqib.web.views import exports
from raqib.web.views import report_pages
from raqib.web.views import hazards
from raqib.web.views import patrols
from raqib.web.views import embargo, movement
from raqib.web.views import compliance, forces
from raqib.web.views import fieldforms
from raqib.web.views import (account, allegations, auth, candidates, files, home, incidents, maps, mission, reports,
                             verification, zones)

pages = [
    path("", home.home, name="home"),
    path("signin/", auth.SignInView.as_view(), name="login"),
    path("signout/", auth.SignOutView.as_view(), name="logout"),
    path("signin/code/", auth.signin_code, name="signin_code"),
    path("account/two-factor/", account.two_factor, name="two_factor"),
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
    path("zones/<int:pk>/readiness/", zones.zone_readiness, name="zone_readiness"),
    path("zones/<int:pk>/handover/", zones.zone_handover, name="zone_handover"),
    path("mission/", mission.monitors_and_teams, name="mission"),
    path("patrols/", patrols.patrol_list, name="patrols"),
    path("patrols/new/", patrols.plan_patrol, name="plan_patrol"),
    path("patrols/<int:pk>/", patrols.patrol_detail, name="patrol"),
    path("patrols/<int:pk>/start/", patrols.start, name="patrol_start"),
    path("patrols/<int:pk>/return/", patrols.back, name="patrol_return"),
    path("patrols/<int:pk>/cancel/", patrols.cancel, name="patrol_cancel"),
    path("patrols/<int:pk>/check-in/", patrols.add_check_in, name="patrol_check_in"),
    path("patrols/<int:pk>/report/", patrols.file_report, name="patrol_report"),
    path("patrols/<int:pk>/alerts/<int:alert>/acknowledge/", patrols.acknowledge, name="patrol_acknowledge"),
    path("agreement/", mission.agreement, name="agreement"),
    path("agreement/provisions/<int:pk>/compliance/", compliance.set_compliance, name="set_compliance"),
    path("forces/", forces.ledger, name="forces"),
    path("forces/movements/<int:pk>/verification/", forces.movement_transition, name="movement_transition"),
    path("forces/<slug:key>/", forces.contingent_detail, name="contingent"),
    path("forces/<slug:key>/estimates/", forces.new_estimate, name="new_estimate"),
    path("forces/<slug:key>/movements/", forces.new_movement, name="new_movement"),
    path("reports/", report_pages.report_list, name="reports"),
    path("reports/new/", report_pages.report_new, name="report_new"),
    path("reports/<int:pk>/", report_pages.report_detail, name="report"),
    path("reports/<int:pk>/move/", report_pages.report_move, name="report_move"),
    path("reports/<int:pk>/file/<str:fmt>/", report_pages.report_file, name="report_file"),
    path("public/reports/", report_pages.public_reports, name="public_reports"),
    path("map/zones.geojson", maps.zones, name="map_zones"),
    path("map/towns.geojson", maps.towns, name="map_towns"),
    path("map/incidents.json", maps.incidents, name="map_incidents"),
    path("places/search/", maps.place_search, name="place_search"),
    path("hazards/", hazards.hazard_list, name="hazards"),
    path("hazards/new/", hazards.new_hazard, name="new_hazard"),
    path("hazards/<int:pk>/", hazards.hazard_detail, name="hazard"),
    path("hazards/<int:pk>/state/", hazards.hazard_transition, name="hazard_transition"),
    path("hazards/<int:pk>/releases/", hazards.record_release, name="hazard_release"),
    path("hazards/<int:pk>/edit/", hazards.edit_hazard, name="hazard_edit"),
    path("hazards/accidents/", hazards.accident_list, name="eo_accidents"),
    path("hazards/accidents/<int:pk>/", hazards.accident_detail, name="eo_accident"),
    path("hazards/accidents/<int:pk>/victims/", hazards.add_victim, name="eo_victim"),
    path("map/hazards.geojson", hazards.hazards_geojson, name="map_hazards"),
    path("evidence/<int:pk>/", files.evidence_file, name="evidence"),
    path("fieldforms/", fieldforms.form_list, name="fieldforms"),
    path("fieldforms/publish/", fieldforms.upload, name="fieldform_upload"),
    path("fieldforms/<str:form_id>/", fieldforms.submissions, name="fieldform_submissions"),
    path("fieldforms/<str:form_id>/submissions.csv", fieldforms.export, name="fieldform_export"),
    path("exports/", exports.export_page, name="exports"),
    path("about/", exports.about, name="about"),
    path("embargo/", embargo.event_list, name="embargo"),
    path("embargo/import/", embargo.track_import, name="embargo_import"),
    path("embargo/<int:pk>/", embargo.event_detail, name="embargo_event"),
    path("embargo/<int:pk>/state/", embargo.event_transition, name="embargo_transition"),
    path("embargo/<int:pk>/edit/", embargo.edit_event, name="embargo_edit"),
    path("restrictions/", movement.restriction_list, name="restrictions"),
    path("restrictions/new/", movement.new_restriction, name="new_restriction"),
    path("restrictions/<int:pk>/", movement.restriction_detail, name="restriction"),
    path("restrictions/<int:pk>/state/", movement.restriction_transition, name="restriction_transition"),
]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include((pages, "web"))),
]
