"""Security headers, debug off, only the vendored files served, no CDN, bounded request bodies."""

import re
from pathlib import Path

import pytest

import settings

ROOT = Path(__file__).resolve().parent.parent


def test_debug_is_off_by_default():
    assert settings.DEBUG is False


def test_security_headers_on_pages_and_api(client):
    for path in ("/", "/api/v1/policy", "/vendor/bootstrap.min.css"):
        r = client.get(path)
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
        assert r.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "'unsafe-eval'" not in r.headers["Content-Security-Policy"]


def test_html_lang_follows_query(client):
    assert b'<html lang="zh-CN">' in client.get("/").data
    assert b'<html lang="en">' in client.get("/?lang=en").data


def test_unknown_page_is_404_but_pages_are_200(client):
    assert client.get("/no-such-page").status_code == 404
    assert client.get("/").status_code == 200


def test_vendor_serves_only_bootstrap_files(client):
    assert client.get("/vendor/bootstrap.min.css").status_code == 200
    assert client.get("/vendor/font/bootstrap-icons.min.css").status_code == 200
    assert client.get("/vendor/../../app.py").status_code == 404
    assert client.get("/vendor/js/bootstrap.min.js").status_code == 404


def test_responses_are_compressed(client):
    r = client.get("/vendor/bootstrap.min.css", headers={"Accept-Encoding": "gzip"})
    assert r.headers.get("Content-Encoding") in ("gzip", "br")


def test_request_body_is_bounded(post):
    r = post("/api/v1/quota", b"x" * (settings.MAX_CONTENT_LENGTH + 1))
    assert r.status_code == 413


@pytest.mark.parametrize(
    "pattern", [r"cdn\.", "jsdelivr", "unpkg", "googleapis", r"dbc\.themes\.[A-Z]", r"dbc\.icons\."]
)
def test_no_cdn_in_code_or_assets(pattern):
    for path in list(ROOT.glob("*.py")) + list(ROOT.glob("*/*.py")) + list((ROOT / "assets").glob("*")):
        if path.parent.name in ("tests", ".venv") or path.is_dir():
            continue
        assert not re.search(pattern, path.read_text(encoding="utf-8", errors="ignore")), path


def test_one_function_decides_the_language():
    from werkzeug.datastructures import LanguageAccept

    from i18n import request_lang

    english = LanguageAccept([("en-US", 1), ("en", 0.9)])
    assert request_lang() == "zh" and request_lang("en") == "en" and request_lang("EN-gb") == "en"
    assert request_lang(url="?lang=en") == "en" and request_lang(url="?x=1") == "zh"
    assert request_lang(url="https://example.org/policy?lang=en&x=1") == "en"  # a Referer
    assert request_lang(url="https://example.org/policy") == "zh"
    assert request_lang(accept=english) == "en"  # the API: no ?lang=, the browser's language
    assert request_lang("zh", accept=english) == "zh"  # ?lang= wins
    assert request_lang("xx", accept=english) == "en"  # a ?lang= naming no language falls through
