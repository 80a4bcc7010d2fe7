"""The network page without a browser: reading the store, filters, names, layout, the page's
data and escaping, the report and the ``viz`` command.

Most tests use tests/fixtures/viz/sample.ttl (a small fictional graph in the store's shape,
with the real ontology loaded beside it); the corpus tests use the session store built from
corpus/; scale tests use synthetic graphs from ``ofsted_kg.viz.synthetic``.
"""

from __future__ import annotations

import html.parser
import json
import math
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest
import typer
from typer.testing import CliRunner

import ofsted_kg.viz
from ofsted_kg.cli_viz import register
from ofsted_kg.errors import FilterError
from ofsted_kg.graph.store import BUILD_GRAPH, ONTOLOGY_GRAPH, fresh_store, open_store
from ofsted_kg.ontology import ID, PREFIXES, asset_path
from ofsted_kg.viz import render_html
from ofsted_kg.viz.dates import date_range, window
from ofsted_kg.viz.filters import select
from ofsted_kg.viz.kinds import DEFAULT_KINDS, ORG_KINDS, parse_types
from ofsted_kg.viz.layout import SPACING, compute_layout
from ofsted_kg.viz.network import read_network
from ofsted_kg.viz.synthetic import fill_synthetic, kind_counts

FIXTURES = Path(__file__).parent / "fixtures" / "viz"
XSS_SCRIPT = "<script>window.__pwned=1</script>"
XSS_IMG = '<img src=x onerror="window.__pwned=1">'


def load_sample(store: ox.Store) -> None:
    """The fixture as a build would lay it out: ontology, one document graph, build graph."""
    for name in ("vocabulary.ttl", "schemes.ttl"):
        store.load(path=str(asset_path(name)), to_graph=ONTOLOGY_GRAPH)
    store.load(path=str(FIXTURES / "sample.ttl"), to_graph=ox.NamedNode(f"{ID}doc/sample"))
    store.load(path=str(FIXTURES / "build.ttl"), to_graph=BUILD_GRAPH)


def ask(store: ox.Store, query: str) -> list[list[str]]:
    rows = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    assert isinstance(rows, ox.QuerySolutions)
    return [[term.value for term in row] for row in rows]


