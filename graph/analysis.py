"""The graph as a network of entities: shortest chains, the most connected, neighbourhoods, GraphML.

Why a projection: in RDF a role is a node of its own (an ``org:Membership``) and evidence
hangs off annotations, so "who is linked to whom" is two or three hops of plumbing.
Network questions — how is this person connected to that body, who sits at the centre —
want one node per thing and one edge per relation, so the store is projected once into a
networkx ``MultiGraph``:

    nodes  people, organisations, inspections, findings, cases, events, statements
    edges  person —role→ body (a membership, labelled with the role as written)
           inspection —inspected→ body, —inspected by→ inspector, —carried out by→ inspectorate
           inspection —found→ finding
           person —child in / involved in→ case;  case —related to→ body
           person|body —involved in→ event
           person —said→ statement;  statement —about→ anything
           body —part of / delivers services for→ body

Each edge keeps the fact it comes from, the words that state it (``evidence``) and the
document (``document``, ``document_title``), so every step of a chain can be checked.  The
graph is undirected for path finding; ``from_node``/``to_node`` keep the reading direction.

Names are not resolved here (that is the query layer's job, ``queries.resolve_names``):
the functions take node IRIs.
"""

from __future__ import annotations

import itertools
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from ofsted_kg.errors import FilterError, ParameterError
from ofsted_kg.graph.sparql import select

KINDS = ("person", "org", "inspection", "finding", "case", "event", "statement")
MEASURES = ("degree", "betweenness")
MAX_HOPS = 6
MAX_PATHS_CONSIDERED = 1000
LABEL_WIDTH = 70  # statements and findings are labelled by their (shortened) words
BETWEENNESS_SAMPLE = 500  # above this many nodes, betweenness is estimated from a sample


_NODES = """SELECT DISTINCT ?node ?kind ?label WHERE {
  VALUES (?class ?kind) {
    (foaf:Person "person") (org:Organization "org") (okg:Inspection "inspection")
    (okg:Finding "finding") (okg:Case "case") (okg:Event "event") (okg:Statement "statement")
  }
  ?node a ?class .
  OPTIONAL { ?node skos:prefLabel ?pref }
  OPTIONAL { ?node foaf:name ?name }
  OPTIONAL { ?node rdfs:label ?own }
  OPTIONAL {
    ?node okg:inspectedBody/skos:prefLabel ?body .
    OPTIONAL { ?node okg:inspectionType/skos:prefLabel ?type }
    OPTIONAL { ?node schema:startDate ?start }
  }
  OPTIONAL { ?node okg:child/foaf:name ?child }
  OPTIONAL { ?node okg:quote ?quote OPTIONAL { ?node okg:speaker/foaf:name ?speaker } }
  OPTIONAL {
    ?node okg:eventType/skos:prefLabel ?eventType
    OPTIONAL { ?node schema:startDate ?when }
  }
  BIND(COALESCE(
    STR(?pref), STR(?name), STR(?own),
    CONCAT(COALESCE(STR(?type), "inspection"), " of ", STR(?body),
           COALESCE(CONCAT(", ", STR(?start)), "")),
    CONCAT("case of ", STR(?child)),
    CONCAT(COALESCE(CONCAT(STR(?speaker), ": "), ""), "“", STR(?quote), "”"),
    CONCAT(STR(?eventType), COALESCE(CONCAT(", ", STR(?when)), "")),
    STR(?node)) AS ?label)
}"""

# Each relation of the projection: its reading, and the pattern binding ?from ?to and ?fact,
# the node whose annotations are the evidence for the edge.
EDGE_RULES: tuple[tuple[str | None, str], ...] = (
    (
        None,
        "?fact a org:Membership ; org:member ?from ; org:organization ?to ."
        " OPTIONAL { ?fact org:role/rdfs:label ?role }"
        ' BIND(COALESCE(STR(?role), "member of") AS ?relation)',
    ),
    ("inspected", "?fact a okg:Inspection ; okg:inspectedBody ?to . BIND(?fact AS ?from)"),
    ("inspected by", "?fact a okg:Inspection ; okg:inspector ?to . BIND(?fact AS ?from)"),
    (
        "carried out by",
        "?fact a okg:Inspection ; prov:wasAssociatedWith ?to . BIND(?fact AS ?from)",
    ),
    ("found", "?fact a okg:Finding ; okg:fromInspection ?from . BIND(?fact AS ?to)"),
    ("child in", "?fact a okg:Case ; okg:child ?from . BIND(?fact AS ?to)"),
    (
        "involved in",
        "?fact a okg:Case ; okg:involves|okg:involvement/okg:person ?from . BIND(?fact AS ?to)",
    ),
    ("related to", "?fact a okg:Case ; okg:relatedBody ?to . BIND(?fact AS ?from)"),
    ("involved in", "?fact a okg:Event ; okg:involves ?from . BIND(?fact AS ?to)"),
    ("said", "?fact a okg:Statement ; okg:speaker ?from . BIND(?fact AS ?to)"),
    ("about", "?fact a okg:Statement ; okg:about ?to . BIND(?fact AS ?from)"),
    ("part of", "?from org:subOrganizationOf ?to . BIND(?from AS ?fact)"),
    ("delivers services for", "?from okg:deliversServicesFor ?to . BIND(?from AS ?fact)"),
)


