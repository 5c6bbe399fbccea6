"""The shared cache's keys start with the content version: any file the site ships changes it (a
folder added later too, without being named), what never reaches a visitor does not."""

from serving import shared_cache


def _version(monkeypatch, root):
    monkeypatch.setattr(shared_cache, "ROOT", root)
    shared_cache.content_version.cache_clear()
    try:
        return shared_cache.content_version()
    finally:
        shared_cache.content_version.cache_clear()


def test_any_shipped_file_changes_the_version(monkeypatch, tmp_path):
    (tmp_path / "wording").mkdir()
    (tmp_path / "wording" / "numbers.py").write_text("A = 1\n")
    (tmp_path / "new_folder").mkdir()
    (tmp_path / "new_folder" / "part.py").write_text("B = 1\n")
    first = _version(monkeypatch, tmp_path)
    assert _version(monkeypatch, tmp_path) == first  # the same from every process
    (tmp_path / "wording" / "numbers.py").write_text("A = 2\n")
    second = _version(monkeypatch, tmp_path)
    assert second != first
    (tmp_path / "new_folder" / "part.py").write_text("B = 2\n")
    assert _version(monkeypatch, tmp_path) != second


def test_what_is_not_shipped_leaves_it_alone(monkeypatch, tmp_path):
    (tmp_path / "app.py").write_text("x = 1\n")
    before = _version(monkeypatch, tmp_path)
    for folder in (".cache", ".hypothesis", "tests", "docs", "__pycache__"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "written.txt").write_text("by a test run")
    assert _version(monkeypatch, tmp_path) == before


def test_only_pages_the_same_for_everyone_are_kept():
    import datetime as dt

    day, pages = dt.date(2026, 11, 27), {"/policy", "/"}
    assert shared_cache.page_key("/policy", "", day, pages).endswith(":first:2026-11-27:-:/policy")
    assert shared_cache.page_key("/policy", "?lang=en", day, pages).endswith(":en:/policy")
    for path, search in (("/policy", "?lang=xx"), ("/policy", "?principal=1"), ("/nope", "")):
        assert shared_cache.page_key(path, search, day, pages) is None
    assert shared_cache.page_key("/policy", "?lang=en&lang=zh", day, pages) is None
