"""The ofsted-kg vocabulary: namespaces, the bundled OWL/SKOS/SHACL files and the gazetteer data.

Everything downstream (loaders, graph, queries, viz) names terms through this module,
so the public schema lives in one place: the Turtle files beside it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

OKG = Namespace("https://w3id.org/ofsted-kg/ontology#")
ID = Namespace("https://w3id.org/ofsted-kg/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
SDO = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
ONS_GEOGRAPHY = Namespace("http://statistics.data.gov.uk/id/statistical-geography/")

PREFIXES: dict[str, str] = {
    "okg": str(OKG),
    "id": str(ID),
    "foaf": str(FOAF),
    "org": str(ORG),
    "prov": str(PROV),
    "schema": str(SDO),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "oa": str(OA),
    "time": str(TIME),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}


def asset_path(name: str) -> Path:
    """Path of a file bundled in this package (vocabulary.ttl, shapes.ttl, data/...)."""
    return Path(str(resources.files(__name__).joinpath(name)))


__all__ = [
    "ID",
    "OA",
    "OKG",
    "ONS_GEOGRAPHY",
    "ORG",
    "PREFIXES",
    "SDO",
    "SH",
    "asset_path",
]
