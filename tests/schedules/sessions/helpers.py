"""What the sessions admin posts."""

from django.utils import timezone


def edit_data(session, **changes):
    """What the admin form posts for this session, with some fields changed."""
    data = {
        "title": session.title,
        "kind": session.kind,
        "campaign": session.campaign_id,
        "organisation": session.organisation_id,
        "organiser": session.organiser_id or "",
        "region": session.region_id,
        "venue": session.venue,
        "starts_at": local(session.starts_at),
        "ends_at": local(session.ends_at),
        "language": session.language_id,
        "materials": session.materials,
        "expected_attendance": session.expected_attendance or "",
        "status": session.status,
        "cancel_reason": session.cancel_reason,
        "attendance_total": "",
        "attendance_women": "",
        "attendance_men": "",
        "attendance_children": "",
        "attendance_ethnic_minority": "",
    }
    data.update(changes)
    return data


def local(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
