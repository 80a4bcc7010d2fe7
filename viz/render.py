"""``render_html``: the store drawn as one self-contained HTML page that works offline.

Why our own template rather than pyvis's: pyvis 0.3.2 loads Bootstrap (and, unless told
otherwise, vis-network) from CDNs even in "in_line" mode, and offers no legend, side panel or
search.  pyvis still assembles the node and edge records and the options; this module puts
them, with the vis-network script that pyvis ships, into ``templates/network.html.j2``.

pyvis is imported here only, inside the function that needs it: it pulls in IPython,
which must not slow down every other command.  The page carries a Content-Security-Policy
that allows exactly its own scripts (by hash) and no network access at all.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import pyoxigraph as ox
from markupsafe import Markup, escape

from ofsted_kg.errors import OfstedKGError
from ofsted_kg.graph.store import open_store
from ofsted_kg.viz.dates import Span, window
from ofsted_kg.viz.filters import Selection, select
from ofsted_kg.viz.kinds import DEFAULT_KINDS, DEFAULT_MAX_NODES, KIND_BY_NAME, KINDS, parse_types
from ofsted_kg.viz.layout import compute_layout
from ofsted_kg.viz.network import read_network
from ofsted_kg.viz.page import PageData, page_data

VIS_VERSION = "9.1.2"


@dataclass(frozen=True)
class RenderReport:
    """What was drawn, what the filters matched, and what the size limit cut."""

    path: Path
    nodes: int
    edges: int
    nodes_by_kind: dict[str, int]
    matched_nodes: int
    matched_edges: int
    cut_by_kind: dict[str, int]
    cut_edges: int
    max_nodes: int
    summary: str
    layout: str
    kept: str
    page_bytes: int
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def cut_nodes(self) -> int:
        return sum(self.cut_by_kind.values())

    def lines(self) -> list[str]:
        """The report as the CLI prints it: one line per fact, the cut and how to narrow."""
        kinds = ", ".join(
            f"{n} {KIND_BY_NAME[k].label.lower()}" for k, n in self.nodes_by_kind.items()
        )
        out = [
            f"wrote {self.path} ({self.page_bytes / 1024:.0f} KB): {self.nodes} nodes, "
            f"{self.edges} edges; layout: {self.layout}",
            f"drawn: {kinds}",
        ]
        if self.cut_nodes:
            cut = ", ".join(
                f"{self.cut_by_kind[k.name]} {k.label.lower()}"
                for k in KINDS
                if self.cut_by_kind.get(k.name)
            )
            out.append(
                f"cut: the filters matched {self.matched_nodes} nodes, above --max-nodes "
                f"{self.max_nodes}; left out {self.cut_nodes} nodes ({cut}) and {self.cut_edges} "
                f"edges, keeping the {self.kept}"
            )
            out.append(
                "to narrow: --focus NAME --hops 1, --body BODY, --types person,org,inspection, "
                "--since/--until YYYY[-MM[-DD]]; or raise --max-nodes"
            )
        out += list(self.notes)
        return out


def render_html(
    store: ox.Store | Path | str,
    path: Path | str,
    *,
    focus: str | None = None,
    hops: int = 2,
    types: str | list[str] | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    body: str | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
    title: str | None = None,
) -> RenderReport:
    """Draw the store (an open pyoxigraph Store or a store directory) as an HTML page.

    Raises FilterError (one line) when a filter matches nothing or a name is unknown or
    ambiguous, StoreError when there is no store.
    """
    opened = store if isinstance(store, ox.Store) else open_store(store)
    kinds = parse_types(types)
    span = window(since, until)
    full = read_network(opened)
    selection = select(
        full, focus=focus, hops=hops, types=kinds, window=span, body=body, max_nodes=max_nodes
    )
    data = page_data(selection, full, compute_layout(selection.graph))
    heading = title or _title(selection)
    summary = _summary(selection, hops=hops, types=kinds, span=span, max_nodes=max_nodes)
    html = _html(data, selection, title=heading, summary=summary)
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise OfstedKGError(f"{target}: cannot write the page: {exc.strerror or exc}") from None
    graph = selection.graph
    counts = Counter(k for _, k in graph.nodes(data="kind"))
    return RenderReport(
        path=target,
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        nodes_by_kind={k.name: counts[k.name] for k in KINDS if counts[k.name]},
        matched_nodes=selection.matched_nodes,
        matched_edges=selection.matched_edges,
        cut_by_kind=dict(selection.cut_by_kind),
        cut_edges=selection.cut_edges,
        max_nodes=max_nodes,
        summary=summary,
        kept=(
            "nearest the focus"
            if selection.focus
            else "nearest the body"
            if selection.body
            else "most connected"
        ),
        layout=(
            "physics from pre-computed positions, stopped once stable"
            if data.physics
            else "pre-computed in Python, physics off"
        ),
        page_bytes=len(html.encode("utf-8")),
        notes=tuple(selection.notes),
    )


def _html(data: PageData, selection: Selection, *, title: str, summary: str) -> str:
    nodes, edges, options = _through_pyvis(data)
    payload = {
        "nodes": nodes,
        "edges": edges,
        "documents": data.documents,
        "legend": data.legend,
        "options": options,
        "physics": data.physics,
        "focus": selection.focus or selection.body,
        "counts": {"nodes": len(nodes), "edges": len(edges)},
    }
    vis_js = _vis_script()
    page_js = _asset("static/viz.js")
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: _asset(f"templates/{name}")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("network.html.j2").render(
        title=title,
        summary=summary,
        legend=data.legend,
        relations=data.relations,
        has_documents=any(n["kind"] == "document" for n in nodes),
        big=not data.physics,
        payload=payload,
        glyph=glyph,
        page_css=_asset("static/viz.css"),
        vis_js=vis_js,
        page_js=page_js,
        script_hashes=" ".join(_csp_hash(s) for s in (vis_js, page_js)),
    )


def _through_pyvis(data: PageData) -> tuple[list[dict[str, Any]], list[dict[str, Any]], Any]:
    """Node and edge records and options as pyvis assembles them (pyvis imported lazily)."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for node in data.nodes:
        net.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
    for edge in data.edges:
        net.add_edge(
            edge["from"], edge["to"], **{k: v for k, v in edge.items() if k not in {"from", "to"}}
        )
    net.options = data.options
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()
    return nodes, edges, data.options


