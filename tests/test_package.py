"""The installed package: one import name, a pinned public API, no generic top-level modules."""

from __future__ import annotations

import importlib
import importlib.util
import subprocess
import sys

import ofsted_kg

PUBLIC = [
    "FilterError",
    "OfstedKGError",
    "ParameterError",
    "QueryError",
    "ReadOnlyError",
    "SourceError",
    "StoreError",
    "ValidationFailed",
    "__version__",
    "build",
    "export",
    "list_queries",
    "open_store",
    "query",
    "render_html",
    "run_sparql",
    "timeline",
    "validate",
]


def test_public_api_is_pinned() -> None:
    assert sorted(ofsted_kg.__all__) == PUBLIC
    for name in PUBLIC:
        assert getattr(ofsted_kg, name) is not None, name


def test_every_verb_is_callable() -> None:
    for name in (
        "build",
        "export",
        "validate",
        "query",
        "run_sparql",
        "render_html",
        "timeline",
        "open_store",
    ):
        assert callable(getattr(ofsted_kg, name)), name


def test_no_generic_top_level_modules_are_installed() -> None:
    for generic in ("graph", "loaders", "queries", "ontology", "viz"):
        spec = importlib.util.find_spec(generic)
        assert spec is None or "site-packages" not in str(spec.origin or ""), generic
    for sub in ("graph", "loaders", "queries", "ontology", "viz"):
        assert importlib.import_module(f"ofsted_kg.{sub}").__name__ == f"ofsted_kg.{sub}"


def test_importing_the_package_does_not_import_pyvis_or_matplotlib() -> None:
    code = "import sys, ofsted_kg; print('pyvis' in sys.modules, 'matplotlib' in sys.modules, 'IPython' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "False", "False"]


def test_bundled_vocabulary_and_gazetteer_ship_with_the_package() -> None:
    from ofsted_kg.ontology import asset_path

    for name in (
        "vocabulary.ttl",
        "schemes.ttl",
        "shapes.ttl",
        "national_bodies.ttl",
        "data/local_authorities.csv",
    ):
        assert asset_path(name).is_file(), name
