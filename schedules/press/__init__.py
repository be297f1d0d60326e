"""Press coverage of the campaign: fetch outlets' feeds safely, match campaign terms.

Plain Python, no Django: the models and the Celery job call `fetch.fetch_feed` and
`matching.compile_terms`.
"""
