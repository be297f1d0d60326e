"""Victim safety on every path: the checklist guard, the page tree rule, the log.

``guard`` holds the rules that run wherever a page goes live or moves, ``services``
the writes (confirming the checklist, recording events), ``views`` the admin's
checklist screen and Safety report.
"""
