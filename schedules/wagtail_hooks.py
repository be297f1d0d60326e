"""Admin wiring of the schedules app; each area registers its own in schedules/hooks/."""

from .hooks import dispatch, planning, press, sessions  # noqa: F401
