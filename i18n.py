"""User-facing text: one catalog per language in locales/, looked up by key.

Keys are dotted paths (``nav.quota``); values are str.format templates, so Decimal parameters can
be formatted in the template itself (``{amount:,.2f}``). Both catalogs must hold the same keys;
a test checks it, and a missing key shows the key itself rather than crashing a page.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import yaml

from calculators import registry

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
HTML_LANG = {"zh": "zh-CN", "en": "en"}
LOCALE_DIR = Path(__file__).resolve().parent / "locales"


def _flatten(tree: dict, prefix: str = "") -> dict:
    flat = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = str(value)
    return flat


@cache
def catalog(lang: str) -> dict:
    path = LOCALE_DIR / f"{lang}.yaml"
    return _flatten(yaml.safe_load(path.read_text(encoding="utf-8")))


def normalize_lang(value) -> str:
    """Anything that is not a supported language falls back to Chinese. A link naming the language
    twice (?lang=en&lang=zh reaches a page as a list) counts its last, everywhere alike."""
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    text = str(value or "").strip().lower()
    if text.startswith("en"):
        return "en"
    return DEFAULT_LANG


def request_lang(lang: str | list | None = None, *, url: str | None = None, accept=None) -> str:
    """The language of a request, decided here for every caller: the ?lang= value first (``lang``,
    already parsed, or read from ``url``: a search string or the page URL a layout request carries
    as its Referer), then, for the API, the browser's Accept-Language (``accept``, werkzeug's
    LanguageAccept) when ?lang= names no language; Chinese by default. ``lang`` may be every
    ?lang= value of the request (a list): the last counts, as on the page itself."""
    if isinstance(lang, (list, tuple)):
        lang = lang[-1] if lang else None
    if lang is None and url:
        values = parse_qs(url.partition("?")[2]).get("lang")
        lang = values[-1] if values else None  # the last, as Dash hands a page its query values
    if isinstance(lang, str):
        lang = lang.strip().lower().split("-")[0]  # EN, en-US: English
    if accept is not None and lang not in LANGS:
        # The most preferred language we have, by its primary tag: "en-US,zh;q=0.5" is English
        # (werkzeug's best_match would take the exact "zh" over the fallback "en-US" -> "en").
        tags = (value.split("-")[0].lower() for value, quality in accept if quality > 0)
        lang = next((tag for tag in tags if tag in LANGS), DEFAULT_LANG)
    return normalize_lang(lang)


def other_lang(lang: str) -> str:
    """The language the switch link offers."""
    return next(other for other in LANGS if other != normalize_lang(lang))


def t(lang: str, key: str, **params) -> str:
    template = catalog(normalize_lang(lang)).get(key)
    if template is None:
        return key
    if not params:
        return template
    try:
        return template.format(**params)
    except (KeyError, ValueError, IndexError):
        return template


def join(lang: str, items, key: str = "format.list_sep") -> str:
    """Items in running text: 甲、乙、丙 / a, b, c. (Babel's CLDR lists would add 和 / "and" before
    the last item, which the site has never written.)"""
    return t(lang, key).join(items)


def text_of(lang: str, prefix: str, code: str, params: dict) -> str:
    """A calculator's message code (error., note., check., fix.) in words. Codes carry raw
    parameters; a category code also reads as its name here, so every front end says it alike."""
    params = dict(params)
    params.setdefault("category_name", t(lang, f"category.{params.get('category', 'standard')}"))
    return t(lang, f"{prefix}.{code}", **params)


def has(lang: str, key: str) -> bool:
    return key in catalog(normalize_lang(lang))


def pick(text: dict | None, lang: str) -> str:
    """Choose from a {"zh": ..., "en": ...} pair in data files."""
    if not text:
        return ""
    return text.get(normalize_lang(lang)) or text.get(DEFAULT_LANG) or ""


def href(path: str, lang: str, **query) -> str:
    """An internal link that keeps the language: English adds ?lang=en, Chinese needs nothing."""
    params = {k: v for k, v in query.items() if v is not None and v != ""}
    if path.startswith(("/", "\\")):  # "//evil.example/" would leave the site: one slash only
        path = "/" + path.lstrip("/\\")
    params.update(lang_query(lang))
    return f"{path}?{urlencode(params)}" if params else path


def lang_query(lang: str) -> dict:
    """The query parameters that keep a language across a link or a GET form: none for Chinese."""
    return {} if normalize_lang(lang) == DEFAULT_LANG else {"lang": normalize_lang(lang)}


def field_aliases(names) -> dict:
    """Column headers a spreadsheet may use for each field: its label in every language, and the
    everyday names of ``column_alias.<field>`` ("年龄", "月收入", "房价", "客户编号" for the name)."""
    aliases = {}
    for lang in LANGS:
        for name in tuple(names) + ("name",):
            label = catalog(lang).get("precheck.col_name" if name == "name" else f"field.{name}")
            if label:
                aliases[label] = name
            for word in catalog(lang).get(f"column_alias.{name}", "").split("|"):
                if word.strip():
                    aliases.setdefault(word.strip(), name)
    return aliases


def total_words() -> tuple[str, ...]:
    """Words that open a total row of a client list (合计, 小计, Total), in every language."""
    return tuple(w.strip() for lang in LANGS for w in t(lang, "precheck.total_words").split("|") if w.strip())


# Choice fields and the catalog keys of their labels; the everyday words a spreadsheet may use.
CHOICE_LABELS = registry.choice_labels()
EXTRA_CHOICE_WORDS = registry.value_words()


@lru_cache(maxsize=1)
def choice_aliases() -> dict:
    """{field: {label: value}}: the labels of the form's choices in every language, so a client
    list may say 普通缴存职工 / 首套 / 封存 where the API says standard / 1 / suspended."""
    out = {}
    for name, values in CHOICE_LABELS.items():
        mapping = dict(EXTRA_CHOICE_WORDS.get(name, {}))
        for lang in LANGS:
            for value, key in values.items():
                label = catalog(lang).get(key)
                if label:
                    mapping[label] = value
        out[name] = mapping
    return out


def choice_labels(name: str, lang: str) -> list[str]:
    """The labels a template lists as the allowed values of a choice field."""
    return [t(lang, key) for value, key in CHOICE_LABELS[name].items() if value != ""]


def choice_words(field: str, lang: str) -> str | None:
    """The allowed values of a choice field for an API or spreadsheet message: each label with
    the code the API takes, e.g. 普通缴存职工 (standard)."""
    values = CHOICE_LABELS.get(field)
    if not values:
        return None
    return join(lang, (f"{t(lang, key)} ({value})" for value, key in values.items() if value != ""))
