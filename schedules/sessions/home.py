"""The organiser's home in the admin: what is coming, what waits, where nothing is."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from . import selectors
from .scoping import area_roots

ROWS = 8


class OrganiserHomePanel(Component):
    name = "organiser_home"
    template_name = "schedules/sessions/home_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        now = timezone.now()
        campaign = selectors.current_campaign(now=now)
        upcoming = selectors.upcoming_sessions(user=user, now=now)
        waiting = selectors.sessions_without_attendance(user=user, now=now)
        communes = selectors.communes_without_session(user=user, campaign=campaign)
        return {
            "request": request,
            "areas": list(area_roots(user)),
            "campaign": campaign,
            "upcoming": upcoming[:ROWS],
            "upcoming_count": upcoming.count(),
            "waiting": waiting[:ROWS],
            "waiting_count": waiting.count(),
            "communes": communes[:ROWS],
            "communes_count": len(communes),
            "high_risk_count": sum(1 for region in communes if region.is_high_risk),
        }
