"""A cache shared by the app: in-process by default, Redis when REDIS_URL is set."""
from __future__ import annotations

from flask_caching import Cache

import settings

cache = Cache()


def config() -> dict:
    if settings.REDIS_URL:
        return {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": settings.REDIS_URL,
                "CACHE_DEFAULT_TIMEOUT": 3600, "CACHE_KEY_PREFIX": "zzgjj:"}
    return {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 3600, "CACHE_THRESHOLD": 2000}
