"""What several sources say about one event becomes one node, each source's evidence kept."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from ofsted_kg.graph.build import build
from ofsted_kg.graph.store import open_store

REPO = Path(__file__).resolve().parents[1]
CSV = REPO / "corpus" / "data" / "ofsted_csc_ilacs_history.csv"
PREFIXES = """
PREFIX okg: <https://w3id.org/ofsted-kg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@pytest.fixture(scope="module")
def with_csv(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    path = tmp_path_factory.mktemp("merged") / "store"
    build([REPO / "corpus"], store=path, ofsted_csv=[CSV])
    return open_store(path)


def test_the_2023_inspection_is_one_node_with_evidence_from_four_sources(
    with_csv: ox.Store,
) -> None:
    rows = list(
        with_csv.query(
            PREFIXES
            + """SELECT DISTINCT ?i ?doc WHERE {
                 ?i a okg:Inspection ; schema:startDate "2023-02-20"^^xsd:date ;
                    okg:inspectedBody/skos:prefLabel "Birmingham City Council" .
                 ?a oa:hasBody ?i ; oa:hasTarget/oa:hasSource ?doc }""",
            use_default_graph_as_union=True,
        )
    )
    assert len({r["i"] for r in rows}) == 1
    sources = {r["doc"].value.rsplit("/", 1)[-1] for r in rows}
    assert sources == {
        "000_d0a6c72f1113d680",
        "002_794b3a418df09320",
        "003_76ca8e39eab1b15a",
        "ofsted_csc_ilacs_history",
    }


def test_each_csv_row_is_one_inspection_and_text_only_events_stay(with_csv: ox.Store) -> None:
    count = next(
        iter(
            with_csv.query(
                PREFIXES + "SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i a okg:Inspection }",
                use_default_graph_as_union=True,
            )
        )
    )["n"].value
    # 497 rows, plus the text-only events: the 2021 focused visit, two 2017 monitoring visits
    # and Wandsworth's 2015 inspection, which the CSV (from 2012 on, full inspections) has too.
    assert int(count) in {500, 501}


def test_conflicting_values_are_both_kept_with_their_sources(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "Wirral news\n\nOfsted inspected Wirral Council's children's services from 17 June to 28 June 2019 "
        "and rated them good.\n",
        encoding="utf-8",
    )
    build([story], store=tmp_path / "store", ofsted_csv=[CSV])
    rows = open_store(tmp_path / "store").query(
        PREFIXES
        + """SELECT DISTINCT ?i ?g ?grade WHERE { GRAPH ?g { ?i okg:overallGrade ?grade ;
             schema:startDate "2019-06-17"^^xsd:date ; okg:inspectedBody/skos:prefLabel "Wirral Council" } }""",
        use_default_graph_as_union=True,
    )
    by_source = {
        (r["g"].value.rsplit("/", 1)[-1], r["grade"].value.rsplit("#", 1)[-1]) for r in rows
    }
    assert by_source == {("story", "Good"), ("ofsted_csc_ilacs_history", "RequiresImprovement")}
    assert (
        len(
            {
                r["i"]
                for r in open_store(tmp_path / "store").query(
                    PREFIXES + 'SELECT ?i WHERE { ?i schema:startDate "2019-06-17"^^xsd:date ; '
                    'okg:inspectedBody/skos:prefLabel "Wirral Council" }',
                    use_default_graph_as_union=True,
                )
            }
        )
        == 1
    )


def test_an_event_told_by_two_sources_is_one_event(store: ox.Store) -> None:
    rows = list(
        store.query(
            PREFIXES
            + """SELECT ?e (GROUP_CONCAT(DISTINCT STR(?when); separator=" ") AS ?dates) (COUNT(DISTINCT ?doc) AS ?docs) WHERE {
                 ?e okg:eventType okg:Takeover ; schema:startDate ?when .
                 ?a oa:hasBody ?e ; oa:hasTarget/oa:hasSource ?doc } GROUP BY ?e""",
            use_default_graph_as_union=True,
        )
    )
    assert len(rows) == 1
    assert rows[0]["dates"].value == "2018-04"
    assert rows[0]["docs"].value == "2"
