"""Press coverage: outlets we poll, their feeds fetched through a guarded client,
campaign terms matched (accents or not), and the articles editors review.

``network``, ``fetch``, ``parsing`` and ``matching`` are plain Python; ``polling``,
``review`` and ``tasks`` bring them to the database.
"""
