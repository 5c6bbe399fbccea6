"""The policy page's tables of figures: which parameters it lists and how each value is written,
and the history of every version with its assumptions visible in the cells."""

from __future__ import annotations

from dash import html

from calculators.policy_files import default_policy
from i18n import pick, t
from wording.numbers import big_yuan, percent

from .badges import confidence_badge

# Rows of the "in force" table: parameter, how to show its value, the calculator that uses it.
RULES = [
    ("ceiling_standard", "money", "/calculators/quota"),
    ("ceiling_standard_with_co_borrower", "money", "/calculators/quota"),
    ("ceiling_high_level_talent", "money", "/calculators/quota"),
    ("ceiling_multi_child_family", "money", "/calculators/quota"),
    ("ceiling_recent_graduate", "money", "/calculators/quota"),
    ("balance_uplift_multi_child_family", "uplift", "/calculators/quota"),
    ("balance_uplift_recent_graduate", "uplift", "/calculators/quota"),
    ("balance_exempt_high_level_talent", "flag", "/calculators/quota"),
    ("rate_first_home_short", "rate", "/calculators/repayment"),
    ("rate_first_home_long", "rate", "/calculators/repayment"),
    ("rate_second_home_short", "rate", "/calculators/repayment"),
    ("rate_second_home_long", "rate", "/calculators/repayment"),
    ("ltv_first_home", "ratio", "/calculators/quota"),
    ("ltv_second_home", "ratio", "/calculators/quota"),
    ("balance_multiplier", "times", "/calculators/quota"),
    ("income_ratio", "ratio", "/calculators/quota"),
    ("max_term_years", "years", "/calculators/eligibility"),
    ("max_age_at_term_end", "age", "/calculators/eligibility"),
    ("min_age", "age", "/calculators/eligibility"),
    ("min_contribution_months", "months", "/calculators/eligibility"),
    ("max_home_number", "homes", "/calculators/eligibility"),
    ("local_hukou_required_for_nonlocal", "flag", "/calculators/eligibility"),
]
HISTORY_COLUMNS = (
    "ceiling_standard",
    "ceiling_high_level_talent",
    "ceiling_multi_child_family",
    "rate_first_home_long",
    "rate_second_home_long",
    "ltv_first_home",
)


def value_text(kind: str, value, lang: str) -> str:
    if kind == "money":
        return big_yuan(value, lang)
    if kind == "rate":
        return percent(value, 3)
    if kind == "ratio":
        return percent(value * 100, 0)
    if kind == "uplift":
        return "+" + percent((value - 1) * 100, 0)
    if kind == "flag":
        return t(lang, "yes") if value else t(lang, "no")
    return t(lang, f"policy.value_{kind}", n=value)


def history_table(lang):
    """Each version a row, the figures people ask about as columns; a changed figure in bold."""
    versions = default_policy().versions
    head = [t(lang, "policy.col_effective")] + [t(lang, f"param.{n}") for n in HISTORY_COLUMNS]
    kinds = {n: k for n, k, _ in RULES}
    body = []
    for v in reversed(versions):
        cells = [
            html.Td(
                [
                    html.Div(v.effective.isoformat(), className="fw-semibold"),
                    html.Div(pick(v.label, lang), className="small text-body-secondary"),
                ]
            )
        ]
        for n in HISTORY_COLUMNS:
            if not v.has(n):
                cells.append(html.Td("—", className="text-body-secondary"))
                continue
            changed = n in v.changed
            cells.append(
                html.Td(
                    [value_text(kinds[n], v.value(n), lang), *_assumed_mark(v[n], v, lang)],
                    className="text-nowrap" + (" fw-bold changed" if changed else ""),
                    title=pick(v[n].source.title, lang),
                )
            )
        body.append(html.Tr(cells, **{"data-version": v.id}))
    return html.Table(
        [html.Thead(html.Tr([html.Th(h, scope="col") for h in head])), html.Tbody(body)],
        className="table table-sm align-middle",
        id="policy-history-table",
    )


def _assumed_mark(parameter, version, lang) -> list:
    """A cell's assumption, visible in the cell (not only in its tooltip): an assumed figure gets
    the estimate badge, a published figure with an assumed start date says so where it starts."""
    if parameter.confidence == "assumption":
        return [" ", confidence_badge("assumption", lang)]
    if parameter.since_assumed and parameter.since == version.effective:
        return [
            html.Div(t(lang, "policy.start_assumed_cell"), className="small text-body-secondary fw-normal")
        ]
    return []
