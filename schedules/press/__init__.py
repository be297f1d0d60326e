"""Press coverage: outlets we poll, their feeds fetched through a guarded client,
campaign terms matched (accents or not), and the articles editors review.

``fetch``, ``parsing`` and ``matching`` are plain Python (addresses are vetted by
``schedules.network``, the guard webhooks share); ``polling``, ``review`` and
``tasks`` bring them to the database.
"""
