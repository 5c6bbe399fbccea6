"""Cells for CSV/XLSX downloads that a spreadsheet will not run as formulas.

OWASP's CSV-injection advice: a text cell beginning with = + - @, a tab or a carriage return is
prefixed with a single quote, so Excel and LibreOffice show it as text. Leading whitespace is
looked through, since a spreadsheet may strip it and then see the formula. Numbers stay numbers,
also written as text ("-5" from a client's CSV): a plain number is never a formula.
"""

from __future__ import annotations

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,10})?")


def safe_cell(value):
    if not isinstance(value, str) or len(value.strip()) < 2 or PLAIN_NUMBER.fullmatch(value):
        return value  # a lone "-" (none) is not a formula: kept as the client wrote it
    if value.startswith(TRIGGERS) or value.lstrip().startswith(TRIGGERS):
        return "'" + value
    return value


def number_or_text(value):
    """A client's number that came as text (every CSV cell does) as a number, for a workbook;
    "00123" and "1e5" stay text (an id's leading zeros, a value the client typed as they typed it)."""
    if isinstance(value, str) and PLAIN_NUMBER.fullmatch(value):
        return float(value) if "." in value else int(value)
    return value
