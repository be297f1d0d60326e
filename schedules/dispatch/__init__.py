"""Dispatch: due broadcasts go out once each, what aired is confirmed, reach recorded.

Broadcasts are rows, not scheduled tasks: a beat job claims the due ones and enqueues
one delivery task each; the database, not the broker, says what was sent.
"""
