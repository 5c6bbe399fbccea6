"""Routes of /api/v1: the calculators, the policy, the OpenAPI document and unknown paths (the
pre-check is api/precheck.py; the blueprint, bodies and errors are api/base.py)."""

from __future__ import annotations

from flask import current_app, request
from pydantic import BaseModel

from calculators import batch
from calculators.answers import judge, timeline_of
from calculators.clock import today
from calculators.errors import FieldError, ValidationError
from calculators.fields import Day, Flag, read
from calculators.loan_outcome import run_repayment
from calculators.loan_request import parse_repayment
from calculators.money import fen
from calculators.policy_files import default_policy
from calculators.scenarios import run_scenarios
from i18n import choice_aliases, t
from serialize import answers as serialize
from serialize import purchase as purchase
from serialize import scenarios as scenario_json

from .answer_models import EligibilityAnswer, PolicyAnswer, answer
from .base import api_lang, blueprint, json_body, refuse
from .jsonout import respond
from .openapi import document
from .quota_answer import QuotaAnswer
from .repayment_answer import RepaymentAnswer


class RepaymentOptions(BaseModel):
    schedule: Flag() = True  # ?schedule=0 leaves the rows out


class QuotaOptions(BaseModel):
    timeline: Flag() = False  # add what the applicant could borrow under every policy version


class PolicyQuery(BaseModel):
    date: Day() = None  # default today


@blueprint.post("/repayment")
def repayment():
    data = json_body()
    outcome = run_repayment(parse_repayment(data, today=today()), today())
    options, errors = read(RepaymentOptions, request.args.to_dict())
    if errors:
        raise ValidationError(errors)
    body = scenario_json.repayment(outcome, include_schedule=options["schedule"])
    if data.get("scenarios") is not None:
        overrides = data["scenarios"]
        try:  # the same path as the main answer, with the overrides in place
            outcomes = run_scenarios(data, overrides, today())
        except ValidationError as exc:
            return respond(scenario_json.errors(exc, api_lang()), 400)
        body["scenarios"] = scenario_json.scenarios(outcomes, overrides)
    return respond(answer(RepaymentAnswer, body))


@blueprint.post("/quota")
def quota_route():
    data = batch.alias_values(json_body(), choice_aliases())
    options, errors = read(QuotaOptions, data)
    try:
        judged = judge(data, for_quota=True, today=today())
    except ValidationError as exc:  # a bad option is named with the applicant's bad fields
        raise ValidationError(exc.errors + errors) from None
    if errors:
        raise ValidationError(errors)
    body = _dated(serialize.quota(judged.quota, judged.version, api_lang()), judged)
    body["house_price"] = fen(judged.applicant.house_price)
    body["down_payment"] = purchase.down_payment(judged.down_payment)
    body["affordable"] = purchase.affordable(judged.affordable)
    body["cash_to_close"] = purchase.cash_to_close(judged.cash_to_close, api_lang())
    verdict = serialize.eligibility(judged.eligibility, api_lang())  # an amount never hides a "no"
    body["eligible"] = verdict["eligible"]
    body["failed"] = [c for c in verdict["checks"] if not c["passed"]]
    body["unchecked"] = [c for c in verdict["checks"] if not c["checked"]]
    if options["timeline"]:
        body["timeline"] = serialize.timeline(timeline_of(judged.applicant), api_lang())
    return respond(answer(QuotaAnswer, body))


def _dated(body: dict, judged) -> dict:
    """The day asked, and whether it is still to come (then today's rules answered it)."""
    day = judged.applicant.date
    ahead = day > today()
    body["date"] = day.isoformat()
    body["rules_as_of_today"] = ahead
    if ahead:
        body["notes"] = [
            *body.get("notes", []),
            {"code": "future_day", "message": t(api_lang(), "result.future_day", date=day.isoformat())},
        ]
    return body


@blueprint.post("/eligibility")
def eligibility_route():
    judged = judge(
        batch.alias_values(json_body(), choice_aliases()), for_quota=False, with_quota=False, today=today()
    )
    return respond(
        answer(EligibilityAnswer, _dated(serialize.eligibility(judged.eligibility, api_lang()), judged))
    )


@blueprint.get("/policy")
def policy_route():
    if "date" in request.args and not request.args["date"].strip():
        raise ValidationError(FieldError("date", "date"))
    query, errors = read(PolicyQuery, request.args.to_dict())
    if errors:
        raise ValidationError(errors)
    day = query["date"] or today()
    policy = default_policy()
    version = policy.on(day)
    return respond(answer(PolicyAnswer, serialize.policy(version, policy, day, api_lang())))


@blueprint.route("/<path:_rest>", methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
def unknown(_rest):
    """Keep unknown API paths out of Dash's page catch-all: JSON 404 (405 for a known path
    asked with another method), not the site's HTML."""
    lang = api_lang()
    allowed = _allowed_methods(request.path)
    if allowed:
        response = refuse(405, "method_not_allowed", lang=lang)
        response.headers["Allow"] = ", ".join(sorted(allowed))
        return response
    return refuse(404, "not_found", lang=lang)


@blueprint.before_request
def _options():
    """OPTIONS lists exactly the operations the path has (Flask's own answer would add the
    methods of the catch-all above, which only exists to say 404 or 405)."""
    if request.method != "OPTIONS":
        return None
    allowed = _allowed_methods(request.path)
    if not allowed:
        return unknown(request.path)
    response = current_app.response_class(status=204)
    response.headers["Allow"] = ", ".join(
        sorted(allowed | {"OPTIONS"} | ({"HEAD"} if "GET" in allowed else set()))
    )
    return response


def _allowed_methods(path: str) -> set[str]:
    """The methods an operation of the API takes at ``path`` (none: no operation is there; the
    site's page catch-all and a redirect to another spelling do not count)."""
    from werkzeug.exceptions import MethodNotAllowed, NotFound
    from werkzeug.routing import RequestRedirect

    adapter = current_app.url_map.bind("localhost")
    methods = set()
    for method in ("GET", "POST"):
        try:
            endpoint, _ = adapter.match(path, method=method)
        except (MethodNotAllowed, NotFound, RequestRedirect):
            continue
        if endpoint.startswith(f"{blueprint.name}.") and endpoint != f"{blueprint.name}.unknown":
            methods.add(method)
    return methods


@blueprint.get("/openapi.json")
def openapi():
    return respond(document())


def outside(server) -> None:
    """A path under /api/ that no route of the API took (/api, /api/v2, a doubled slash): the
    API's JSON 404 too, never the site's HTML page."""

    @server.before_request
    def _not_an_operation():
        path = request.path.lower()
        if (path == "/api" or path.startswith("/api/")) and request.blueprint != blueprint.name:
            return unknown(request.path)  # its 404, or 405 for a method no route takes (TRACE)
        return None
