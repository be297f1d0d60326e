"""Press coverage as we keep it: polling outlets' feeds, matches, editors' review.

``schedules.press`` talks to the outlets in plain Python; this package stores what
it finds and lets editors confirm or reject it.
"""
