"""The layout's rules, read from the source: who may import whom, how long a module may grow."""

import ast
from pathlib import Path

import pytest

import pagecache

ROOT = Path(__file__).resolve().parents[2]
CONTENT_APPS = ("articles", "authors", "photos", "comments", "pages", "wpimport")
INFRASTRUCTURE_APPS = ("pagecache", "seo", "security", "ops")
APPS = (*CONTENT_APPS, *INFRASTRUCTURE_APPS, "desk", "demo", "bench")
MAX_MODULE_LINES = 600


def modules(*apps):
    for app in apps:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def imported(path):
    """Every module name this file imports, at any depth (top-level, inside functions)."""
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_no_app_imports_the_project_package_but_its_settings():
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in modules(*APPS)
        for name in imported(path)
        if name.split(".")[0] == "newsroom" and not name.startswith("newsroom.settings")
    ]
    assert offenders == []


def test_infrastructure_apps_import_no_content_app():
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in modules(*INFRASTRUCTURE_APPS)
        for name in imported(path)
        if name.split(".")[0] in CONTENT_APPS
    ]
    assert offenders == []


def test_content_apps_use_only_the_page_cache_public_api():
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in modules(*CONTENT_APPS, "desk", "demo", "bench")
        for name in imported(path)
        if name.startswith("pagecache.")
        # The backend is named by settings (CACHES), the rest is the package's public API.
        and name.split(".")[1] not in {*pagecache.__all__, "backends"}
    ]
    assert offenders == []


@pytest.mark.parametrize("app", ["newsroom", *APPS])
def test_no_module_is_over_600_lines(app):
    long = {
        str(path.relative_to(ROOT)): lines
        for path in modules(app)
        if (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}
