"""What a pre-check row says, in words: why it is not eligible and how to fix it, its cash to
close, its amount, cap and payment as shown. The page, the downloads and the picture of a row
say it alike."""

from __future__ import annotations

from i18n import LANGS, catalog, t
from wording.numbers import big_yuan, yuan

# The one list of what a pre-check adds to each client's row, in order: the page shows PAGE_COLUMNS
# of it, the downloads all of it after the client's own columns.
RESULT_COLUMNS = ("status", "amount", "binding", "payment", "term", "rate", "version", "details")
PAGE_COLUMNS = ("status", "amount", "binding", "payment", "details")
# A download names its verdict column apart from any "结论" column the consultant's list has.
_DOWNLOAD_KEYS = {"status": "result"}


def heading(column: str, lang: str, download: bool = False) -> str:
    """A result column's heading, as the page or a download shows it ("row" and "name" too)."""
    key = _DOWNLOAD_KEYS.get(column, column) if download else column
    return t(lang, f"precheck.h_{key}")


def result_headings() -> tuple[str, ...]:
    """Every heading a download adds, in every language: a download uploaded again has its old
    results replaced by new ones, not kept beside them."""
    keys = ("row", *(_DOWNLOAD_KEYS.get(c, c) for c in RESULT_COLUMNS))
    return tuple(catalog(lang)[f"precheck.h_{key}"] for lang in LANGS for key in keys)


def detail_texts(row, lang) -> list[str]:
    """Why a row is not eligible and how to fix it (or what is wrong with its data): the same
    words on the page and in the downloads."""
    sep = t(lang, "format.colon")
    failed = {f["rule"] for f in row["failed"]}
    # A term past the age limit fails the age rule and the quota alike: say it once.
    errors = [e for e in row["errors"] if not ("age_term" in failed and e["field"] in ("age", "term_years"))]
    items = [f"{t(lang, 'field.' + e['field'])}{sep}{e['message']}" for e in errors]
    items += [f"{f['message']} {f['fix'] or ''}".strip() for f in row["failed"]]
    items += row.get("unchecked", [])
    items += [d["message"] for d in row.get("defaulted", [])]
    if row["status"] in ("eligible", "depends") and row.get("range"):
        items.append(row["range"]["message"])
    if row.get("cash_short"):
        s = row["cash_short"]
        items.insert(
            0,
            t(
                lang,
                "precheck.cash_short",
                need=big_yuan(s["down_payment"], lang),
                cash=big_yuan(s["cash"], lang),
                short=big_yuan(s["short"], lang),
            ),
        )
    items += close_text(row, lang)
    if row.get("affordable"):
        a = row["affordable"]
        items.append(t(lang, "afford.row", price=big_yuan(a["price"], lang), loan=big_yuan(a["loan"], lang)))
    if row["status"] in ("eligible", "depends") and row["amount"] == 0 and row.get("binding_cap"):
        items.append(t(lang, "precheck.amount_zero", cap=t(lang, f"cap.{row['binding_cap']}")))
    if row["status"] == "not_eligible" and row["amount"]:
        items.append(t(lang, "precheck.amount_once_met", amount=big_yuan(row["amount"], lang)))
    return items


def not_lent(row) -> bool:
    """A row the fund lends nothing for (a third home)."""
    return any(f["rule"] == "home_number" for f in row["failed"])


def close_text(row, lang) -> list[str]:
    """A row whose list gives the floor area: its cash to close, and what that leaves out."""
    close = row.get("cash_to_close")
    whole = not_lent(row)  # the whole price, and the tax
    if not (close and close["deed_tax"] and (row["amount"] or whole)):
        return []
    tax = close["deed_tax"]
    text = t(
        lang,
        "precheck.cash_to_close",
        total=yuan(close["total"], lang),
        down=yuan(close["down_payment"], lang),
        tax=yuan(tax["amount"], lang),
        rate=f"{tax['rate']:g}%",
        others="".join(
            t(lang, "format.comma") + t(lang, f"field.{n}") + " " + yuan(v, lang)
            for n, v in close["other_costs"].items()
        ),
    )
    missing = [t(lang, f"field.{n}") for n in close["not_included"]]
    if missing:
        text += t(lang, "precheck.not_included", names=t(lang, "format.list_sep").join(missing))
    return [text]


def figures(row, lang) -> tuple[str, str, str]:
    """Amount, binding cap and payment as shown: only an eligible row has them. A row that fails a
    rule says so first (its possible amount is in the details); a third home is not lent."""
    if row["status"] not in ("eligible", "depends"):
        if row["status"] == "not_eligible" and not_lent(row):
            return t(lang, "quota.not_lent_label"), "—", "—"
        return "—", "—", "—"
    return (
        yuan(row["amount"], lang) if row["amount"] is not None else "—",
        t(lang, f"cap.{row['binding_cap']}") if row["binding_cap"] else "—",
        yuan(row["monthly_payment"], lang) if row["monthly_payment"] is not None else "—",
    )
