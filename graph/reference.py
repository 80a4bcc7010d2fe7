"""Reference graphs loaded into every store: the vocabulary and the gazetteer of public bodies.

They make the store self-describing (concept labels, grade ranks, role schemes) and put every
English local authority in the graph with its ONS code, whether or not a document mentions it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ofsted_kg.graph.iris import org_iri, term
from ofsted_kg.graph.store import GAZETTEER_GRAPH, ONTOLOGY_GRAPH
from ofsted_kg.loaders.gazetteer import Gazetteer
from ofsted_kg.ontology import ONS_GEOGRAPHY, ORG, asset_path

VOCABULARY_FILES = ("vocabulary.ttl", "schemes.ttl")


def N(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def ontology_quads() -> Iterator[ox.Quad]:
    for name in VOCABULARY_FILES:
        path = asset_path(name)
        with path.open("rb") as handle:
            for triple in ox.parse(handle, format=ox.RdfFormat.TURTLE, base_iri=path.as_uri()):
                yield ox.Quad(triple.subject, triple.predicate, triple.object, ONTOLOGY_GRAPH)


def gazetteer_quads(gazetteer: Gazetteer) -> Iterator[ox.Quad]:
    g = GAZETTEER_GRAPH
    path = asset_path("national_bodies.ttl")
    if path.is_file():
        with path.open("rb") as handle:
            for triple in ox.parse(handle, format=ox.RdfFormat.TURTLE):
                yield ox.Quad(triple.subject, triple.predicate, triple.object, g)
    for body in gazetteer.local_authorities():
        node = org_iri(body.slug)
        yield ox.Quad(node, N(RDF.type), N(ORG.Organization), g)
        yield ox.Quad(node, N(RDF.type), term("LocalAuthority"), g)
        yield ox.Quad(node, N(SKOS.prefLabel), ox.Literal(body.name), g)
        yield ox.Quad(node, N(RDFS.label), ox.Literal(body.name), g)
        for alias in body.aliases:
            if alias != body.name:
                yield ox.Quad(node, N(SKOS.hiddenLabel), ox.Literal(alias), g)
        for place in body.places:
            yield ox.Quad(node, N(SKOS.hiddenLabel), ox.Literal(place), g)
        if body.gss:
            yield ox.Quad(node, term("gssCode"), ox.Literal(body.gss), g)
            yield ox.Quad(node, N(OWL.sameAs), N(f"{ONS_GEOGRAPHY}{body.gss}"), g)
        for prop, value in (
            ("ofstedUrn", body.urn),
            ("laCode", body.la_code),
            ("region", body.region),
            ("authorityType", body.authority_type),
        ):
            if value:
                yield ox.Quad(node, term(prop), ox.Literal(value), g)
