"""Choose what to draw: a date window, a focus or a body, node types, and a size limit.

Why filters walk a view without documents: nearly every document mentions the big bodies,
so a walk through documents would reach everything in two steps.  Walks follow only the
facts (roles, inspections, findings, cases, links between bodies); documents are added
back afterwards, as leaves of what was chosen, when ``document`` is among the types.

Order matters and is fixed: the date window first (so a walk never passes through things
outside it), then the focus or body neighbourhood, then the types (the focus and the body
are always kept), then the size limit, which keeps the nodes nearest the focus or body,
else the most connected ones, and says what it cut.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import networkx as nx

from ofsted_kg.errors import FilterError, StoreError
from ofsted_kg.loaders.normalise import fold
from ofsted_kg.ontology import ID
from ofsted_kg.viz.dates import Span, describe, overlaps
from ofsted_kg.viz.kinds import (
    DATED_KINDS,
    DEFAULT_KINDS,
    DEFAULT_MAX_NODES,
    KIND_BY_NAME,
    ORG_KINDS,
)

EXPANDING_KINDS = frozenset({"inspection", "case"})


@dataclass
class Selection:
    """What will be drawn, and what the filters and the size limit took away."""

    graph: nx.MultiDiGraph
    matched_nodes: int
    matched_edges: int
    cut_by_kind: dict[str, int] = field(default_factory=dict)
    cut_edges: int = 0
    focus: str | None = None
    body: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def cut_nodes(self) -> int:
        return sum(self.cut_by_kind.values())


def select(
    graph: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    hops: int = 2,
    types: frozenset[str] = DEFAULT_KINDS,
    window: Span | None = None,
    body: str | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Selection:
    """Apply the filters to the full view ``graph`` (from ``read_network``)."""
    if hops < 0:
        raise FilterError(f"--hops {hops}: must be 0 or more")
    if max_nodes < 1:
        raise FilterError(f"--max-nodes {max_nodes}: must be at least 1")
    if not any(d["kind"] != "document" for _, d in graph.nodes(data=True)):
        raise StoreError("the store holds no people, bodies, inspections or cases to draw")
    names = NameIndex(graph)
    focus_id = names.find(focus, option="--focus") if focus else None
    body_id = names.find(body, option="--body", kinds=ORG_KINDS) if body else None
    notes: list[str] = []

    view = graph
    if window is not None:
        view, undated = _within(graph, window)
        if not any(d["kind"] != "document" for _, d in view.nodes(data=True)):
            raise FilterError(
                f"--since/--until {describe(window)}: nothing in the graph is dated in this window"
            )
        if undated:
            notes.append(f"{undated} undated inspections, findings or cases left out by the dates")
        for anchor, option in ((focus_id, "--focus"), (body_id, "--body")):
            if anchor is not None and anchor not in view:
                view.add_node(anchor, **graph.nodes[anchor])
                notes.append(
                    f"{option} {graph.nodes[anchor]['label']}: nothing of it is dated in the window"
                )

    facts = _structural(view)
    distance: dict[str, int] | None = None
    if focus_id is not None:
        distance = _walk(view, facts, focus_id, hops)
    elif body_id is not None:
        distance = _around_body(facts, body_id, view)
    keep = set(distance) if distance is not None else set(facts)

    anchors = {n for n in (focus_id, body_id) if n is not None}
    around = _where(view, focus_id, body_id, hops)
    if not keep - anchors and anchors:
        notes.append(f"nothing is connected{around}")
    chosen = {n for n in keep if view.nodes[n]["kind"] in types}
    if keep - anchors and not chosen - anchors:
        raise FilterError(f"--types {','.join(sorted(types))}: no node of these types{around}")
    keep = chosen | anchors
    if "document" in types:
        keep |= {d for n in list(keep) for d in _documents_of(view, n)}

    matched = view.subgraph(keep)
    matched_nodes, matched_edges = matched.number_of_nodes(), matched.number_of_edges()
    cut_by_kind: dict[str, int] = {}
    if matched_nodes > max_nodes:
        ranked = sorted(keep, key=_rank_key(matched, distance))
        kept = set(ranked[:max_nodes]) | anchors
        cut_by_kind = dict(Counter(view.nodes[n]["kind"] for n in keep - kept))
        keep = kept
    drawn = nx.MultiDiGraph(view.subgraph(keep))
    drawn.graph.update(graph.graph)
    return Selection(
        graph=drawn,
        matched_nodes=matched_nodes,
        matched_edges=matched_edges,
        cut_by_kind=cut_by_kind,
        cut_edges=matched_edges - drawn.number_of_edges(),
        focus=focus_id,
        body=body_id,
        notes=notes,
    )


class NameIndex:
    """Names → nodes, matched as the loaders match names (case, accents, quotes folded)."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.index: dict[str, set[str]] = defaultdict(set)
        for node, data in graph.nodes(data=True):
            for name in data["names"]:
                self.index[fold(name)].add(node)

    def find(self, name: str, *, option: str, kinds: Iterable[str] | None = None) -> str:
        """The one node called ``name`` (or with that IRI); FilterError naming the problem."""
        text = name.strip()
        for iri in (text, f"{ID}{text}"):
            if iri in self.graph:
                return self._check_kind(iri, text, option, kinds)
        found = sorted(self.index.get(fold(text), ()))
        if kinds is not None:
            allowed = set(kinds)
            of_kind = [n for n in found if self.graph.nodes[n]["kind"] in allowed]
            if found and not of_kind:
                return self._check_kind(found[0], text, option, kinds)
            found = of_kind
        if len(found) == 1:
            return found[0]
        if not found:
            close = difflib.get_close_matches(fold(text), list(self.index), n=3, cutoff=0.75)
            hint = [self.graph.nodes[min(self.index[c])]["label"] for c in close]
            also = f" (did you mean: {'; '.join(hint)}?)" if hint else ""
            raise FilterError(f"{option} {text!r}: no entity has this name{also}")
        listed = "; ".join(self._describe(n) for n in found[:10])
        more = f" and {len(found) - 10} more" if len(found) > 10 else ""
        raise FilterError(
            f"{option} {text!r} names {len(found)} entities: {listed}{more} — pass the IRI of one"
        )

    def _check_kind(self, node: str, text: str, option: str, kinds: Iterable[str] | None) -> str:
        kind = self.graph.nodes[node]["kind"]
        if kinds is not None and kind not in set(kinds):
            raise FilterError(
                f"{option} {text!r} is a {KIND_BY_NAME[kind].label.lower()}, not an organisation"
            )
        return node

    def _describe(self, node: str) -> str:
        data = self.graph.nodes[node]
        extra = next((v for k, v in data["facts"] if k == "Role"), None)
        where = f", {extra}" if extra else ""
        return f"{data['label']} ({KIND_BY_NAME[data['kind']].label.lower()}{where}) <{node}>"


