"""Admin wiring of the schedules app; each area registers its own in hooks/."""

from .hooks import dispatch, planning, press, reports, sessions  # noqa: F401
