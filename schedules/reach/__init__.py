"""Reach records: how many people an airing, a session or an article reached."""
