"""Durable packet jobs.

``queue.py`` claims, leases, heartbeats and finishes job rows (the database is the source
of truth in both modes); ``runner.py`` runs one claimed job through the processing function;
``pool.py`` is the embedded pool of worker processes; ``celery_app.py`` the scale-out
workers; ``dispatch.py`` tells Celery about new jobs (the embedded pool just polls).
"""
