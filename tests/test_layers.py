"""The apps are layers that import one way (docs/architecture.md):

    core ← provinces ← articles ← directives ← media ← api ← redirects ← importer ← demo   (config wires them)

A module may import its own app and the layers below it, never one above (not even
inside a function): apps below learn of the ones above through what those register in
their ``ready()``. Migrations and tests are not part of the layering."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = [
    "core",
    "provinces",
    "articles",
    "directives",
    "media",
    "api",
    "redirects",
    "importer",
    "demo",
]
PROJECT = {*LAYERS, "config"}


def imported_packages(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], node.lineno


def modules_of(app):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


@pytest.mark.parametrize("app", LAYERS)
def test_an_app_imports_only_the_layers_below_it(app):
    allowed = set(LAYERS[: LAYERS.index(app) + 1])
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {package}"
        for path in modules_of(app)
        for package, line in imported_packages(path)
        if package in PROJECT and package not in allowed
    ]
    assert wrong == []


def test_no_module_outside_migrations_and_tests_is_over_500_lines():
    long = []
    for folder in [*PROJECT, "bench", "scripts"]:
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            lines = path.read_text(encoding="utf-8").count("\n")
            if lines > 500:
                long.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert long == []
