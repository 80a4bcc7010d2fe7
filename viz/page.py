"""Turn a selection into what the page shows: vis-network nodes and edges, tooltips, the
side-panel data, the legend and the vis options.

Why plain data: everything here becomes JSON inside the page and is read by the page's own
script with ``textContent`` and vis-network's ``innerText`` tooltips, so no string from a
document is ever parsed as HTML.  Keeping it free of pyvis and Jinja makes it testable on
its own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ofsted_kg.viz.filters import Selection
from ofsted_kg.viz.kinds import KIND_BY_NAME, KINDS
from ofsted_kg.viz.layout import Positions

PHYSICS_LIMIT = 300
TOOLTIP_QUOTE = 280


@dataclass
class PageData:
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    documents: dict[str, dict[str, Any]]
    legend: list[dict[str, Any]]
    relations: list[tuple[str, int]]
    physics: bool
    options: dict[str, Any]


def page_data(selection: Selection, full: nx.MultiDiGraph, positions: Positions) -> PageData:
    """Everything the page needs about the drawn graph, as JSON-ready values."""
    graph = selection.graph
    docs = _documents(graph, full)
    degree = dict(graph.degree())
    nodes = []
    for node, data in sorted(graph.nodes(data=True)):
        kind = KIND_BY_NAME[data["kind"]]
        x, y = positions[node]
        nodes.append(
            {
                "id": node,
                "label": data["label"],
                "title": tooltip(data, docs),
                "shape": kind.shape,
                "color": kind.colour,
                "value": degree[node] + 1,
                "x": x,
                "y": y,
                "kind": kind.name,
                "name": data.get("title") or data["label"].replace("\n", " · "),
                "facts": [list(f) for f in data["facts"]],
                "quotes": [list(q) for q in data["quotes"]],
                "docs": sorted(d for d in data["docs"] if d in docs),
                "names": list(data["names"]),
                "url": data.get("url"),
            }
        )
        if degree[node] == 0:
            nodes[-1]["physics"] = False  # the page lines up the unconnected below the rest
    edges = []
    relations: Counter[str] = Counter()
    for i, (u, v, data) in enumerate(sorted(graph.edges(data=True), key=_edge_order)):
        relations[data["label"]] += 1
        edge: dict[str, Any] = {
            "id": f"e{i}",
            "from": u,
            "to": v,
            "label": data["label"],
            "title": _edge_tooltip(graph, u, v, data, docs),
            "quotes": [list(q) for q in data["quotes"]],
        }
        if not data["structural"]:
            edge["dashes"] = True
        edges.append(edge)
    kinds = Counter(k for _, k in graph.nodes(data="kind"))
    legend = [
        {
            "name": k.name,
            "label": k.label,
            "colour": k.colour,
            "shape": k.shape,
            "count": kinds[k.name],
        }
        for k in KINDS
        if kinds[k.name]
    ]
    physics = graph.number_of_nodes() <= PHYSICS_LIMIT
    return PageData(
        nodes=nodes,
        edges=edges,
        documents=docs,
        legend=legend,
        relations=sorted(relations.items(), key=lambda r: (-r[1], r[0])),
        physics=physics,
        options=vis_options(physics=physics, big=graph.number_of_nodes() > 1000),
    )


def tooltip(data: dict[str, Any], docs: dict[str, dict[str, Any]]) -> str:
    """Plain text (vis-network shows it with innerText): name, kind, key facts, a quote."""
    lines = [data.get("title") or data["label"].replace("\n", " · ")]
    facts = [f"{k}: {v}" if k != "Kind" else v for k, v in data["facts"][:4]]
    lines += [_clip(f, 140) for f in facts]
    if data["quotes"]:
        text, doc = data["quotes"][0]
        source = docs.get(doc, {}).get("title", "")
        lines.append(
            f"“{_clip(text, TOOLTIP_QUOTE)}”" + (f" — {_clip(source, 80)}" if source else "")
        )
    n_docs = len(data["docs"])
    if n_docs:
        lines.append(
            f"mentioned in {n_docs} document{'s' if n_docs > 1 else ''} · click for details"
        )
    return "\n".join(lines)


def vis_options(*, physics: bool, big: bool) -> dict[str, Any]:
    """vis-network options: labels that shrink away when zoomed out, arrows, and physics
    only for small graphs, stopped by the page once stabilised."""
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "nodes": {
            "borderWidth": 1,
            "font": {
                "size": 14,
                "face": "system-ui, sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "scaling": {
                "min": 8,
                "max": 36,
                "label": {"enabled": True, "min": 14, "max": 26, "drawThreshold": 5},
            },
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "color": {
                "color": "rgba(130, 140, 150, 0.35)" if big else "#9aa3ad",
                "highlight": "#1f2933",
                "hover": "#1f2933",
                "inherit": False,
            },
            "font": {"size": 13, "align": "horizontal", "color": "#3e4c59", "strokeWidth": 4},
            "smooth": {"enabled": physics, "type": "continuous", "roundness": 0.3},
            "width": 1,
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "multiselect": False,
            "navigationButtons": False,
        },
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -5000,
                "centralGravity": 0.5,
                "springLength": 120,
                "avoidOverlap": 0.4,
            },
            "stabilization": {
                "enabled": physics,
                "iterations": 300,
                "updateInterval": 25,
                "fit": True,
            },
        },
    }


def _documents(graph: nx.MultiDiGraph, full: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """The documents any drawn node or edge refers to, whether or not they are drawn."""
    wanted: set[str] = set()
    for _, data in graph.nodes(data=True):
        wanted |= data["docs"]
        wanted |= {doc for _, doc in data["quotes"]}
    for _, _, data in graph.edges(data=True):
        wanted |= {doc for _, doc in data["quotes"]}
    out = {}
    for doc in sorted(wanted):
        if doc not in full:
            continue
        data = full.nodes[doc]
        facts = dict(data["facts"])
        out[doc] = {
            "title": data.get("title") or data["label"],
            "date": facts.get("Date", ""),
            "kind": facts.get("Kind", "document"),
            "file": facts.get("Source file", ""),
            "url": data.get("url"),
            "drawn": doc in graph,
        }
    return out


def _edge_tooltip(
    graph: nx.MultiDiGraph, u: str, v: str, data: dict[str, Any], docs: dict[str, dict[str, Any]]
) -> str:
    source = graph.nodes[u]["label"].replace("\n", " · ")
    target = graph.nodes[v]["label"].replace("\n", " · ")
    lines = [f"{source} — {data['label']} → {target}"]
    if data["quotes"]:
        text, doc = data["quotes"][0]
        title = docs.get(doc, {}).get("title", "")
        lines.append(
            f"“{_clip(text, TOOLTIP_QUOTE)}”" + (f" — {_clip(title, 80)}" if title else "")
        )
    return "\n".join(lines)


def _edge_order(edge: tuple[str, str, dict[str, Any]]) -> tuple[str, str, str]:
    u, v, data = edge
    return (u, v, data["label"])


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
