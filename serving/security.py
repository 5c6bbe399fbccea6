"""Security headers on every response, with a CSP that allows only this site's own scripts.

Dash renders a few inline scripts; their hashes come from ``app.csp_hashes()``. The pages router
adds one more on the first request, so the policy is computed after that and then kept.
"""

from __future__ import annotations

from flask import Flask, Response

STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


HSTS = "max-age=31536000; includeSubDomains"  # a year; sent only on a request that came over HTTPS
DEVELOPMENT_ROUTES = ("/_reload-hash",)
PRIVATE_PREFIXES = ("/api/", "/_dash-update-component", "/_dash-layout", "/_edited-layout")


def content_security_policy(script_hashes) -> str:
    scripts = " ".join(h if h.startswith("'") else f"'{h}'" for h in script_hashes)
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {scripts}".strip(),
            # React and plotly.js set inline styles and inject <style> elements.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def install(server: Flask, dash_app) -> None:
    state = {"csp": None}

    def current_csp() -> str:
        if state["csp"] is not None:
            return state["csp"]
        csp = content_security_policy(dash_app.csp_hashes())
        if dash_app._got_first_request.get("pages"):  # router callbacks are registered now
            state["csp"] = csp
        return csp

    from flask import request

    @server.after_request
    def add_headers(response):
        if request.path.startswith(PRIVATE_PREFIXES):  # answers that may hold a person's data
            response.headers["Cache-Control"] = "no-store"
        for name, value in STATIC_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault("Content-Security-Policy", current_csp())
        response.headers.pop("Server", None)
        if request.is_secure:  # HTTPS here, or said by a trusted proxy (TRUSTED_PROXIES, ProxyFix)
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        return response

    @server.before_request
    def no_development_routes():
        """Dash's hot-reload route lists the packages and files the site runs; only with DEBUG."""
        if request.path in DEVELOPMENT_ROUTES and not dash_app.server.debug:
            return Response("Not found\n", status=404, mimetype="text/plain")
        return None
