"""JSON API /api/v1 over the same calculators the pages use."""
from .routes import blueprint  # noqa: F401
