"""The job backend the settings name, built once by create_app (app.py): nothing is chosen at
import. Embedded default: a diskcache directory on this host and DiskJobs; with REDIS_URL: the
job store in Redis and CeleryJobs."""

from __future__ import annotations

import jobs
from jobs import TTL, DiskStore, RedisStore


def install(config) -> None:
    """Set ``jobs.store``, ``jobs.manager`` and ``jobs.celery_app`` (and ``jobs.disk_cache``) for
    ``config`` (the settings module or an object with the same names)."""
    if config.REDIS_URL:
        from jobs.celery_jobs import CeleryJobs, celery_app

        jobs.celery_app = celery_app(config.REDIS_URL)
        jobs.store = RedisStore(config.REDIS_URL)
        jobs.manager = CeleryJobs(jobs.celery_app, expire=TTL)
        jobs.disk_cache = None
        return
    import diskcache

    from jobs.disk import DiskJobs

    jobs.celery_app = None
    jobs.disk_cache = diskcache.Cache(config.JOB_DIR)
    jobs.store = DiskStore(jobs.disk_cache)
    jobs.manager = DiskJobs(jobs.disk_cache, expire=TTL)
