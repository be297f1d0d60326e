"""Feeds of published messages for press outlets: RSS 2.0, Atom 1.0, JSON Feed 1.1."""
