"""Planning: channels, broadcast plans, the calendar, planners' edits and approval,
and the loudspeaker run-sheets. The rules themselves are in ``schedules.planner``.
"""
