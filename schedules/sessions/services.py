"""Writes for community sessions: attendance, the reach it yields, the organisers."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from schedules.models import ReachMethod, ReachRecord, Session, SessionStatus

ORGANISERS = "Organisers"
# Organisers only need into the admin: their membership decides what they may do
# with which sessions (scoping.SessionPermissionPolicy).
ORGANISER_PERMISSIONS = [("wagtailadmin", "access_admin")]


@dataclass(frozen=True)
class Attendance:
    """Who came to a session, as counted by its organiser."""

    total: int
    women: int | None = None
    men: int | None = None
    children: int | None = None
    ethnic_minority: int | None = None

    def apply_to(self, session: Session) -> None:
        session.attendance_total = self.total
        session.attendance_women = self.women
        session.attendance_men = self.men
        session.attendance_children = self.children
        session.attendance_ethnic_minority = self.ethnic_minority


@transaction.atomic
def organisers_setup() -> Group:
    """The group organisers belong to; loading it twice changes nothing."""
    group, _created = Group.objects.get_or_create(name=ORGANISERS)
    for app_label, codename in ORGANISER_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)
    return group


@transaction.atomic
def session_reach_sync(
    *, session: Session, user=None, now: datetime.datetime
) -> ReachRecord | None:
    """Keep exactly one reported reach record for a held session with attendance.

    A corrected count updates the record; a session no longer held loses it.
    """
    reported = ReachRecord.objects.filter(session=session, method=ReachMethod.REPORTED)
    if session.status != SessionStatus.HELD or session.attendance_total is None:
        reported.delete()
        return None
    record = reported.select_for_update().first()
    if record is None:
        record = ReachRecord(session=session, method=ReachMethod.REPORTED)
    elif (record.count, record.region_id, record.reached_at) == (
        session.attendance_total,
        session.region_id,
        session.starts_at,
    ):
        return record
    record.count = session.attendance_total
    record.region_id = session.region_id
    record.recorded_by = user
    record.recorded_at = now
    record.reached_at = session.starts_at
    record.save()
    return record


@transaction.atomic
def session_attendance_record(
    *, session: Session, attendance: Attendance, user=None, now: datetime.datetime
) -> Session:
    """Record (or correct) who came: the session is then held and reports its reach."""
    session.status = SessionStatus.HELD
    attendance.apply_to(session)
    session.full_clean()
    session.save()
    session_reach_sync(session=session, user=user, now=now)
    return session


@transaction.atomic
def attendance_many_record(
    *, entries: list[tuple[Session, Attendance]], user=None, now: datetime.datetime
) -> list[Session]:
    """Attendance of several sessions at once: all of it is written, or none."""
    return [
        session_attendance_record(
            session=session, attendance=attendance, user=user, now=now
        )
        for session, attendance in entries
    ]
