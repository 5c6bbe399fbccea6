"""Cells for CSV/XLSX downloads that a spreadsheet will not run as formulas.

OWASP's CSV-injection advice: a text cell beginning with = + - @, a tab or a carriage return is
prefixed with a single quote, so Excel and LibreOffice show it as text. Leading whitespace is
looked through, since a spreadsheet may strip it and then see the formula. Numbers stay numbers.
"""
from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(TRIGGERS) or value.lstrip().startswith(TRIGGERS):
        return "'" + value
    return value
