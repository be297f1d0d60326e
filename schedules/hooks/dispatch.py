"""Admin wiring for dispatch."""
