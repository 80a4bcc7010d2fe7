"""Reading a store with SPARQL: one prologue with the project's prefixes, rows as plain values.

Every reader of the store (timeline, analyses, entity listings, name resolution) asks the
union of all graphs and wants rows keyed by variable name; this is that one place.
"""

from __future__ import annotations

import pyoxigraph as ox

from ofsted_kg.ontology import PREFIXES

PROLOGUE = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())
Term = ox.NamedNode | ox.Literal | ox.BlankNode


def select_terms(store: ox.Store, query: str) -> list[dict[str, Term]]:
    """Rows of a SELECT (prologue added) as RDF terms; unbound variables are left out."""
    results = store.query(PROLOGUE + query, use_default_graph_as_union=True)
    if not isinstance(results, ox.QuerySolutions):
        raise TypeError("select_terms needs a SELECT query")
    names = [v.value for v in results.variables]
    rows = []
    for solution in results:
        row: dict[str, Term] = {}
        for name in names:
            term = solution[name]
            if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode):
                row[name] = term
        rows.append(row)
    return rows


def select(store: ox.Store, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT as plain strings: an IRI's text, a literal's lexical value."""
    return [{name: term.value for name, term in row.items()} for row in select_terms(store, query)]


def ask(store: ox.Store, query: str) -> bool:
    return bool(store.query(PROLOGUE + query, use_default_graph_as_union=True))
