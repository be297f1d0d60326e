"""Public and token-protected URLs of the schedules app, one module per area."""

from . import dispatch, planning, press, sessions

urlpatterns = [
    *planning.urlpatterns,
    *dispatch.urlpatterns,
    *sessions.urlpatterns,
    *press.urlpatterns,
]
