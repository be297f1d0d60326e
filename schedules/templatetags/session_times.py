"""``{{ session|session_time }}``: "Bắt đầu 28/07/2017 08:00 – kết thúc 10:00"."""

from django import template

from schedules.sessions.times import session_time as format_session_time

register = template.Library()


@register.filter
def session_time(session):
    return format_session_time(session)
