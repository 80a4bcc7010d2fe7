"""export(store, fmt, path): the graph as Turtle, TriG, N-Triples, N-Quads or JSON-LD, written atomically.

Turtle, N-Triples and JSON-LD carry the union of the selected graphs (duplicates removed);
TriG and N-Quads keep one named graph per document.  Oxigraph serialises (10-50x faster than
rdflib's pure-Python writer); triples are sorted first, so the same store always gives the
same bytes.  The file is written beside its target and renamed into place: an interrupted
export never leaves a truncated file where a good one was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyoxigraph as ox

from ofsted_kg.errors import OfstedKGError
from ofsted_kg.graph.store import GAZETTEER_GRAPH, ONTOLOGY_GRAPH, document_graphs
from ofsted_kg.ontology import PREFIXES

FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ttl": (ox.RdfFormat.TURTLE, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "nq": (ox.RdfFormat.N_QUADS, True),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "jsonld": (ox.RdfFormat.JSON_LD, False),
    "json-ld": (ox.RdfFormat.JSON_LD, False),
}


def selected_graphs(store: ox.Store, *, vocabulary: bool, gazetteer: bool) -> list[ox.NamedNode]:
    graphs = document_graphs(store)
    if vocabulary:
        graphs.append(ONTOLOGY_GRAPH)
    if gazetteer:
        graphs.append(GAZETTEER_GRAPH)
    return graphs


def _sorted_quads(store: ox.Store, graphs: list[ox.NamedNode]) -> list[ox.Quad]:
    quads = [q for g in graphs for q in store.quads_for_pattern(None, None, None, g)]
    return sorted(
        quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))
    )


def _sorted_union(store: ox.Store, graphs: list[ox.NamedNode]) -> list[ox.Triple]:
    triples = {q.triple for g in graphs for q in store.quads_for_pattern(None, None, None, g)}
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def export(
    store: ox.Store,
    fmt: str,
    path: Path | str,
    *,
    vocabulary: bool = True,
    gazetteer: bool = False,
) -> int:
    """Write the graph to ``path`` in ``fmt``; return the number of triples (or quads) written."""
    if fmt.lower() not in FORMATS:
        raise OfstedKGError(
            f"unknown export format '{fmt}' (choose from turtle, trig, nt, nquads, jsonld)"
        )
    rdf_format, keeps_graphs = FORMATS[fmt.lower()]
    graphs = selected_graphs(store, vocabulary=vocabulary, gazetteer=gazetteer)
    items: list[ox.Quad] | list[ox.Triple] = (
        _sorted_quads(store, graphs) if keeps_graphs else _sorted_union(store, graphs)
    )
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
            ox.serialize(items, out, rdf_format, prefixes=prefixes)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return len(items)