def _edge_branch(relation: str | None, pattern: str) -> str:
    named = "" if relation is None else f" BIND({json.dumps(relation)} AS ?relation)"
    return f"{{ {pattern}{named} }}"


_EDGES = (
    "SELECT DISTINCT ?from ?relation ?to ?fact WHERE {\n  "
    + "\n  UNION ".join(_edge_branch(relation, pattern) for relation, pattern in EDGE_RULES)
    + "\n  FILTER(isIRI(?from) && isIRI(?to) && ?from != ?to)\n}"
)

# The first annotation of each fact (by IRI, so the choice is stable) and its document.
_EVIDENCE = """SELECT ?fact ?quote ?document ?title WHERE {
  { SELECT ?fact (MIN(STR(?annotation)) AS ?first)
    WHERE { ?annotation oa:hasBody ?fact } GROUP BY ?fact }
  ?chosen oa:hasBody ?fact ; oa:hasTarget ?target .
  FILTER(STR(?chosen) = ?first)
  ?target oa:hasSource ?document ; oa:hasSelector/oa:exact ?quote .
  OPTIONAL { ?document dcterms:title ?title }
}"""
_SOURCES = """SELECT ?node (MIN(STR(?doc)) AS ?first)
WHERE { ?node prov:wasDerivedFrom ?doc } GROUP BY ?node"""


@dataclass(frozen=True)
class Step:
    """One link of a chain, read from ``source`` to ``target``."""

    source: str
    source_label: str
    relation: str
    target: str
    target_label: str
    forward: bool
    evidence: str
    document: str
    document_title: str

    def describe(self) -> str:
        """``A —role→ B`` when the relation reads from A, ``A ←relation— B`` when it reads back."""
        if self.forward:
            return f"{self.source_label} —{self.relation}→ {self.target_label}"
        return f"{self.source_label} ←{self.relation}— {self.target_label}"


@dataclass(frozen=True)
class Chain:
    steps: tuple[Step, ...]

    def __len__(self) -> int:
        return len(self.steps)


@dataclass(frozen=True)
class Ranked:
    node: str
    label: str
    kind: str
    score: float
    degree: int


@dataclass(frozen=True)
class Neighbour:
    node: str
    label: str
    kind: str
    hops: int
    via: str
    via_label: str
    relation: str


def project(store: ox.Store) -> nx.MultiGraph:
    """The store's entities and the relations between them, each edge with its evidence."""
    graph = nx.MultiGraph()
    for row in sorted(select(store, _NODES), key=lambda r: (r["node"], r["kind"])):
        if row["node"] not in graph:
            label = _squeeze(row["label"])
            if row["kind"] in ("statement", "finding"):  # their label is a whole quotation
                label = _shorten(label)
            graph.add_node(row["node"], label=label, kind=row["kind"])
    evidence = {row["fact"]: row for row in select(store, _EVIDENCE)}
    sources = _first_sources(store)
    edges = sorted(select(store, _EDGES), key=lambda r: (r["from"], r["to"], r["relation"]))
    for row in edges:
        source, target = row["from"], row["to"]
        if source not in graph or target not in graph:
            continue
        found = evidence.get(row["fact"], {})
        document = found.get("document") or sources.get(row["fact"], "")
        graph.add_edge(
            source,
            target,
            key=f"{row['relation']}|{row['fact']}",
            relation=_squeeze(row["relation"]),
            from_node=source,
            to_node=target,
            fact=row["fact"],
            evidence=_squeeze(found.get("quote", "")),
            document=document,
            document_title=_squeeze(found.get("title", "")),
        )
    # Reference bodies (the gazetteer lists every council) that no document mentions and
    # nothing links to are not part of the story: leave them out of paths and rankings.
    graph.remove_nodes_from(
        [node for node, degree in graph.degree() if degree == 0 and node not in sources]
    )
    return graph


def path(source: ox.Store | nx.MultiGraph, a: str, b: str, *, max_paths: int = 3) -> list[Chain]:
    """The shortest chains linking node ``a`` to node ``b`` (at most ``max_paths``), or []."""
    if max_paths < 1:
        raise ParameterError(f"--max must be at least 1, not {max_paths}")
    graph = _graph(source)
    _require(graph, a)
    _require(graph, b)
    if a == b:
        raise ParameterError("the two ends of a path must be different")
    try:
        found = list(itertools.islice(nx.all_shortest_paths(graph, a, b), MAX_PATHS_CONSIDERED))
    except nx.NetworkXNoPath:
        return []
    labelled = sorted({tuple(p) for p in found}, key=lambda p: [_label(graph, n) for n in p])
    return [_chain(graph, nodes) for nodes in labelled[:max_paths]]


