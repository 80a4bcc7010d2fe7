"""The network view: projection, shortest chains with evidence, centrality, neighbourhoods,
GraphML — on the hand-written sample graph and on the bundled corpus."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
import typer
from typer.testing import CliRunner

from ofsted_kg.cli_query import register
from ofsted_kg.errors import FilterError, ParameterError
from ofsted_kg.graph.analysis import central, neighbours, path, project, to_graphml
from ofsted_kg.graph.store import open_store
from ofsted_kg.ontology import ID
from ofsted_kg.queries import resolve

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
RUTH = f"{ID}person/ruth-ashdown"
MARIA = f"{ID}person/maria-lopez"
NORTHSHIRE = f"{ID}org/northshire-county-council"
SOUTHVALE = f"{ID}org/southvale-borough-council"


@pytest.fixture(scope="module")
def graph(sample: Path) -> nx.MultiGraph:
    return project(open_store(sample))


# --- the projection ----------------------------------------------------------------------------


def test_the_projection_has_one_node_per_thing_with_its_kind(graph: nx.MultiGraph) -> None:
    kinds = nx.get_node_attributes(graph, "kind")
    assert kinds[RUTH] == "person" and kinds[NORTHSHIRE] == "org"
    assert kinds[f"{ID}case/liam-carter"] == "case"
    assert kinds[f"{ID}inspection/northshire-county-council/2021-10-12"] == "inspection"
    assert graph.nodes[f"{ID}inspection/northshire-county-council/2021-10-12"]["label"] == (
        "focused visit of Northshire County Council, 2021-10-12"
    )
    assert f"{ID}membership/ruth-ashdown-northshire" not in graph  # a role is an edge
    assert str(ID) + "doc/northshire-report-2018" not in graph  # documents are evidence


def test_each_edge_keeps_its_relation_and_evidence(graph: nx.MultiGraph) -> None:
    (edge,) = graph.get_edge_data(RUTH, NORTHSHIRE).values()
    assert edge["relation"] == "Director of Children's Services"
    assert (edge["from_node"], edge["to_node"]) == (RUTH, NORTHSHIRE)
    assert (
        edge["evidence"]
        == "Ruth Ashdown, Director of Children's Services, Northshire County Council"
    )
    assert edge["document"] == f"{ID}doc/northshire-report-2018"
    assert edge["document_title"] == "Inspection of Northshire County Council children's services"
    relations = {d["relation"] for _, _, d in graph.edges(f"{ID}case/liam-carter", data=True)}
    assert relations == {"child in", "involved in", "related to"}
    trust = graph.get_edge_data(f"{ID}org/northshire-childrens-trust", NORTHSHIRE)
    assert {d["relation"] for d in trust.values()} == {"delivers services for"}


# --- path ------------------------------------------------------------------------------------


def test_the_shortest_chain_reads_step_by_step_with_evidence(graph: nx.MultiGraph) -> None:
    (chain,) = path(graph, RUTH, SOUTHVALE, max_paths=5)
    assert [step.describe() for step in chain.steps] == [
        "Ruth Ashdown —Director of Children's Services→ Northshire County Council",
        "Northshire County Council ←Director, Children and Families— María López",
        "María López —Director of Children's Services→ Southvale Borough Council",
    ]
    assert [step.forward for step in chain.steps] == [True, False, True]
    assert chain.steps[1].evidence == (
        "María López, Director, Children and Families, Northshire County Council"
    )
    assert chain.steps[2].document_title == "Southvale children's services rated inadequate"


def test_several_shortest_chains_are_all_of_the_same_length(graph: nx.MultiGraph) -> None:
    helen = f"{ID}person/helen-marsh"
    chains = path(graph, helen, f"{ID}person/omar-haddad", max_paths=10)
    assert {len(c) for c in chains} == {2}
    vias = {c.steps[0].target_label for c in chains}
    assert "standard inspection of Southvale Borough Council, 2022-09-12" in vias
    assert len(path(graph, helen, f"{ID}person/omar-haddad", max_paths=1)) == 1


def test_unconnected_entities_have_no_path() -> None:
    graph = nx.MultiGraph()
    graph.add_node("urn:a", label="A", kind="person")
    graph.add_node("urn:b", label="B", kind="org")
    assert path(graph, "urn:a", "urn:b") == []


def test_path_errors(graph: nx.MultiGraph) -> None:
    with pytest.raises(FilterError, match="urn:nowhere is not"):
        path(graph, RUTH, "urn:nowhere")
    with pytest.raises(ParameterError, match="different"):
        path(graph, RUTH, RUTH)
    with pytest.raises(ParameterError, match="--max must be at least 1"):
        path(graph, RUTH, MARIA, max_paths=0)


# --- central and neighbours -----------------------------------------------------------------


def test_the_most_connected_by_degree_and_betweenness(graph: nx.MultiGraph) -> None:
    top = central(graph, top=3)
    assert top[0].label == "Northshire County Council" and top[0].degree == 10
    people = central(graph, kind="person", measure="betweenness", top=2)
    assert [p.label for p in people] == ["María López", "Helen Marsh"]
    assert people[0].score > people[1].score > 0
    bodies = central(graph, kind="org", top=100)
    assert {b.kind for b in bodies} == {"org"} and len(bodies) == 7


def test_central_checks_its_options(graph: nx.MultiGraph) -> None:
    with pytest.raises(ParameterError, match="--type must be one of"):
        central(graph, kind="council")
    with pytest.raises(ParameterError, match="--measure"):
        central(graph, measure="pagerank")
    with pytest.raises(ParameterError, match="--top"):
        central(graph, top=0)


def test_neighbours_nearest_first_with_the_link_that_reaches_them(graph: nx.MultiGraph) -> None:
    one = neighbours(graph, RUTH, hops=1)
    assert [(n.label, n.relation) for n in one] == [
        ("Northshire County Council", "Director of Children's Services")
    ]
    two = neighbours(graph, RUTH, hops=2)
    assert {n.hops for n in two} == {1, 2}
    maria = next(n for n in two if n.node == MARIA)
    assert (maria.hops, maria.via_label, maria.relation) == (
        2,
        "Northshire County Council",
        "Director, Children and Families",
    )
    assert [n.hops for n in two] == sorted(n.hops for n in two)
    with pytest.raises(ParameterError, match="--hops must be between 1 and 6"):
        neighbours(graph, RUTH, hops=7)


# --- GraphML ---------------------------------------------------------------------------------


def test_graphml_round_trips_with_evidence_on_the_edges(
    graph: nx.MultiGraph, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "network.graphml"
    nodes, edges = to_graphml(graph, target)
    back = nx.read_graphml(target)
    assert (back.number_of_nodes(), back.number_of_edges()) == (nodes, edges)
    assert back.nodes[RUTH]["label"] == "Ruth Ashdown"
    quotes = {d["evidence"] for _, _, d in back.edges(RUTH, data=True)}
    assert quotes == {"Ruth Ashdown, Director of Children's Services, Northshire County Council"}
    assert not list(tmp_path.joinpath("out").glob(".*")), "no temporary file left behind"


# --- the command line ------------------------------------------------------------------------


def app() -> typer.Typer:
    application = typer.Typer()

    @application.callback()
    def main() -> None:
        """A stand-in for the ofsted-kg application."""

    register(application)
    return application


def test_cli_path_central_neighbours_graphml(sample: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    store = ["--store", str(sample)]
    chain = runner.invoke(app(), ["path", "Ruth Ashdown", "Southvale", *store])
    assert chain.exit_code == 0
    assert "chain 1 (3 steps)" in chain.stdout
    assert "“María López, Southvale's Director of Children's Services since April”" in chain.stdout
    ranked = runner.invoke(
        app(), ["central", "--type", "person", "--top", "1", "--measure", "betweenness", *store]
    )
    assert ranked.exit_code == 0 and "María López" in ranked.stdout and "Helen" not in ranked.stdout
    near = runner.invoke(app(), ["neighbours", "Ruth Ashdown", "--hops", "1", "-f", "json", *store])
    assert near.exit_code == 0 and '"label": "Northshire County Council"' in near.stdout
    out = tmp_path / "g.graphml"
    written = runner.invoke(app(), ["graphml", "-o", str(out), *store])
    assert written.exit_code == 0 and written.stdout.startswith(f"wrote {out} (")
    assert nx.read_graphml(out).number_of_nodes() > 30


def test_cli_path_between_unrelated_names_is_an_error_naming_the_name(sample: Path) -> None:
    result = CliRunner().invoke(app(), ["path", "the council", "Ofsted", "--store", str(sample)])
    assert result.exit_code == 2 and "A: 'the council' names 2 entities" in result.stderr


# --- the bundled corpus ----------------------------------------------------------------------


def test_sue_harrison_to_ofsted_on_the_corpus(built_store: Path) -> None:
    store = open_store(built_store)
    sue = resolve(store, "Sue Harrison", "entity").value
    ofsted = resolve(store, "Ofsted", "entity").value
    chains = path(store, sue, ofsted, max_paths=5)
    assert chains, "Sue Harrison and Ofsted are connected in the corpus"
    files = {
        row["d"].value: row["f"].value
        for row in store.query(
            "SELECT ?d ?f WHERE { ?d <https://w3id.org/ofsted-kg/ontology#sourceFile> ?f }",
            use_default_graph_as_union=True,
        )
    }
    for chain in chains:
        assert chain.steps[0].source_label == "Sue Harrison"
        assert chain.steps[-1].target_label == "Ofsted"
        assert 1 <= len(chain) <= 3
        for before, after in zip(chain.steps, chain.steps[1:], strict=False):
            assert before.target == after.source
        for step in chain.steps:
            assert step.evidence and step.document
            text = " ".join((CORPUS / files[step.document]).read_text(encoding="utf-8").split())
            assert step.evidence in text, f"{step.evidence!r} is not in {files[step.document]}"
    first_steps = {c.steps[0].relation for c in chains}
    assert first_steps & {
        "said",
        "Director Children and Families",
        "Director of Children’s Services",
    }


def test_cli_path_prints_a_chain_with_evidence_on_the_corpus(built_store: Path) -> None:
    result = CliRunner().invoke(
        app(), ["path", "Sue Harrison", "Ofsted", "--store", str(built_store)]
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("chain 1 (")
    assert lines[1].startswith("  1. Sue Harrison —")
    assert lines[2].strip().startswith("“") and lines[3].strip().startswith("— ")
    assert any(line.rstrip().endswith("Ofsted") for line in lines if "→" in line or "←" in line)


def test_the_corpus_network_ranks_the_council_and_the_inspectorate(built_store: Path) -> None:
    graph = project(open_store(built_store))
    bodies = [r.label for r in central(graph, kind="org", top=3)]
    assert "Birmingham City Council" in bodies
    near = {n.label for n in neighbours(graph, f"{ID}org/birmingham-childrens-trust", hops=1)}
    assert {"Birmingham City Council", "Andy Couldrick"} <= near
