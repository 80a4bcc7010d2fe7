"""The SKOS concept schemes of ``ontology/schemes.ttl``, read as matching data for the extractor.

Roles, themes, inspection kinds, judgement areas and grades are defined once, in the
ontology; the extractor matches their preferred, alternative and hidden labels as
whole phrases.  Adding a spelling to the scheme teaches the extractor without code.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from ofsted_kg.loaders.normalise import fold
from ofsted_kg.ontology import OKG, asset_path

# Roles that exist in one kind of body only: a role stated without its body belongs there.
ROLE_HOME_KIND = {
    "HMInspector": "Inspectorate",
    "ChiefInspector": "Inspectorate",
    "CabinetMember": "LocalAuthority",
    "Councillor": "LocalAuthority",
    "LeaderOfTheCouncil": "LocalAuthority",
    "DeputyLeader": "LocalAuthority",
    "DirectorOfChildrensServices": "LocalAuthority",
    "Mayor": "LocalAuthority",
    "PoliceOfficer": "PoliceForce",
}


@dataclass(frozen=True)
class Concept:
    name: str
    pref_label: str
    labels: tuple[str, ...]


@functools.cache
def _schemes_graph() -> Graph:
    return Graph().parse(asset_path("schemes.ttl"), format="turtle")


def local_name(node: URIRef) -> str:
    return str(node).removeprefix(str(OKG))


@functools.cache
def concepts(scheme: str) -> tuple[Concept, ...]:
    """Concepts of ``okg:<scheme>`` with every label folded for matching."""
    graph = _schemes_graph()
    out = []
    for node in sorted(set(graph.subjects(SKOS.inScheme, OKG[scheme])), key=str):
        labels = {
            fold(str(o))
            for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
            for o in graph.objects(node, p)
        }
        pref = str(graph.value(node, SKOS.prefLabel) or local_name(node))
        out.append(Concept(local_name(node), pref, tuple(sorted(labels, key=len, reverse=True))))
    return tuple(out)


def best_match(scheme: str, text: str) -> str | None:
    """The concept whose longest label occurs in ``text`` as whole words (None if none does)."""
    folded = f" {fold(text)} "
    best: tuple[int, str] | None = None
    for concept in concepts(scheme):
        for label in concept.labels:
            if label and f" {label} " in folded and (best is None or len(label) > best[0]):
                best = (len(label), concept.name)
                break
    return best[1] if best else None


def all_matches(scheme: str, text: str) -> list[str]:
    """Every concept with a label in ``text``, in scheme order."""
    folded = f" {fold(text)} "
    return [c.name for c in concepts(scheme) if any(f" {lb} " in folded for lb in c.labels if lb)]


class RoleScheme:
    """Role concepts: written role → concept, and the kind of body a role belongs to."""

    def concept_for(self, role: str) -> str | None:
        return best_match("Roles", role)

    def belongs_to(self, concept: str) -> str | None:
        return ROLE_HOME_KIND.get(concept)