def payload(page: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="okg-data">(.*?)</script>', page, re.S)
    assert match, "the page has no data block"
    data: dict[str, Any] = json.loads(match[1])
    return data


def iri(local: str) -> str:
    return f"{ID}{local}"


@pytest.fixture
def sample() -> ox.Store:
    store = ox.Store()
    load_sample(store)
    return store


@pytest.fixture
def sample_path(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with fresh_store(path) as store:
        load_sample(store)
    return path


@pytest.fixture
def full(sample: ox.Store) -> nx.MultiDiGraph:
    return read_network(sample)


# ---------------------------------------------------------------- the package
def test_public_api_is_pinned() -> None:
    assert ofsted_kg.viz.__all__ == ["DEFAULT_MAX_NODES", "KINDS", "RenderReport", "render_html"]


def test_importing_viz_and_its_command_stays_light() -> None:
    """The CLI imports the command on every start: no pyvis (IPython), networkx or numpy."""
    code = (
        "import sys, ofsted_kg.viz, ofsted_kg.cli_viz; "
        "print(sorted(m for m in ('pyvis', 'IPython', 'networkx', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    done = "import ofsted_kg.viz as v; v.render_html; import sys; print('networkx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", done], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


# ---------------------------------------------------------------- reading the store
def test_every_person_and_every_mentioned_body_becomes_a_node(
    sample: ox.Store, full: nx.MultiDiGraph
) -> None:
    people = {r[0] for r in ask(sample, "SELECT ?p WHERE { ?p a foaf:Person }")}
    mentioned = {
        r[0]
        for r in ask(sample, "SELECT ?o WHERE { ?o a org:Organization ; prov:wasDerivedFrom ?d }")
    }
    unmentioned = {
        r[0]
        for r in ask(
            sample,
            "SELECT ?o WHERE { ?o a org:Organization "
            "FILTER NOT EXISTS { ?o prov:wasDerivedFrom ?d } }",
        )
    }
    assert unmentioned, "the fixture must hold a body that only the gazetteer knows"
    assert {n for n, k in full.nodes(data="kind") if k == "person"} == people
    assert {n for n, k in full.nodes(data="kind") if k in ORG_KINDS} == mentioned
    assert not unmentioned & set(full)


def test_a_membership_is_one_edge_labelled_with_the_roles_preferred_label(
    sample: ox.Store, full: nx.MultiDiGraph
) -> None:
    [[pref]] = ask(sample, "SELECT ?l WHERE { okg:DirectorOfChildrensServices skos:prefLabel ?l }")
    alice, council = iri("person/alice-example"), iri("org/northshire-county-council")
    assert list(full[alice][council]) == [pref]
    edge = full.edges[alice, council, pref]
    [[quote]] = ask(
        sample,
        f"SELECT ?q WHERE {{ ?a oa:hasBody <{iri('membership/alice-ncc')}> ; "
        "oa:hasTarget/oa:hasSelector/oa:exact ?q }",
    )
    assert edge["quotes"][0][0] == quote
    assert any(k == "Role" and pref in v for k, v in full.nodes[alice]["facts"])


def test_grades_judgements_and_dates_are_facts_of_their_inspection(
    sample: ox.Store, full: nx.MultiDiGraph
) -> None:
    [[good]] = ask(sample, "SELECT ?l WHERE { okg:Good skos:prefLabel ?l }")
    [[area]] = ask(sample, "SELECT ?l WHERE { okg:HelpAndProtection skos:prefLabel ?l }")
    facts = dict(full.nodes[iri("inspection/ncc-2023")]["facts"])
    assert facts["Overall grade"] == good
    assert f"{area}: {good}" in [v for k, v in full.nodes[iri("inspection/ncc-2023")]["facts"]]
    assert facts["Dates"] == "2023-02-20 – 2023-03-03"
    assert good in full.nodes[iri("inspection/ncc-2023")]["label"]


def test_the_build_date_is_read_from_the_build_graph(
    sample: ox.Store, full: nx.MultiDiGraph
) -> None:
    [[when]] = ask(sample, "SELECT ?w WHERE { GRAPH ?g { ?b prov:endedAtTime ?w } }")
    assert full.graph["build_date"] == when


# ---------------------------------------------------------------- names
def test_focus_names_match_any_label_case_insensitively(full: nx.MultiDiGraph) -> None:
    for name in ("ALICE EXAMPLE", "nct", "The Trust", "northshire county council"):
        chosen = select(full, focus=name, hops=0)
        assert chosen.graph.number_of_nodes() == 1
    assert select(full, focus="nct", hops=0).focus == iri("org/northshire-childrens-trust")


def test_a_name_shared_by_two_entities_is_refused_with_both_listed(full: nx.MultiDiGraph) -> None:
    with pytest.raises(FilterError) as error:
        select(full, focus="jo bloggs")
    message = str(error.value)
    assert "\n" not in message
    assert iri("person/jo-bloggs") in message and iri("person/jo-bloggs-2") in message
    assert select(full, focus="person/jo-bloggs-2", hops=0).focus == iri("person/jo-bloggs-2")


def test_an_unknown_name_is_refused_in_one_line_with_a_suggestion(full: nx.MultiDiGraph) -> None:
    with pytest.raises(FilterError, match=r"--focus 'Alice Exampel': no entity.*Alice Example"):
        select(full, focus="Alice Exampel")
    with pytest.raises(FilterError, match="no entity"):
        select(full, focus="Nobody At All Whatsoever")


def test_body_must_name_an_organisation(full: nx.MultiDiGraph) -> None:
    with pytest.raises(FilterError, match="is a person, not an organisation"):
        select(full, body="Alice Example")


# ---------------------------------------------------------------- focus, body, types, dates
def test_focus_two_hops_shows_the_bodies_their_inspections_and_nothing_beyond(
    full: nx.MultiDiGraph,
) -> None:
    chosen = set(select(full, focus="Alice Example", hops=2).graph)
    council = iri("org/northshire-county-council")
    inspections_of_council = {
        u for u, v, k in full.edges(keys=True) if v == council and k == "inspected"
    }
    assert len(inspections_of_council) == 3
    assert {iri("person/alice-example"), council} | inspections_of_council <= chosen
    assert iri("org/northshire-childrens-trust") in chosen
    unrelated = {
        "org/southborough-borough-council",  # another council, tied only through Ofsted
        "org/ofsted",  # three hops: Alice → council → inspection → Ofsted
        "person/fay-child",  # a child in a case of her council: three hops
        "person/gus-parent",
        "person/mallory",
        "finding/ncc-2023-domestic-abuse",
    }
    assert not {iri(u) for u in unrelated} & chosen
    assert all(
        d["kind"] != "document"
        for _, d in select(full, focus="Alice Example").graph.nodes(data=True)
    )


def test_hops_count_steps_from_the_focus(full: nx.MultiDiGraph) -> None:
    one = select(full, focus="Alice Example", hops=1).graph
    assert set(one) == {iri("person/alice-example"), iri("org/northshire-county-council")}
    three = set(select(full, focus="Alice Example", hops=3).graph)
    assert {iri("org/ofsted"), iri("person/fay-child")} <= three


def test_walks_never_pass_through_documents(full: nx.MultiDiGraph) -> None:
    # report-2023 mentions Westshire Police, which is three fact-steps from Alice.
    drawn = select(full, focus="Alice Example", hops=2, types=parse_types("all")).graph
    assert iri("doc/report-2023") in drawn
    assert iri("org/westshire-police") not in drawn
    assert all(
        not d["structural"]
        for u, v, d in drawn.edges(data=True)
        if drawn.nodes[v]["kind"] == "document"
    )


def test_body_shows_its_people_inspections_findings_and_cases_only(full: nx.MultiDiGraph) -> None:
    drawn = set(select(full, body="Southborough Borough Council").graph)
    expected = {
        "org/southborough-borough-council",
        "person/dan-other",
        "person/jo-bloggs-2",
        "person/mallory",
        "inspection/sbc-2017",
        "inspection/sbc-2015",
        "finding/sbc-2017-hostile",
        "case/evan-child",
        "person/evan-child",
        "org/ofsted",
    }
    assert {iri(e) for e in expected} <= drawn
    assert not {iri("org/northshire-county-council"), iri("person/alice-example")} & drawn


def test_types_keep_only_those_kinds_and_always_the_focus(full: nx.MultiDiGraph) -> None:
    drawn = select(full, focus="Alice Example", hops=2, types=parse_types("org")).graph
    assert {
        d["kind"] for n, d in drawn.nodes(data=True) if n != iri("person/alice-example")
    } <= ORG_KINDS
    assert iri("person/alice-example") in drawn
    with pytest.raises(FilterError, match="--types finding: no node of these types within 1 hops"):
        select(full, focus="Alice Example", hops=1, types=parse_types("finding"))


def test_unknown_types_are_refused_listing_the_known_ones() -> None:
    with pytest.raises(FilterError, match=r"unknown type 'wizard' \(known: person, "):
        parse_types("person,wizard")
    assert parse_types("org,people") == ORG_KINDS | {"person"}
    assert parse_types(None) == DEFAULT_KINDS


def test_a_date_window_keeps_what_happened_in_it(full: nx.MultiDiGraph) -> None:
    drawn = set(select(full, window=window("2023", "2023")).graph)
    assert {iri("inspection/ncc-2023"), iri("finding/ncc-2023-domestic-abuse")} <= drawn
    assert {iri("person/alice-example"), iri("org/northshire-county-council")} <= drawn
    assert (
        not {iri("inspection/ncc-2021"), iri("inspection/sbc-2017"), iri("person/dan-other")}
        & drawn
    )


def test_partial_dates_overlap_the_window(full: nx.MultiDiGraph) -> None:
    # ncc-2018 is dated "2018-12" (a month): a window starting mid-December still meets it.
    drawn = set(select(full, window=window("2018-12-15", "2019-01")).graph)
    assert iri("inspection/ncc-2018") in drawn


def test_a_window_with_nothing_in_it_is_a_filter_error(full: nx.MultiDiGraph) -> None:
    with pytest.raises(FilterError, match="nothing in the graph is dated in this window"):
        select(full, window=window("2030", None))
    with pytest.raises(FilterError, match="after --until"):
        window("2023", "2020")
    with pytest.raises(FilterError, match="not a date"):
        window("last tuesday", None)


def test_dates_of_every_precision_become_day_ranges() -> None:
    assert [d.isoformat() for d in date_range("2018")] == ["2018-01-01", "2018-12-31"]
    assert [d.isoformat() for d in date_range("2024-02")] == ["2024-02-01", "2024-02-29"]
    assert [d.isoformat() for d in date_range("2021-10-27T09:00:00Z")] == ["2021-10-27"] * 2
    assert date_range("sometime") is None


def test_max_nodes_keeps_the_nearest_and_says_what_it_cut(full: nx.MultiDiGraph) -> None:
    everything = select(full, focus="Alice Example", hops=3)
    cut = select(full, focus="Alice Example", hops=3, max_nodes=3)
    assert cut.graph.number_of_nodes() == 3
    assert cut.matched_nodes == everything.graph.number_of_nodes()
    assert cut.cut_nodes == everything.graph.number_of_nodes() - 3
    assert sum(cut.cut_by_kind.values()) == cut.cut_nodes
    # the focus and its only neighbour are among the kept: nearest first
    assert {iri("person/alice-example"), iri("org/northshire-county-council")} <= set(cut.graph)


# ---------------------------------------------------------------- layout
def test_layout_is_deterministic_and_spaces_neighbours(full: nx.MultiDiGraph) -> None:
    graph = select(full).graph
    first, second = compute_layout(graph), compute_layout(graph)
    assert first == second
    assert set(first) == set(graph)
    assert all(math.isfinite(c) for xy in first.values() for c in xy)
    assert len(set(first.values())) == len(first)


def test_layout_of_a_large_graph_keeps_nodes_apart(tmp_path: Path) -> None:
    store = ox.Store()
    fill_synthetic(store, 2000, seed=3)
    graph = select(read_network(store)).graph
    positions = compute_layout(graph)
    points = sorted(positions.values())
    gaps = []
    for x, y in points[::20]:
        others = [math.hypot(x - a, y - b) for a, b in points if (a, b) != (x, y)]
        gaps.append(min(others))
    gaps.sort()
    median = gaps[len(gaps) // 2]
    assert SPACING / 3 < median < SPACING * 3


# ---------------------------------------------------------------- the page
class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_the_page_is_self_contained_and_its_data_matches_the_report(
    sample: ox.Store, tmp_path: Path
) -> None:
    report = render_html(sample, tmp_path / "page.html")
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        for key in ("src", "href", "action", "data"):
            value = attrs.get(key) or ""
            assert not value or value.startswith("data:"), f"<{tag} {key}={value}> loads something"
    csp = next(a["content"] or "" for t, a in parser.tags if t == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    data = payload(page)
    assert len(data["nodes"]) == report.nodes == report.matched_nodes
    assert len(data["edges"]) == report.edges
    assert report.page_bytes == len(page.encode("utf-8"))
    assert "vis.Network" in page and "cdnjs" not in page and "jsdelivr" not in page


def test_document_text_is_never_markup_in_the_page(sample: ox.Store, tmp_path: Path) -> None:
    render_html(sample, tmp_path / "page.html", types="all")
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert XSS_SCRIPT not in page and "<img src=x" not in page and "<b>Hostile" not in page
    data = payload(page)
    mallory = next(n for n in data["nodes"] if n["id"] == iri("person/mallory"))
    assert mallory["label"].startswith(XSS_SCRIPT)  # kept as text, to be shown as text
    hostile = data["documents"][iri("doc/hostile")]
    assert hostile["url"] is None  # a javascript: address is never offered as a link
    render_html(sample, tmp_path / "focus.html", focus="person/mallory", hops=1)
    page = (tmp_path / "focus.html").read_text(encoding="utf-8")
    assert XSS_SCRIPT not in page
    assert "<h1>Network around &lt;script&gt;window.__pwned=1&lt;/script&gt;Mallory</h1>" in page


def test_tooltips_carry_the_evidence_quote_and_the_document(
    sample: ox.Store, full: nx.MultiDiGraph, tmp_path: Path
) -> None:
    render_html(sample, tmp_path / "page.html")
    data = payload((tmp_path / "page.html").read_text(encoding="utf-8"))
    node = next(n for n in data["nodes"] if n["id"] == iri("inspection/ncc-2023"))
    quote, doc = full.nodes[iri("inspection/ncc-2023")]["quotes"][0]
    assert quote in node["title"]
    assert data["documents"][doc]["title"] in node["title"]
    assert node["docs"] == [doc]


def test_the_summary_line_says_what_is_shown(sample: ox.Store, tmp_path: Path) -> None:
    report = render_html(sample, tmp_path / "p.html", focus="Alice Example", hops=1, since="2020")
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    for part in (
        "2 nodes and 1 edges",
        "within 1 hop of Alice Example",
        "dated 2020-01-01",
        "2024-05-01",
    ):
        assert part in report.summary
    assert report.summary.replace("'", "&#39;") in page


def test_a_cut_is_reported_with_how_to_narrow(sample: ox.Store, tmp_path: Path) -> None:
    report = render_html(sample, tmp_path / "p.html", max_nodes=5)
    assert report.nodes == 5 and report.cut_nodes == report.matched_nodes - 5
    text = "\n".join(report.lines())
    assert f"left out {report.cut_nodes} nodes" in text
    assert "to narrow: --focus" in text


# ---------------------------------------------------------------- scale
def test_a_5000_node_graph_is_drawn_whole_with_positions_and_no_physics(tmp_path: Path) -> None:
    store = ox.Store()
    counts = fill_synthetic(store, 5000)
    report = render_html(store, tmp_path / "big.html")
    assert report.nodes == sum(counts.values()) == 5000
    assert report.nodes_by_kind == {k: n for k, n in counts.items()}
    data = payload((tmp_path / "big.html").read_text(encoding="utf-8"))
    assert data["physics"] is False and data["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in data["nodes"])


def test_above_the_limit_the_command_cuts_and_says_so(tmp_path: Path) -> None:
    store = ox.Store()
    fill_synthetic(store, 1500)
    report = render_html(store, tmp_path / "cut.html", max_nodes=1000)
    assert report.nodes == 1000 and report.matched_nodes == 1500 and report.cut_nodes == 500
    assert len(payload((tmp_path / "cut.html").read_text(encoding="utf-8"))["nodes"]) == 1000


def test_synthetic_counts_add_up() -> None:
    for size in (20, 100, 999, 5000):
        assert sum(kind_counts(size).values()) == size
        assert min(kind_counts(size).values()) >= 1


# ---------------------------------------------------------------- the command
@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """ofsted-kg (test harness)."""

    register(app)
    return app


def test_viz_command_writes_the_page_and_prints_the_report(
    app: typer.Typer, sample_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "net.html"
    result = CliRunner().invoke(
        app,
        [
            "viz",
            "-o",
            str(out),
            "--store",
            str(sample_path),
            "--focus",
            "Alice Example",
            "--hops",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {out}")
    assert "2 nodes, 1 edges" in result.stdout
    assert len(payload(out.read_text(encoding="utf-8"))["nodes"]) == 2


def test_viz_command_reports_a_bad_filter_in_one_line_with_exit_code_2(
    app: typer.Typer, sample_path: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    for args in (
        ["--focus", "jo bloggs"],
        ["--types", "wizard"],
        ["--since", "2031"],
        ["--body", "Nowhere"],
    ):
        result = runner.invoke(
            app, ["viz", "-o", str(tmp_path / "x.html"), "--store", str(sample_path), *args]
        )
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.startswith("error: --") and result.stderr.count("\n") == 1, (
            result.stderr
        )
        assert not (tmp_path / "x.html").exists()


def test_viz_command_without_a_store_says_so(app: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["viz", "-o", str(tmp_path / "x.html"), "--store", str(tmp_path / "none")]
    )
    assert result.exit_code == 2
    assert "no ofsted-kg store" in result.stderr


# ---------------------------------------------------------------- the bundled corpus
def test_corpus_focus_on_sue_harrison_shows_her_bodies_their_inspections_and_nothing_unrelated(
    built_store: Path,
) -> None:
    store = open_store(built_store)
    [[sue]] = ask(store, 'SELECT DISTINCT ?p WHERE { ?p a foaf:Person ; foaf:name "Sue Harrison" }')
    bodies = {
        r[0]
        for r in ask(store, f"SELECT ?o WHERE {{ ?m org:member <{sue}> ; org:organization ?o }}")
    }
    inspections = {
        r[0]
        for body in bodies
        for r in ask(
            store, f"SELECT ?i WHERE {{ ?i a okg:Inspection ; okg:inspectedBody <{body}> }}"
        )
    }
    children = {r[0] for r in ask(store, "SELECT ?c WHERE { ?case okg:child ?c }")}
    assert bodies and inspections, "the corpus build should give her a body with inspections"

    drawn = select(read_network(store), focus="Sue Harrison", hops=2).graph
    assert {sue} | bodies | inspections <= set(drawn)
    assert not children & set(drawn)
    assert not [d["label"] for _, d in drawn.nodes(data=True) if "Wandsworth" in d["label"]]
    for node, data in drawn.nodes(data=True):
        if data["kind"] in ORG_KINDS | {"inspection"} and node not in bodies:
            neighbours = set(drawn.predecessors(node)) | set(drawn.successors(node))
            assert neighbours & (bodies | {sue}), (
                f"{data['label']} is not tied to her or her bodies"
            )


def test_corpus_page_renders_with_counts_equal_to_the_selection(
    built_store: Path, tmp_path: Path
) -> None:
    report = render_html(built_store, tmp_path / "corpus.html", focus="Sue Harrison", hops=2)
    drawn = select(read_network(open_store(built_store)), focus="Sue Harrison", hops=2).graph
    data = payload((tmp_path / "corpus.html").read_text(encoding="utf-8"))
    assert report.nodes == len(data["nodes"]) == drawn.number_of_nodes()
    assert report.edges == len(data["edges"]) == drawn.number_of_edges()
    assert "Sue Harrison" in report.summary
