"""JSON API /api/v1 over the same calculators the pages use."""

from . import precheck, routes  # noqa: F401 - register their routes
from .base import blueprint  # noqa: F401
