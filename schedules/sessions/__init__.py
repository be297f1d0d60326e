"""Community sessions: area-scoped planning, attendance, kits, calendars (issue 6)."""
