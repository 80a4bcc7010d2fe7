"""validate(store): check the built graph against the SHACL shapes of the public schema.

pySHACL runs on an rdflib copy of the document graphs (the shapes need the vocabulary too,
for class hierarchy), so this is a check for graphs of corpus size, not millions of triples.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ofsted_kg.graph.store import document_graphs
from ofsted_kg.ontology import SH, asset_path


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: int
    warnings: int
    messages: list[str]
    text: str


def _rdflib_union(store: ox.Store, graphs: list[ox.NamedNode]) -> Graph:
    data = ox.serialize(
        {q.triple for g in graphs for q in store.quads_for_pattern(None, None, None, g)},
        format=ox.RdfFormat.N_TRIPLES,
    )
    return Graph().parse(data=data or b"", format="nt")


def validate_graph(data: Graph, *, shapes: Path | None = None) -> ValidationReport:
    """Validate an rdflib graph; used by ``validate`` and by tests on hand-made graphs."""
    from pyshacl import validate as shacl_validate

    shapes_graph = Graph().parse(shapes or asset_path("shapes.ttl"), format="turtle")
    vocabulary = Graph()
    for name in ("vocabulary.ttl", "schemes.ttl", "national_bodies.ttl"):
        vocabulary.parse(asset_path(name), format="turtle")
    conforms, results, text = shacl_validate(
        data + vocabulary,
        shacl_graph=shapes_graph,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    messages = sorted({str(m) for m in results.objects(None, SH.resultMessage)})
    severities = list(results.objects(None, SH.resultSeverity))
    violations = sum(1 for s in severities if s == SH.Violation)
    return ValidationReport(
        bool(conforms), violations, len(severities) - violations, messages, str(text)
    )


def validate(store: ox.Store) -> ValidationReport:
    graphs = document_graphs(store)
    return validate_graph(_rdflib_union(store, graphs))