def central(
    source: ox.Store | nx.MultiGraph,
    *,
    kind: str | None = None,
    top: int = 10,
    measure: str = "degree",
) -> list[Ranked]:
    """The ``top`` most connected entities (of one kind) by degree or betweenness centrality."""
    if kind is not None and kind not in KINDS:
        raise ParameterError(f"--type must be one of {', '.join(KINDS)}, not {kind!r}")
    if measure not in MEASURES:
        raise ParameterError(f"--measure must be degree or betweenness, not {measure!r}")
    if top < 1:
        raise ParameterError(f"--top must be at least 1, not {top}")
    graph = _graph(source)
    simple = nx.Graph(graph)
    if measure == "degree":
        scores = nx.degree_centrality(simple)
    else:
        sample = BETWEENNESS_SAMPLE if len(simple) > BETWEENNESS_SAMPLE else None
        scores = nx.betweenness_centrality(simple, k=sample, seed=0 if sample else None)
    ranked = [
        Ranked(node, _label(graph, node), graph.nodes[node]["kind"], score, simple.degree(node))
        for node, score in scores.items()
        if kind is None or graph.nodes[node]["kind"] == kind
    ]
    ranked.sort(key=lambda r: (-r.score, -r.degree, r.label, r.node))
    return ranked[:top]


def neighbours(source: ox.Store | nx.MultiGraph, node: str, *, hops: int = 1) -> list[Neighbour]:
    """Everything within ``hops`` links of ``node``, nearest first, and the link reaching it."""
    if not 1 <= hops <= MAX_HOPS:
        raise ParameterError(f"--hops must be between 1 and {MAX_HOPS}, not {hops}")
    graph = _graph(source)
    _require(graph, node)
    simple = nx.Graph(graph)
    routes = nx.single_source_shortest_path(simple, node, cutoff=hops)
    found = []
    for other, route in routes.items():
        if other == node:
            continue
        previous = route[-2]
        step = _step(graph, previous, other)
        found.append(
            Neighbour(
                node=other,
                label=_label(graph, other),
                kind=graph.nodes[other]["kind"],
                hops=len(route) - 1,
                via=previous,
                via_label=_label(graph, previous),
                relation=step.relation,
            )
        )
    found.sort(key=lambda n: (n.hops, KINDS.index(n.kind), n.label, n.node))
    return found


def to_graphml(source: ox.Store | nx.MultiGraph, target: Path | str) -> tuple[int, int]:
    """Write the projection as GraphML (for Gephi); returns (nodes, edges).  Written atomically."""
    graph = _graph(source)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        nx.write_graphml(graph, temporary, encoding="utf-8", prettyprint=True)
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return graph.number_of_nodes(), graph.number_of_edges()


# --- helpers -------------------------------------------------------------------------------


def _graph(source: ox.Store | nx.MultiGraph) -> nx.MultiGraph:
    return source if isinstance(source, nx.MultiGraph) else project(source)


def _require(graph: nx.MultiGraph, node: str) -> None:
    if node not in graph:
        raise FilterError(f"{node} is not a person, body, inspection, case or event in the graph")


def _label(graph: nx.MultiGraph, node: str) -> str:
    return str(graph.nodes[node].get("label") or node)


def _chain(graph: nx.MultiGraph, nodes: Iterable[str]) -> Chain:
    nodes = list(nodes)
    return Chain(tuple(_step(graph, u, v) for u, v in itertools.pairwise(nodes)))


def _step(graph: nx.MultiGraph, u: str, v: str) -> Step:
    """The link from u to v; of parallel links, one with evidence first, then by relation."""
    edges = graph.get_edge_data(u, v) or {}
    _, data = min(
        edges.items(), key=lambda item: (not item[1]["evidence"], item[1]["relation"], item[0])
    )
    return Step(
        source=u,
        source_label=_label(graph, u),
        relation=data["relation"],
        target=v,
        target_label=_label(graph, v),
        forward=data["from_node"] == u,
        evidence=data["evidence"],
        document=data["document"],
        document_title=data["document_title"],
    )


def _first_sources(store: ox.Store) -> dict[str, str]:
    """A document for each node, for edges whose fact carries no annotation of its own."""
    rows = select(store, _SOURCES)
    return {row["node"]: row["first"] for row in rows if "first" in row}


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str, width: int = LABEL_WIDTH) -> str:
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return f"{cut}…" + ("”" if text.endswith("”") else "")
