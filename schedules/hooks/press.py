"""Admin wiring for press."""
