"""SHACL validation: the built graph conforms; a broken one fails with a readable message."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from ofsted_kg.graph.export import export
from ofsted_kg.graph.validate import validate, validate_graph

ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
OKG = Namespace("https://w3id.org/ofsted-kg/ontology#")


def test_the_built_corpus_conforms(store: ox.Store) -> None:
    report = validate(store)
    assert report.conforms, report.messages
    assert report.violations == 0


def test_a_membership_without_a_member_and_a_finding_without_evidence_fail(
    store: ox.Store, tmp_path: Path
) -> None:
    path = tmp_path / "graph.nt"
    export(store, "nt", path, vocabulary=False)
    graph = Graph().parse(path, format="nt")
    membership: URIRef = sorted(graph.subjects(RDF.type, ORG.Membership))[0]
    graph.remove((membership, ORG.member, None))
    finding: URIRef = sorted(graph.subjects(RDF.type, OKG.Finding))[0]
    for annotation in list(graph.subjects(OA.hasBody, finding)):
        graph.remove((annotation, None, None))
    report = validate_graph(graph)
    assert not report.conforms
    assert report.violations >= 2
    text = " ".join(report.messages).lower()
    assert "member" in text
    assert "evidence" in text or "annotation" in text