def _within(graph: nx.MultiDiGraph, win: Span) -> tuple[nx.MultiDiGraph, int]:
    """Dated things outside the window removed; people and bodies kept if something dated
    in the window still touches them."""
    view = nx.MultiDiGraph(graph)
    undated = 0
    for node, data in graph.nodes(data=True):
        if data["kind"] in DATED_KINDS:
            if data["span"] is None:
                undated += data["kind"] != "document"
                view.remove_node(node)
            elif not overlaps(data["span"], win):
                view.remove_node(node)
    gone = [
        (u, v, k)
        for u, v, k, s in view.edges(keys=True, data="span")
        if s is not None and not overlaps(s, win)
    ]
    view.remove_edges_from(gone)
    for node, data in list(view.nodes(data=True)):
        if data["kind"] in DATED_KINDS:
            continue
        touching = [*view.out_edges(node, data=True), *view.in_edges(node, data=True)]
        if not any(d["structural"] and d["span"] is not None for _, _, d in touching):
            view.remove_node(node)
    return view, undated


def _structural(view: nx.MultiDiGraph) -> nx.Graph:
    """The undirected graph of facts: every node but documents, every edge but mentions."""
    facts = nx.Graph()
    facts.add_nodes_from(n for n, k in view.nodes(data="kind") if k != "document")
    facts.add_edges_from((u, v) for u, v, s in view.edges(data="structural") if s)
    return facts


def _walk(view: nx.MultiDiGraph, facts: nx.Graph, start: str, hops: int) -> dict[str, int]:
    """Hop distances from ``start``; a document reaches what it mentions in one hop."""
    if view.nodes[start]["kind"] != "document":
        return dict(nx.single_source_shortest_path_length(facts, start, cutoff=hops))
    seeds = [u for u, _ in view.in_edges(start) if u in facts] if hops else []
    distance = {start: 0}
    if seeds:
        reach = nx.multi_source_dijkstra_path_length(facts, seeds, cutoff=hops - 1)
        distance.update({n: d + 1 for n, d in reach.items()})
    return distance


def _around_body(facts: nx.Graph, body: str, view: nx.MultiDiGraph) -> dict[str, int]:
    """The body and the bodies tied to it, their people, inspections and cases, and what
    those inspections and cases involve (findings, inspectors, children, other bodies)."""
    distance = {body: 0}
    for n in facts[body]:
        if view.nodes[n]["kind"] in ORG_KINDS:
            distance[n] = 0
    queue = deque(n for n, d in distance.items() if d == 0)
    while queue:
        n = queue.popleft()
        for m in facts[n]:
            if m in distance:
                continue
            distance[m] = distance[n] + 1
            if distance[m] == 1 and view.nodes[m]["kind"] in EXPANDING_KINDS:
                queue.append(m)
    return distance


def _documents_of(view: nx.MultiDiGraph, node: str) -> list[str]:
    return [d for _, d, s in view.out_edges(node, data="structural") if not s]


def _where(view: nx.MultiDiGraph, focus: str | None, body: str | None, hops: int) -> str:
    if focus is not None:
        return f" within {hops} hops of {view.nodes[focus]['label']}"
    if body is not None:
        return f" around {view.nodes[body]['label']}"
    return ""


def _rank_key(
    graph: nx.MultiDiGraph, distance: dict[str, int] | None
) -> Callable[[str], tuple[int, int, str]]:
    """Nearest to the focus or body first, then most connected, then by IRI (stable)."""
    degree = dict(graph.degree())

    def key(node: str) -> tuple[int, int, str]:
        near = distance.get(node, 1 << 30) if distance is not None else 0
        return near, -degree[node], node

    return key
