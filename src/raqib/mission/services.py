"""The mission's people, teams and patrols: the one write path for each, with the rules that
keep monitors safe (team composition, the monitor ceiling, overdue patrols)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from raqib.core import access, services
from raqib.core.errors import Conflict, Forbidden, IllegalTransition, Invalid
from raqib.mission.models import CheckIn, Monitor, OverdueAlert, Patrol, PatrolReport, Team

logger = logging.getLogger(__name__)

# A patrol under way is overdue GRACE after a check-in fell due (see overdue_reasons).
GRACE = dt.timedelta(minutes=15)
# How far ahead of the server's clock a device's time may be (clock drift), and how long a
# planned patrol may last.
CLOCK_SKEW = dt.timedelta(minutes=10)
MAX_PATROL = dt.timedelta(days=7)
ARABIC = "ar"


# --- Monitors and teams ---------------------------------------------------------------------

def create_monitor(values: dict[str, Any], actor: Any) -> Monitor:
    if not access.can(actor, "mission.edit"):
        raise Forbidden(_("Only the chief or an administrator may register monitors."))
    return services.create(Monitor(**values), actor)


def create_team(values: dict[str, Any], members: list[Monitor], actor: Any) -> Team:
    if not access.can(actor, "mission.edit"):
        raise Forbidden(_("Only the chief or an administrator may form teams."))
    with transaction.atomic():
        team = Team(**values)
        check_team_rules(team, members)
        return services.create(team, actor, m2m={"members": members})


def update_team(team: Team, changes: dict[str, Any], actor: Any, *, members: list[Monitor] | None = None,
                note: str = "") -> Team:
    """Change a team (its zone, leader, active flag) and/or its members; the team rules are
    checked against the team as it would be after the change."""
    if not access.can(actor, "mission.edit"):
        raise Forbidden(_("Only the chief or an administrator may change teams."))
    unknown = set(changes) - {"name", "zone", "leader", "active"}
    if unknown:
        raise Invalid(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    with transaction.atomic():
        current = Team.objects.select_for_update().get(pk=team.pk)
        for name, value in changes.items():
            setattr(current, name, value)
        new_members = list(members) if members is not None else list(current.members.all())
        check_team_rules(current, new_members)
        services.update(team, actor, changes, m2m={"members": new_members} if members is not None else None,
                        note=note)
    return team


def check_team_rules(team: Team, members: Iterable[Monitor]) -> None:
    """Refuse a team that breaks a composition rule, naming the rule. An inactive team is not
    checked (it is being stood down); the leader counts as a member."""
    if not team.active:
        return
    people = {m.pk: m for m in members}
    if team.leader is not None:
        people.setdefault(team.leader.pk, team.leader)
    organisations = {m.organisation for m in people.values()}
    if len(organisations) < 2:
        raise Invalid(_("Team rule “two organisations”: a team needs members from at least two organisations "
                        "(this one has %(n)d).") % {"n": len(organisations)})
    if not any(ARABIC in (m.languages or []) for m in people.values()):
        raise Invalid(_("Team rule “Arabic speaker”: a team needs at least one member who speaks Arabic."))
    if team.zone is not None:
        ceiling = _monitor_ceiling(team.zone.phase)
        if ceiling is not None:
            total = monitors_in_phase(team.zone.phase, exclude_team=team.pk, adding=people)
            if total > ceiling:
                raise Invalid(_("Team rule “monitor ceiling”: phase %(phase)d would have %(n)d monitors in its "
                                "teams, above the ceiling of %(max)d.")
                              % {"phase": team.zone.phase, "n": total, "max": ceiling})


def _monitor_ceiling(phase: int) -> int | None:
    from raqib.agreements.parameters import monitor_ceiling

    return monitor_ceiling(phase)


def monitors_in_phase(phase: int, *, exclude_team: int | None = None,
                      adding: dict[int, Monitor] | None = None, on: dt.date | None = None) -> int:
    """Distinct active monitors in the active teams of the zones of ``phase`` (a monitor in two
    teams counts once), with ``adding`` counted as in such a team and ``exclude_team`` left out."""
    on = on or timezone.localdate()
    still_active = Q(active_until__isnull=True) | Q(active_until__gte=on)
    teams = Team.objects.filter(active=True, zone__phase=phase)
    if exclude_team is not None:
        teams = teams.exclude(pk=exclude_team)
    in_teams = set(Monitor.objects.filter(still_active, Q(teams__in=teams) | Q(led_teams__in=teams))
                   .values_list("pk", flat=True))
    for pk, monitor in (adding or {}).items():
        if monitor.active_until is None or monitor.active_until >= on:
            in_teams.add(pk)
    return len(in_teams)


# --- Patrols ----------------------------------------------------------------------------------

def in_team(user: Any, team: Team) -> bool:
    """Whether ``user`` is the monitor leading or serving in ``team``."""
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return False
    monitor_id = Monitor.objects.filter(user_id=user_id).values_list("pk", flat=True).first()
    if monitor_id is None:
        return False
    return team.leader_id == monitor_id or team.members.filter(pk=monitor_id).exists()


def may_act(user: Any, action: str, patrol: Patrol | None = None, team: Team | None = None) -> bool:
    """The role may do ``action`` (raqib.core.access) and, for monitors and team leaders, the
    patrol is their own team's. The chief and administrators act on any patrol."""
    if not access.can(user, action, patrol):
        return False
    if access.is_system(user) or access.role_of(user) in access.LEADERS:
        return True
    team = team if team is not None else (patrol.team if patrol is not None else None)
    return team is not None and in_team(user, team)


