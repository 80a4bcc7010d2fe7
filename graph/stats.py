"""Counts of what a store holds: nodes per class, documents, evidence, triples."""

from __future__ import annotations

import pyoxigraph as ox

from ofsted_kg.graph.store import document_graphs

CLASSES = [
    ("people", "http://xmlns.com/foaf/0.1/Person"),
    ("organisations", "http://www.w3.org/ns/org#Organization"),
    ("memberships", "http://www.w3.org/ns/org#Membership"),
    ("inspections", "https://w3id.org/ofsted-kg/ontology#Inspection"),
    ("judgements", "https://w3id.org/ofsted-kg/ontology#Judgement"),
    ("findings", "https://w3id.org/ofsted-kg/ontology#Finding"),
    ("cases", "https://w3id.org/ofsted-kg/ontology#Case"),
    ("statements", "https://w3id.org/ofsted-kg/ontology#Statement"),
    ("events", "https://w3id.org/ofsted-kg/ontology#Event"),
    ("documents", "http://xmlns.com/foaf/0.1/Document"),
    ("evidence annotations", "http://www.w3.org/ns/oa#Annotation"),
]


def stats(store: ox.Store) -> dict[str, int]:
    """Distinct nodes of each class across the source graphs (reference graphs excluded)."""
    graphs = document_graphs(store)
    counts: dict[str, int] = {}
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    for label, iri in CLASSES:
        nodes = {
            q.subject
            for g in graphs
            for q in store.quads_for_pattern(None, rdf_type, ox.NamedNode(iri), g)
        }
        counts[label] = len(nodes)
    counts["source graphs"] = len(graphs)
    counts["triples (all graphs)"] = len(store)
    return counts
