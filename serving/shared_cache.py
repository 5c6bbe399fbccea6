"""The one cache of what every visitor gets alike: a public page's first response (its HTML and
its Dash layout, per page, language and day). Flask-Caching keeps it where all the site's
processes see it: a directory shared by the gunicorn workers of a host (the embedded default,
``CACHE_DIR``), or Redis, shared by every host, when ``REDIS_URL`` is set.

Every key starts with the content version: a digest of the data files, the catalogs, the code,
the pinned requirements and the settings. A changed policy file or a deploy starts from new keys,
so nothing is ever served from an older site; the old entries expire (a day) or are pruned.

A link with a calculation in it (``?principal=...``) is one visitor's: rendered for its request,
never stored, so nobody can fill the cache by varying a query string. A cache that fails (Redis
gone) is passed by: Flask-Caching logs it and the page is rendered as without a cache.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from functools import cache as once
from pathlib import Path
from urllib.parse import parse_qsl

from flask_caching import Cache

import settings
from i18n import LANGS

ROOT = Path(__file__).resolve().parent.parent
# Everything in the checkout is what a page is made from, except what never reaches a visitor.
# (hidden folders: .venv, .cache, .git, tool caches), never what a test run writes.
NOT_SHIPPED = {"__pycache__", "tests", "bench", "docs", "scripts"}
DAY = 24 * 3600
# Settings that say where this process runs, not what a page shows: hosts of one site differ in
# them and still share their entries.
HOST_SETTINGS = {"HOST", "PORT", "JOB_DIR", "CACHE_DIR", "REDIS_URL", "TRUSTED_PROXIES"}

cache = Cache()
log = logging.getLogger(__name__)


@once
def content_version() -> str:
    """Digest of every file the site ships (code, data, catalogs, assets, vendored files, pinned
    requirements: a folder added later is in it without being named) and of the settings that
    change what a page shows; the same in every worker and after a restart (contents in path
    order, no timestamps)."""
    digest = hashlib.sha256()
    files = []
    for folder, dirs, names in os.walk(ROOT):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in NOT_SHIPPED]  # not walked
        files += [Path(folder, n) for n in names if not n.endswith(".pyc")]
    files.sort()
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    shown = {k: v for k, v in vars(settings).items() if k.isupper() and k not in HOST_SETTINGS}
    digest.update(repr(sorted(shown.items())).encode())
    return digest.hexdigest()[:16]


def config() -> dict:
    """Flask-Caching's settings: Redis when the site has one, else a directory on this host."""
    common = {
        "CACHE_DEFAULT_TIMEOUT": DAY,
        "CACHE_KEY_PREFIX": "hpf:",
    }  # Redis only; the version is in the key
    if settings.REDIS_URL:
        return {**common, "CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": settings.REDIS_URL}
    return {
        **common,
        "CACHE_TYPE": "FileSystemCache",
        "CACHE_DIR": settings.CACHE_DIR,
        "CACHE_THRESHOLD": 400,
    }


def install(server) -> None:
    cache.init_app(server, config())


def page_key(path: str, search: str, day: dt.date, pages: set[str]) -> str | None:
    """The key of a page's first response, or None when it is not the same for every visitor: a
    path that is not one of the site's ``pages`` (the 404 page for anything typed), a query with
    more than a language the site has."""
    pairs = parse_qsl(search.lstrip("?"), keep_blank_values=True)
    if path not in pages or len(pairs) > 1 or any(n != "lang" or v not in LANGS for n, v in pairs):
        return None
    lang = pairs[0][1] if pairs else "-"
    return f"{content_version()}:first:{day.isoformat()}:{lang}:{path}"


def get(key: str):
    """The kept value, or None (also when the cache cannot be reached: the page is made anew)."""
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 - a cache is an optimisation; its backend failing is not the page's
        log.warning("shared cache unreachable (get)", exc_info=True)
        return None


def set(key: str, value, timeout: int = DAY) -> None:  # noqa: A001 - the cache's own verb
    try:
        cache.set(key, value, timeout=timeout)
    except Exception:  # noqa: BLE001
        log.warning("shared cache unreachable (set)", exc_info=True)