def _require(user: Any, action: str, patrol: Patrol | None, team: Team | None, message: str) -> None:
    if not may_act(user, action, patrol, team):
        raise Forbidden(message)


def _now() -> dt.datetime:
    return timezone.now()


def _not_future(at: dt.datetime, now: dt.datetime, what: str) -> None:
    if at > now + CLOCK_SKEW:
        raise Invalid(_("The %(what)s time is in the future.") % {"what": what})


def plan_patrol(values: dict[str, Any], actor: Any) -> Patrol:
    """Plan a patrol for a team: ``team``, ``zone`` (defaults to the team's), ``purpose``,
    ``route``, ``planned_start``, ``expected_return``, ``check_in_interval_minutes``."""
    allowed = {"team", "zone", "purpose", "route", "planned_start", "expected_return", "check_in_interval_minutes"}
    unknown = set(values) - allowed
    if unknown:
        raise Invalid(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    team = values.get("team")
    if not isinstance(team, Team):
        raise Invalid(_("A patrol needs a team."))
    _require(actor, "patrol.plan", None, team, _("Only the team's leader or the chief may plan its patrols."))
    if not team.active:
        raise Invalid(_("The team “%(team)s” is not active.") % {"team": team.name})
    values = dict(values)
    if values.get("zone") is None:
        values["zone"] = team.zone
    start, end = values.get("planned_start"), values.get("expected_return")
    if start is not None and end is not None and end - start > MAX_PATROL:
        raise Invalid(_("A patrol may last at most %(days)d days.") % {"days": MAX_PATROL.days})
    if start is not None and end is not None and end <= start:
        raise Invalid(_("The expected return must come after the planned start."))
    patrol = Patrol(**values, created_by=actor if getattr(actor, "pk", None) else None)
    return services.create(patrol, actor)


def transition_patrol(patrol: Patrol, state: str, actor: Any, *, at: dt.datetime | None = None,
                      note: str = "") -> Patrol:
    """Move a patrol: ``under_way`` (started at ``at``), ``returned`` (back at ``at``) or
    ``cancelled`` (a planned patrol that will not go out)."""
    if state not in Patrol.State.values:
        raise Invalid(_("Unknown patrol state “%(s)s”.") % {"s": state})
    action = "patrol.cancel" if state == Patrol.State.CANCELLED else "patrol.move"
    _require(actor, action, patrol, None, _("Only the team or the chief may start, return or cancel its patrols.")
             if action == "patrol.move" else _("Only the team's leader or the chief may cancel a patrol."))
    now = _now()
    at = at or now
    with transaction.atomic():
        current = Patrol.objects.select_for_update().get(pk=patrol.pk)
        if not current.can_move_to(state):
            raise IllegalTransition(_("A patrol cannot move from “%(from)s” to “%(to)s”.")
                                    % {"from": current.get_state_display(), "to": Patrol.State(state).label})
        changes: dict[str, Any] = {"state": state}
        if state == Patrol.State.UNDER_WAY:
            _not_future(at, now, _("start"))
            changes["started_at"] = at
        elif state == Patrol.State.RETURNED:
            _not_future(at, now, _("return"))
            if current.started_at is not None and at < current.started_at:
                raise Invalid(_("A patrol cannot return before it started."))
            changes["returned_at"] = at
        services.update(patrol, actor, changes, note=note)
    return patrol


def start_patrol(patrol: Patrol, actor: Any, at: dt.datetime | None = None, note: str = "") -> Patrol:
    return transition_patrol(patrol, Patrol.State.UNDER_WAY, actor, at=at, note=note)


def return_patrol(patrol: Patrol, actor: Any, at: dt.datetime | None = None, note: str = "") -> Patrol:
    return transition_patrol(patrol, Patrol.State.RETURNED, actor, at=at, note=note)


def cancel_patrol(patrol: Patrol, actor: Any, note: str = "") -> Patrol:
    return transition_patrol(patrol, Patrol.State.CANCELLED, actor, note=note)


def check_in(patrol: Patrol, values: dict[str, Any], actor: Any) -> CheckIn:
    """Record a check-in (``at`` defaults to now; ``lat``/``lon``, ``status``, ``note``)."""
    unknown = set(values) - {"at", "lat", "lon", "status", "note"}
    if unknown:
        raise Invalid(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    _require(actor, "patrol.check_in", patrol, None, _("Only the team or the chief may check a patrol in."))
    now = _now()
    values = dict(values)
    values["at"] = values.get("at") or now
    with transaction.atomic():
        current = Patrol.objects.select_for_update().get(pk=patrol.pk)
        if current.state != Patrol.State.UNDER_WAY:
            raise Conflict(_("Only a patrol under way checks in (this one is “%(state)s”).")
                           % {"state": current.get_state_display()})
        _not_future(values["at"], now, _("check-in"))
        if current.started_at is not None and values["at"] < current.started_at:
            raise Invalid(_("A check-in cannot come before the patrol started."))
        return services.create(CheckIn(patrol=current, by=actor if getattr(actor, "pk", None) else None, **values),
                               actor)


def file_report(patrol: Patrol, values: dict[str, Any], incidents: list[Any], actor: Any) -> PatrolReport:
    """File the patrol's one report: ``nothing_observed`` (then no incidents) or the incidents
    it observed, with a ``summary``; ``filed_at`` defaults to now."""
    unknown = set(values) - {"nothing_observed", "summary", "filed_at"}
    if unknown:
        raise Invalid(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    _require(actor, "patrol.report", patrol, None, _("Only the team or the chief may report on a patrol."))
    nothing = bool(values.get("nothing_observed", False))
    summary = str(values.get("summary", "")).strip()
    if nothing and incidents:
        raise Invalid(_("A report of “nothing observed” cannot link incidents."))
    if not nothing and not incidents and not summary:
        raise Invalid(_("Say what the patrol observed (a summary or incidents), or that it observed nothing."))
    if len(summary) > 20_000:
        raise Invalid(_("The summary is too long (at most 20000 characters)."))
    if len(incidents) > 200:
        raise Invalid(_("A report links at most 200 incidents."))
    for incident in incidents:
        if not access.can_see(actor, incident):
            raise Invalid(_("Unknown incident “%(value)s”.") % {"value": incident.pk})
    with transaction.atomic():
        current = Patrol.objects.select_for_update().get(pk=patrol.pk)
        if current.state not in (Patrol.State.UNDER_WAY, Patrol.State.RETURNED):
            raise Conflict(_("Only a patrol that went out has a report (this one is “%(state)s”).")
                           % {"state": current.get_state_display()})
        if PatrolReport.objects.filter(patrol=current).exists():
            raise Conflict(_("This patrol already has its report."))
        report = PatrolReport(patrol=current, nothing_observed=nothing, summary=summary,
                              filed_by=actor if getattr(actor, "pk", None) else None,
                              filed_at=values.get("filed_at") or _now())
        return services.create(report, actor, m2m={"incidents": incidents})


# --- Overdue patrols ----------------------------------------------------------------------------

def due_times(patrol: Patrol) -> dict[str, dt.datetime]:
    """When each overdue rule fires for a patrol under way: the next check-in (the last one, or
    the start, plus the interval plus GRACE) and the return (the expected return)."""
    last = getattr(patrol, "last_check_in_at", None)
    if last is None and not hasattr(patrol, "last_check_in_at"):
        last = patrol.check_ins.aggregate(last=Max("at"))["last"]
    since = last or patrol.started_at or patrol.planned_start
    return {
        OverdueAlert.Reason.MISSED_CHECK_IN: since + dt.timedelta(minutes=patrol.check_in_interval_minutes) + GRACE,
        OverdueAlert.Reason.MISSED_RETURN: patrol.expected_return,
    }


def overdue_reasons(patrol: Patrol, now: dt.datetime) -> dict[str, dt.datetime]:
    """The rules a patrol breaks at ``now`` (reason -> the moment it fell due); empty when the
    patrol is not under way or on time. Overdue means strictly after the due moment."""
    if patrol.state != Patrol.State.UNDER_WAY:
        return {}
    return {reason: due for reason, due in due_times(patrol).items() if now > due}


def under_way(qs: QuerySet[Patrol] | None = None) -> QuerySet[Patrol]:
    qs = qs if qs is not None else Patrol.objects.all()
    return (qs.filter(state=Patrol.State.UNDER_WAY).annotate(last_check_in_at=Max("check_ins__at"))
            .select_related("team", "team__leader", "zone"))


def overdue_patrols(now: dt.datetime, qs: QuerySet[Patrol] | None = None) -> list[Patrol]:
    """The patrols under way that are overdue at ``now``, the longest overdue first; each has
    ``overdue`` set to its reasons (reason -> due moment)."""
    found = []
    for patrol in under_way(qs):
        reasons = overdue_reasons(patrol, now)
        if reasons:
            patrol.overdue = reasons  # type: ignore[attr-defined]
            found.append(patrol)
    return sorted(found, key=lambda p: (min(p.overdue.values()), p.pk))  # type: ignore[attr-defined]


def raise_overdue_alerts(now: dt.datetime, *, qs: QuerySet[Patrol] | None = None,
                         notify: bool = True) -> list[OverdueAlert]:
    """Record an alert for each overdue not alerted yet (once per patrol, reason and due
    moment) and, when RAQIB_SMTP_URL is set and ``notify``, email the chiefs and the team's
    leader. Returns the alerts raised now."""
    raised: list[OverdueAlert] = []
    for patrol in overdue_patrols(now, qs):
        for reason, due in patrol.overdue.items():  # type: ignore[attr-defined]
            with transaction.atomic():
                # The patrol's row lock makes two workers checking at once raise it once.
                locked = Patrol.objects.select_for_update().get(pk=patrol.pk)
                if locked.state != Patrol.State.UNDER_WAY or \
                        OverdueAlert.objects.filter(patrol=locked, reason=reason, due_at=due).exists():
                    continue
                raised.append(services.create(OverdueAlert(patrol=locked, reason=reason, due_at=due, raised_at=now),
                                              None))
    if notify and settings.RAQIB_SMTP_URL:
        for alert in raised:
            _email(alert)
    return raised


def alert_recipients(patrol: Patrol) -> list[str]:
    """The active chiefs' addresses and the team leader's, when they have one."""
    from raqib.accounts.models import User

    addresses = list(User.objects.filter(role=access.CHIEF, is_active=True).exclude(email="")
                     .order_by("pk").values_list("email", flat=True))
    leader = patrol.team.leader
    leader_user = getattr(leader, "user", None) if leader is not None else None
    if leader_user is not None and leader_user.is_active and leader_user.email:
        addresses.append(leader_user.email)
    return list(dict.fromkeys(addresses))


def _email(alert: OverdueAlert) -> None:
    from django.core.mail import send_mail

    patrol = alert.patrol
    recipients = alert_recipients(patrol)
    if not recipients:
        return
    reason = OverdueAlert.Reason(alert.reason).label
    subject = _("Overdue patrol: %(team)s (%(reason)s)") % {"team": patrol.team.name, "reason": reason}
    body = _("The patrol of %(team)s (%(purpose)s) is overdue: %(reason)s, due at %(due)s UTC.\n"
             "Planned return: %(back)s UTC. Check on the team and acknowledge the alert in Raqib.") % {
        "team": patrol.team.name, "purpose": patrol.purpose, "reason": reason,
        "due": f"{alert.due_at:%Y-%m-%d %H:%M}", "back": f"{patrol.expected_return:%Y-%m-%d %H:%M}"}
    try:
        send_mail(subject, body, None, recipients)
    except Exception:  # a mail server down must not stop the alert from being on the dashboard
        logger.exception("could not email the overdue alert %s", alert.pk)
        return
    services.update(alert, None, {"notified_by_email": True})


def acknowledge_alert(alert: OverdueAlert, actor: Any, at: dt.datetime | None = None) -> OverdueAlert:
    if not access.can(actor, "patrol.acknowledge", alert):
        raise Forbidden(_("Only the chief or an administrator may acknowledge an overdue alert."))
    with transaction.atomic():
        current = OverdueAlert.objects.select_for_update().get(pk=alert.pk)
        if current.acknowledged_at is not None:
            raise Conflict(_("This alert was already acknowledged."))
        services.update(alert, actor, {"acknowledged_at": at or _now(),
                                       "acknowledged_by": actor if getattr(actor, "pk", None) else None})
    return alert
