"""Exports: every format parses back, Turtle agrees across parsers, TriG keeps the named graphs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from ofsted_kg.errors import OfstedKGError
from ofsted_kg.graph.export import export
from ofsted_kg.graph.store import document_graphs


def test_turtle_parses_to_the_same_triples_in_rdflib_and_pyoxigraph(
    store: ox.Store, tmp_path: Path
) -> None:
    path = tmp_path / "graph.ttl"
    written = export(store, "turtle", path)
    rdflib_count = len(Graph().parse(path, format="turtle"))
    with path.open("rb") as handle:
        oxigraph_count = len(list(ox.parse(handle, format=ox.RdfFormat.TURTLE)))
    assert rdflib_count == oxigraph_count == written


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed")
def test_turtle_parses_in_an_independent_parser(store: ox.Store, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    written = export(store, "turtle", path)
    result = subprocess.run(
        ["rapper", "-i", "turtle", "-c", str(path)], capture_output=True, text=True, check=True
    )
    assert f"returned {written} triples" in result.stderr


def test_trig_keeps_one_named_graph_per_document(store: ox.Store, tmp_path: Path) -> None:
    path = tmp_path / "graph.trig"
    export(store, "trig", path, vocabulary=False)
    dataset = Dataset()
    dataset.parse(path, format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {g.value for g in document_graphs(store)}


def test_ntriples_and_jsonld_hold_the_turtle_triples(store: ox.Store, tmp_path: Path) -> None:
    counts = {}
    for fmt, suffix, parser in (
        ("turtle", "ttl", "turtle"),
        ("nt", "nt", "nt"),
        ("jsonld", "jsonld", "json-ld"),
    ):
        path = tmp_path / f"graph.{suffix}"
        export(store, fmt, path)
        counts[fmt] = len(Graph().parse(path, format=parser))
    assert counts["turtle"] == counts["nt"] == counts["jsonld"]


def test_export_is_byte_for_byte_repeatable(store: ox.Store, tmp_path: Path) -> None:
    export(store, "turtle", tmp_path / "a.ttl")
    export(store, "turtle", tmp_path / "b.ttl")
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()


def test_failed_export_keeps_the_previous_file(store: ox.Store, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text("previous good export\n", encoding="utf-8")
    with pytest.raises(OfstedKGError, match="unknown export format"):
        export(store, "docx", path)
    assert path.read_text(encoding="utf-8") == "previous good export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_gazetteer_is_left_out_unless_asked(store: ox.Store, tmp_path: Path) -> None:
    export(store, "nt", tmp_path / "small.nt")
    export(store, "nt", tmp_path / "full.nt", gazetteer=True)
    small = (tmp_path / "small.nt").read_text(encoding="utf-8")
    full = (tmp_path / "full.nt").read_text(encoding="utf-8")
    assert "E06000059" not in small
    assert "E06000059" in full
