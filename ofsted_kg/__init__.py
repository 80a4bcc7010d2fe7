"""ofsted-kg: a knowledge graph of the people, public bodies and events of English children's services.

One verb, one function:

    build(sources, store=...)            documents and data → the embedded graph store
    export(store, fmt, path)             Turtle, TriG, N-Triples, JSON-LD
    validate(store)                      SHACL shapes of the public schema
    query(store, name, **params)         a named question from the query library
    run_sparql(store, text)              any read-only SPARQL query
    render_html(store, path, ...)        the explorable network, offline
    timeline(store, body)                a body's history in date order

Names are resolved lazily so that ``import ofsted_kg`` (and ``ofsted-kg --help``) stays fast
and never imports the heavy optional parts (pyvis, matplotlib) it does not need.
"""

from __future__ import annotations

import importlib
from typing import Any

from ofsted_kg.errors import (
    FilterError,
    OfstedKGError,
    ParameterError,
    QueryError,
    ReadOnlyError,
    SourceError,
    StoreError,
    ValidationFailed,
)

__version__ = "0.1.0"

_LAZY = {
    "build": "ofsted_kg.graph.build",
    "export": "ofsted_kg.graph.export",
    "validate": "ofsted_kg.graph.validate",
    "open_store": "ofsted_kg.graph.store",
    "query": "ofsted_kg.queries",
    "run_sparql": "ofsted_kg.queries",
    "list_queries": "ofsted_kg.queries",
    "render_html": "ofsted_kg.viz",
    "timeline": "ofsted_kg.graph.timeline",
}

__all__ = [
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


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'ofsted_kg' has no attribute {name!r}")
