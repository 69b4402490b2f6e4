"""Storage: SQLAlchemy models, the engine/session factory, Alembic migrations and the blob store.

The database holds state (packets, jobs, results, reviewer decisions, users, audit); file
bytes live in a content-addressed blob directory (``blobs.py``) every worker can reach.
"""
