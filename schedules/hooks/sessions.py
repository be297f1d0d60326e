"""Admin wiring for sessions."""