def _vis_script() -> str:
    """The vis-network build that pyvis bundles, read from the installed pyvis package."""
    import pyvis

    lib = (
        Path(pyvis.__file__).parent
        / "templates"
        / "lib"
        / f"vis-{VIS_VERSION}"
        / "vis-network.min.js"
    )
    try:
        text = lib.read_text(encoding="utf-8")
    except OSError:
        raise OfstedKGError(f"{lib}: vis-network is missing from the installed pyvis") from None
    if "</script" in text.lower():
        raise OfstedKGError(f"{lib}: cannot be inlined (contains a closing script tag)")
    return text


def _asset(name: str) -> str:
    return resources.files("ofsted_kg.viz").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def glyph(shape: str, colour: str) -> Markup:
    """A 20×20 SVG mark for a vis-network shape, for the legend and the side panel."""
    fill = escape(colour)
    shapes = {
        "dot": '<circle cx="10" cy="10" r="7"',
        "square": '<rect x="3.5" y="3.5" width="13" height="13"',
        "diamond": '<polygon points="10,2 18,10 10,18 2,10"',
        "triangle": '<polygon points="10,2 18.5,17 1.5,17"',
        "triangleDown": '<polygon points="1.5,3 18.5,3 10,18"',
        "hexagon": '<polygon points="10,2 17,6 17,14 10,18 3,14 3,6"',
        "star": '<polygon points="10,1.5 12.4,7.2 18.5,7.6 13.8,11.6 15.3,17.6 10,14.3 '
        '4.7,17.6 6.2,11.6 1.5,7.6 7.6,7.2"',
    }
    return Markup(
        f'{shapes.get(shape, shapes["dot"])} fill="{fill}" stroke="#33415c" stroke-width="0.8"/>'
    )


def _title(selection: Selection) -> str:
    graph = selection.graph
    if selection.focus is not None:
        return f"Network around {graph.nodes[selection.focus]['label']}"
    if selection.body is not None:
        return f"Network of {graph.nodes[selection.body]['label']}"
    return "Network of children's services"


def _summary(
    selection: Selection, *, hops: int, types: frozenset[str], span: Span | None, max_nodes: int
) -> str:
    """The line under the title: counts, every filter in force, and the build date."""
    graph = selection.graph
    parts = [f"{graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges"]
    if selection.cut_nodes:
        parts[0] += (
            f" (the {max_nodes} nearest or most connected of {selection.matched_nodes} that "
            f"match; {selection.cut_nodes} cut)"
        )
    if selection.focus is not None:
        label = graph.nodes[selection.focus]["label"]
        parts.append(f"within {hops} hop{'s' if hops != 1 else ''} of {label}")
    if selection.body is not None:
        parts.append(f"around {graph.nodes[selection.body]['label']}")
    if types == DEFAULT_KINDS:
        parts.append("all kinds (documents in the side panel)")
    elif types == frozenset(KIND_BY_NAME):
        parts.append("all kinds, documents drawn")
    else:
        parts.append("kinds: " + ", ".join(k.label.lower() for k in KINDS if k.name in types))
    if span is not None:
        lo = "" if span[0] == date.min else span[0].isoformat()
        hi = "" if span[1] == date.max else span[1].isoformat()
        parts.append(f"dated {lo or '…'} to {hi or '…'}")
    built = graph.graph.get("build_date")
    parts.append(f"graph built {built[:10]}" if built else "build date unknown")
    return " · ".join(parts)
