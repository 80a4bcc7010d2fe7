"""The query library: named, parameterised questions over the graph, and raw SPARQL.

    query(store, "roles-in-body", body="Leeds")        -> Result (a named question)
    run_sparql(store, "SELECT ...", timeout=10)        -> Result (read-only SPARQL)
    list_queries()                                     -> every NamedQuery, with its header
    resolve(store, "Jo Tanner", "person")              -> the IRI a name denotes

The questions themselves are the ``*.rq`` files beside this module; see README.md.
"""

from __future__ import annotations

from ofsted_kg.queries.library import NamedQuery, Param, get_query, list_queries
from ofsted_kg.queries.resolve_names import labels, resolve
from ofsted_kg.queries.runner import FORMATS, Result, check_read_only, query, run_sparql

__all__ = [
    "FORMATS",
    "NamedQuery",
    "Param",
    "Result",
    "check_read_only",
    "get_query",
    "labels",
    "list_queries",
    "query",
    "resolve",
    "run_sparql",
]
