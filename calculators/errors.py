"""One error type for every bad input, so pages and the API can turn it into a message."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FieldError:
    """One problem with one input field.

    ``code`` is a message key in the locale catalogs (``error.<code>``); ``params`` fill it in,
    so the same error reads well in Chinese and English.
    """

    field: str
    code: str
    params: dict = field(default_factory=dict)


class ValidationError(ValueError):
    """Raised by calculators for any input they cannot compute with; carries every field error."""

    def __init__(self, errors: list[FieldError] | FieldError):
        self.errors = [errors] if isinstance(errors, FieldError) else list(errors)
        super().__init__("; ".join(f"{e.field}: {e.code} {e.params}" for e in self.errors))

    def fields(self) -> set[str]:
        return {e.field for e in self.errors}
