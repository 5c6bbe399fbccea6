"""An uploaded client list is read one way for the page and the API: the site's bounds and
aliases, and off the worker's event loop.

Reading a 20,000-row workbook takes seconds of pure Python. Under gevent that would hold every
other connection of the worker; in a real thread (gevent's pool), at a lower CPU priority, the
worker keeps answering visitors meanwhile — they share the GIL, which changes hands every few ms.
"""
from __future__ import annotations

import os
import threading

import settings
from calculators import batch
from i18n import choice_aliases, field_aliases, result_headings

_lowered = threading.local()


def _low_priority(fn, *args, **kwargs):
    """Runs in the pool's thread; an exception comes back as a value (gevent would log the
    expected "file unreadable" errors as tracebacks) and is raised again in the caller."""
    if not getattr(_lowered, "done", False):
        try:  # Linux: a thread has its own nice value
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except (OSError, AttributeError):
            pass
        _lowered.done = True
    try:
        return False, fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - re-raised by apart()
        return True, exc


def apart(fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` in a thread of gevent's pool when the worker runs on gevent."""
    try:
        from gevent import get_hub, monkey
    except ImportError:
        return fn(*args, **kwargs)
    if not monkey.is_module_patched("socket"):
        return fn(*args, **kwargs)
    failed, value = get_hub().threadpool.apply(_low_priority, (fn, *args), kwargs)
    if failed:
        raise value
    return value


def read_client_list(filename: str, data: bytes) -> batch.Table:
    """The list's rows and columns; raises batch.TableError with a message code."""
    return apart(batch.read_list, filename or "", data, field_aliases(batch.FIELDS), settings.PRECHECK_MAX_ROWS,
                 settings.UPLOAD_LIMIT_BYTES, choice_aliases(), seconds=settings.PRECHECK_READ_SECONDS,
                 result_headers=result_headings())
