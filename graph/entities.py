"""List the people and bodies of a store, and explain how a node's mentions were merged.

This is the analyst's view of entity resolution: every name a node was written as, the
documents behind it, its roles, and per document the rule that recognised and merged it —
the starting point for a correction in ``curation.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from ofsted_kg.errors import ParameterError
from ofsted_kg.graph.sparql import select
from ofsted_kg.loaders.normalise import fold

KIND_CLASS = {"person": "foaf:Person", "org": "org:Organization"}


@dataclass
class EntityRow:
    iri: str
    kind: str
    name: str
    names_seen: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)


def list_entities(
    store: ox.Store, *, kind: str | None = None, name: str | None = None
) -> list[EntityRow]:
    kinds = [kind] if kind else ["person", "org"]
    out: dict[str, EntityRow] = {}
    for k in kinds:
        cls = KIND_CLASS[k]
        query = f"""
SELECT DISTINCT ?node ?name ?seen ?doc ?role ?body ?role2 ?holder WHERE {{
  ?node a {cls} ; prov:wasDerivedFrom ?doc .
  OPTIONAL {{ ?node foaf:name ?n1 }} OPTIONAL {{ ?node skos:prefLabel ?n2 }}
  BIND(COALESCE(?n1, ?n2) AS ?name)
  OPTIONAL {{ ?node okg:mentionedAs|skos:altLabel ?seen }}
  OPTIONAL {{ ?m org:member ?node ; org:role/rdfs:label ?role ; org:organization/skos:prefLabel ?body }}
  OPTIONAL {{ ?m2 org:organization ?node ; org:role/rdfs:label ?role2 ; org:member/foaf:name ?holder }}
}}"""
        for row in select(store, query):
            entity = out.setdefault(row["node"], EntityRow(row["node"], k, row.get("name", "")))
            entity.documents.add(row["doc"].rsplit("/", 1)[-1])
            if "seen" in row:
                entity.names_seen.add(row["seen"])
            if "role" in row:
                entity.roles.add(f"{row['role']}, {row['body']}")
            if "role2" in row:
                entity.roles.add(f"{row['holder']}: {row['role2']}")
    for entity in out.values():
        entity.roles = _one_per_spelling(entity.roles)
    rows = sorted(out.values(), key=lambda e: (e.kind, e.name))
    if name:
        wanted = fold(name)
        rows = [
            e
            for e in rows
            if wanted in fold(e.name) or any(wanted in fold(s) for s in e.names_seen)
        ]
    return rows


def _one_per_spelling(roles: set[str]) -> set[str]:
    """One role node may carry a label per document ("Director of ..." and "director of ..."): show one."""
    by_fold: dict[str, str] = {}
    for role in sorted(roles):
        by_fold.setdefault(fold(role), role)
    return set(by_fold.values())


@dataclass
class MergeExplanation:
    iri: str
    name: str
    per_document: list[tuple[str, str, list[str]]]


def explain_merge(store: ox.Store, node: str) -> MergeExplanation:
    """Which mentions in which documents became ``node``, and by which rule."""
    matches = list_entities(store, name=node) if not node.startswith("http") else []
    if node.startswith("http"):
        iri = node
    else:
        exact = [e for e in matches if fold(e.name) == fold(node)] or matches
        if not exact:
            raise ParameterError(f"no person or body is called '{node}'")
        if len({e.iri for e in exact}) > 1:
            raise ParameterError(
                f"'{node}' names several nodes: " + "; ".join(f"{e.name} <{e.iri}>" for e in exact)
            )
        iri = exact[0].iri
    query = f"""
SELECT ?g ?name ?rule ?seen ?quote WHERE {{
  GRAPH ?g {{
    <{iri}> prov:wasDerivedFrom ?g .
    OPTIONAL {{ <{iri}> foaf:name|skos:prefLabel ?name }}
    OPTIONAL {{ <{iri}> okg:resolutionRule ?rule }}
    OPTIONAL {{ <{iri}> okg:mentionedAs|skos:altLabel ?seen }}
    OPTIONAL {{ ?a oa:hasBody <{iri}> ; oa:hasTarget/oa:hasSelector/oa:exact ?quote }}
  }}
}} ORDER BY ?g"""
    per_doc: dict[str, tuple[str, set[str]]] = {}
    name = ""
    for row in select(store, query):
        name = row.get("name", name)
        doc = row["g"].rsplit("/", 1)[-1]
        rule, seen = per_doc.get(doc, ("", set()))
        rule = row.get("rule", rule)
        for key in ("seen", "quote"):
            if key in row:
                seen.add(row[key])
        per_doc[doc] = (rule, seen)
    if not per_doc:
        raise ParameterError(f"no node <{iri}> in this store")
    return MergeExplanation(iri, name, [(d, r, sorted(s)) for d, (r, s) in sorted(per_doc.items())])
