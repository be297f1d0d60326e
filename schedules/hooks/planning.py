"""Admin wiring for planning."""
