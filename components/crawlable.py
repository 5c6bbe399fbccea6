"""What a page says before JavaScript runs: its title, description and a readable HTML version of
its main content (headings, key figures, a calculator's answer for the query string).

Search engines, link previews and visitors without JavaScript read this; the Dash app replaces it
when it starts (React clears ``#react-entry-point``). It is built on every page request, so it is
plain string formatting from data already loaded at start-up — no Dash layout is built — and the
info pages are cached per (path, language, day). Everything that comes from outside (the query
string) is escaped; numbers come from the calculators and data files, never typed here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from calculators.errors import ValidationError
from calculators.policy import default_policy
from components.headlines import history as history_figures
from components.headlines import latest
from components.numbers import big_yuan, figure_text, percent, yuan
from components.site_pages import page_at, site_pages
from components.titles import title_text
from i18n import HTML_LANG, href, normalize_lang, other_lang, pick, t

CALCULATORS = ("/calculators/eligibility", "/calculators/quota", "/calculators/repayment")
MAX_QUERY_VALUES = 40  # a query string longer than any form is not a calculation


@dataclass(frozen=True)
class Page:
    title: str
    description: str
    body: str  # HTML for #react-entry-point


def page_path(path: str) -> str | None:
    """The page a request path names (trailing slash allowed), or None for the 404 page."""
    page = page_at(path)
    return page.path if page else None


def title_of(path: str | None, lang: str) -> str:
    page = page_at(path) if path else None
    return title_text(page.title_key if page else "notfound.heading", lang)


def description_of(path: str | None, lang: str) -> str:
    page = page_at(path) if path else None
    return t(lang, page.description_key if page else "seo.notfound_description")


def render(path: str, lang: str, query: dict[str, str]) -> Page:
    lang = normalize_lang(lang)
    page = page_path(path)
    if page in CALCULATORS:
        main = _calculator(page, lang, query)
    else:
        main = _info(page, lang, dt.date.today())
    return Page(title_of(page, lang), description_of(page, lang), _shell(page, lang, main))


# --- the frame around the content -------------------------------------------------------------


def _e(text) -> str:
    return escape(str(text), quote=True)


def _a(path: str, lang: str, text: str, **query) -> str:
    return f'<a href="{_e(href(path, lang, **query))}">{_e(text)}</a>'


@lru_cache(maxsize=8)
def _frame(page: str | None, lang: str) -> tuple[str, str]:
    other = other_lang(lang)
    head = (
        f'<a class="visually-hidden-focusable skip-link" href="#main">{_e(t(lang, "site.skip"))}</a>'
        '<header><nav class="navbar navbar-expand-lg navbar-dark bg-primary site-navbar" '
        f'aria-label="{_e(t(lang, "seo.nav_label"))}"><div class="container-lg">'
        f'<a class="navbar-brand fw-semibold" href="{_e(href("/", lang))}">{_e(t(lang, "site.name"))}</a>'
        f'<a class="nav-link text-white" lang="{HTML_LANG[other]}" '
        f'href="{_e(href(page or "/", other))}">{_e(t(lang, "nav.switch_language"))}</a>'
        "</div></nav></header>"
        '<main id="main" class="container-lg py-3">'
    )
    links = " ".join(f"<li>{_a(p.path, lang, t(lang, p.name_key))}</li>" for p in site_pages())
    foot = (
        '</main><footer class="site-footer mt-5"><div class="container-lg py-4">'
        f'<nav aria-label="{_e(t(lang, "seo.pages_label"))}">'
        f'<ul class="ssr-nav list-unstyled small">{links}</ul></nav>'
        f'<p class="small mb-0">{_e(t(lang, "footer.disclaimer"))}</p></div></footer>'
    )
    return head, foot


def _shell(page, lang, main: str) -> str:
    head, foot = _frame(page, lang)
    return f'<div class="ssr-page">{head}{main}{foot}</div>'


def _heading(page, lang) -> str:
    return f'<h1 class="h3">{_e(t(lang, page_at(page).name_key))}</h1>'


def _lead(lang, key) -> str:
    return f'<p class="text-body-secondary">{_e(t(lang, key))}</p>'


def _figure_item(f, lang) -> str:
    return (
        f"<li><strong>{_e(t(lang, f'metric.{f.metric}'))}</strong> · "
        f"{_e(f.period)}{_e(t(lang, 'format.colon'))}"
        f"{_e(figure_text(f.value, f.unit, lang, f.qualifier))} "
        f'<span class="badge text-bg-light">{_e(t(lang, f"confidence.{f.confidence}"))}</span></li>'
    )


def _figures(lang) -> str:
    return (
        f'<h2 class="h5">{_e(t(lang, "public.latest_heading"))}</h2><ul>'
        + "".join(_figure_item(f, lang) for f in latest())
        + "</ul>"
    )


# --- info pages -------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _info(page: str | None, lang: str, day: dt.date) -> str:
    if page is None:
        return (
            f'<h1 class="h3">{_e(t(lang, "notfound.heading"))}</h1><p>{_e(t(lang, "notfound.body"))}</p>'
            f"<p>{_a('/', lang, t(lang, 'notfound.back'))}</p>"
        )
    version = default_policy().on(day)
    if page == "/":
        tools = "".join(
            f"<li>{_a(p, lang, t(lang, page_at(p).name_key))} — {_e(t(lang, f'home.tool_{k}'))}</li>"
            for p, k in (
                ("/calculators/eligibility", "eligibility"),
                ("/calculators/quota", "quota"),
                ("/calculators/repayment", "repayment"),
                ("/precheck", "precheck"),
            )
        )
        return (
            f'<h1 class="display-6 fw-semibold">{_e(t(lang, "home.heading"))}</h1>'
            f'<p class="lead">{_e(t(lang, "home.lead"))}</p>'
            f'<h2 class="h4">{_e(t(lang, "home.tools_heading"))}</h2><ul>{tools}</ul>'
            + _figures(lang)
            + _policy_points(version, lang)
        )
    if page == "/statistics":
        rows = "".join(_figure_item(f, lang) for f in history_figures())
        return (
            _heading(page, lang)
            + _lead(lang, "stats.lead")
            + _figures(lang)
            + f'<h2 class="h5">{_e(t(lang, "public.history_heading"))}</h2><ul>{rows}</ul>'
        )
    if page == "/policy":
        return _heading(page, lang) + _lead(lang, "public.policy_lead") + _policy_points(version, lang)
    if page == "/history":
        from facts.milestones import milestones

        items = "".join(
            f'<li><time datetime="{_e(m.date)}">{_e(m.date)}</time> {_e(pick(m.event, lang))}</li>'
            for m in milestones()
        )
        return _heading(page, lang) + _lead(lang, "history.lead") + f"<ol>{items}</ol>"
    if page == "/branches":
        from components.branch_info import branch_html
        from facts.branches import branches

        return (
            _heading(page, lang)
            + _lead(lang, "public.branches_lead")
            + f"<ul>{''.join(branch_html(b, lang) for b in branches())}</ul>"
            + f"<p>{_e(t(lang, 'footer.hotline'))}</p>"
            + f"<p>{_e(t(lang, 'branches.map_search_note'))}</p>"
        )
    if page == "/about":
        return (
            _heading(page, lang) + f'<p class="lead">{_e(t(lang, "about.lead"))}</p>'
            f'<h2 class="h5">{_e(t(lang, "about.h_what"))}</h2><p>{_e(t(lang, "about.what"))}</p>'
        )
    return _heading(page, lang) + _lead(lang, "precheck.lead")


def _policy_points(version, lang) -> str:
    rows = [
        ("policy_ceiling", "ceiling_standard", big_yuan(version.value("ceiling_standard"), lang)),
        ("policy_rate", "rate_first_home_long", percent(version.value("rate_first_home_long"))),
        ("policy_rate_second", "rate_second_home_long", percent(version.value("rate_second_home_long"), 3)),
        ("policy_ltv", "ltv_first_home", percent(version.value("ltv_first_home") * 100, 0)),
        ("policy_term", "max_term_years", f"{version.value('max_term_years')} {t(lang, 'unit.years')}"),
    ]
    body = "".join(
        f'<tr><th scope="row">{_e(t(lang, "home." + k))}</th><td>{_e(v)} '
        f'<span class="badge text-bg-light">{_e(t(lang, "confidence." + version[name].confidence))}'
        f"</span> <small>{_e(pick(version[name].source.title, lang))}</small></td></tr>"
        for k, name, v in rows
    )
    return (
        f'<h2 class="h4">{_e(t(lang, "home.policy_heading"))}</h2>'
        f'<p class="small">{_e(pick(version.label, lang))}</p>'
        f'<table class="table table-sm"><tbody>{body}</tbody></table>'
    )


# --- calculators: the answer for the query string ---------------------------------------------


def _calculator(page: str, lang: str, query: dict[str, str]) -> str:
    head = _heading(page, lang) + _lead(lang, page_at(page).description_key)
    query = {k: v for k, v in list(query.items())[:MAX_QUERY_VALUES] if k != "lang"}
    if not query:
        return head + f"<p>{_e(t(lang, 'seo.fill_in'))}</p>"
    try:
        answer = (_repayment if page == "/calculators/repayment" else _applicant)(page, lang, query)
    except ValidationError as exc:
        from i18n import text_of

        items = "".join(
            f"<li>{_e(t(lang, f'field.{e.field}'))}: {_e(text_of(lang, 'error', e.code, e.params))}</li>"
            for e in exc.errors
        )
        return head + f"<p>{_e(t(lang, 'result.fix_inputs'))}</p><ul>{items}</ul>"
    return head + f'<section aria-label="{_e(t(lang, "seo.answer"))}">{answer}</section>'


def _repayment(page, lang, query) -> str:
    from components import repayment_form

    _query, names, shown, _auto = repayment_form.first_values(dict(query))
    outcome, _start = repayment_form.compute_shown(names, shown)  # as the page's first answer
    req, s = outcome.request, outcome.schedule
    first = s.rows[0].payment
    lines = [
        f'<p class="result-amount" id="repayment-ssr-payment">{_e(t(lang, "seo.monthly_payment"))}'
        f"{_e(t(lang, 'format.colon'))}<strong>{_e(yuan(first, lang))}</strong></p>"
    ]
    if outcome.commercial is not None:  # each part with its own amount, rate, term and interest
        for key, part, rate in (
            ("part_hpf", outcome.hpf, req.annual_rate),
            ("part_commercial", outcome.commercial, req.commercial_rate),
        ):
            lines.append(f"<p>{_e(t(lang, 'seo.part_line', **_part_words(key, part, rate, lang)))}</p>")
        words = {"method": t(lang, f"method.{req.method}"), "interest": yuan(s.total_interest, lang)}
        lines.append(f"<p>{_e(t(lang, 'seo.total_line', total=yuan(s.total_payment, lang), **words))}</p>")
    else:
        lines.append(f"<p>{_e(t(lang, 'seo.repayment_line', **_repayment_words(req, s, lang)))}</p>")
    p = outcome.prepayment
    if p is not None:
        words = {
            "month": p.month,
            "amount": yuan(p.amount, lang),
            "mode": t(lang, f"mode.{p.mode}"),
            "last": p.schedule.last_period,
            "saved": yuan(p.interest_saved, lang),
        }
        lines.append(f"<p>{_e(t(lang, 'seo.prepay_line', **words))}</p>")
    return "".join(lines)


def _part_words(key, part, rate, lang) -> dict:
    return {
        "part": t(lang, f"repricing.{key}"),
        "principal": big_yuan(part.principal, lang),
        "rate": percent(rate, 3),
        "years": _years(part.months, lang),
        "interest": yuan(part.total_interest, lang),
    }


def _years(months: int, lang: str) -> str:
    if months % 12 == 0:
        return f"{months // 12} {t(lang, 'unit.years')}"
    return t(lang, "policy.value_months", n=months)


def _applicant(page, lang, query) -> str:
    from calculators.answers import judge
    from calculators.eligibility import status_of
    from components import applicant_form
    from i18n import text_of

    values = applicant_form.first_values(page.rsplit("/", 1)[-1], dict(query))  # as the page reads the link
    answer = judge(values, for_quota=page == "/calculators/quota", with_quota=page == "/calculators/quota")
    verdict = answer.eligibility
    failed = "".join(
        f"<li>{_e(text_of(lang, 'check', c.code, c.params))}</li>"
        for c in verdict.checks
        if not (c.checked and c.passed)
    )
    lines = [f"<p><strong>{_e(t(lang, 'seo.' + status_of(verdict.eligible)))}</strong></p>"]
    if failed:
        lines.append(f"<ul>{failed}</ul>")
    if page == "/calculators/quota":
        result = answer.quota
        lines.insert(
            0,
            f'<p class="result-amount" id="quota-ssr-amount">{_e(t(lang, "seo.quota_amount"))}'
            f"{_e(t(lang, 'format.colon'))}<strong>{_e(big_yuan(result.amount, lang))}</strong></p>"
            f"<p>{_e(t(lang, 'seo.quota_line', **_quota_words(result, lang)))}</p>",
        )
    return "".join(lines)


def _repayment_words(req, s, lang) -> dict:
    return {
        "principal": big_yuan(req.principal, lang),
        "rate": percent(req.annual_rate, 3),
        "years": _years(s.last_period, lang),  # a prepayment can end the loan early
        "method": t(lang, f"method.{req.method}"),
        "interest": yuan(s.total_interest, lang),
        "total": yuan(s.total_payment, lang),
    }


def _quota_words(result, lang) -> dict:
    return {
        "cap": t(lang, f"cap.{result.binding_cap}"),
        "years": result.term_years,
        "payment": yuan(result.monthly_payment, lang),
    }
