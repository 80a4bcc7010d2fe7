"""The build: corpus → store, deterministic, atomic, and tolerant of bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from ofsted_kg.errors import StoreError
from ofsted_kg.graph.build import build
from ofsted_kg.graph.export import export
from ofsted_kg.graph.store import document_graphs, open_store

OA_EXACT = "http://www.w3.org/ns/oa#exact"


def _export_bytes(store_path: Path, tmp_path: Path, name: str) -> bytes:
    out = tmp_path / name
    export(open_store(store_path), "nt", out)
    return out.read_bytes()


def test_one_named_graph_per_document(store: ox.Store, corpus_dir: Path) -> None:
    graphs = {g.value.rsplit("/", 1)[-1] for g in document_graphs(store)}
    assert graphs == {p.stem for p in corpus_dir.glob("*.txt")}


def test_building_twice_gives_the_same_graph(tmp_path: Path, corpus_dir: Path) -> None:
    build([corpus_dir], store=tmp_path / "a")
    build([corpus_dir], store=tmp_path / "b")
    first, second = (
        _export_bytes(tmp_path / "a", tmp_path, "a.nt"),
        _export_bytes(tmp_path / "b", tmp_path, "b.nt"),
    )
    assert first == second
    assert len(first.splitlines()) > 1000


def test_every_quote_is_the_documents_text_at_its_offsets(
    store: ox.Store, corpus_dir: Path
) -> None:
    rows = store.query(
        """PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?g ?exact ?start ?end WHERE { GRAPH ?g {
          ?t oa:hasSelector ?q, ?p . ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end } }"""
    )
    texts = {p.stem: p.read_text(encoding="utf-8") for p in corpus_dir.glob("*.txt")}
    checked = 0
    for row in rows:
        text = texts[row["g"].value.rsplit("/", 1)[-1]]
        assert text[int(row["start"].value) : int(row["end"].value)] == row["exact"].value
        checked += 1
    assert checked > 100


def test_no_blank_nodes_anywhere(store: ox.Store) -> None:
    for quad in store:
        assert not isinstance(quad.subject, ox.BlankNode)
        assert not isinstance(quad.object, ox.BlankNode)


def test_bad_input_is_reported_in_one_line_and_the_rest_builds(
    tmp_path: Path, corpus_dir: Path
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(corpus_dir / "001_c2096644b9313fc3.txt", docs)
    (docs / "latin1.txt").write_bytes("Caf\xe9 council report".encode("latin-1"))
    (docs / "empty.txt").write_text("   \n", encoding="utf-8")
    (docs / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    report = build([docs, tmp_path / "missing.txt"], store=tmp_path / "store")
    assert len(report.documents) == 1
    assert len(report.problems) == 4
    assert all("\n" not in p for p in report.problems)
    assert any("latin1.txt" in p and "UTF-8" in p for p in report.problems)
    assert any("missing.txt" in p for p in report.problems)


def test_bom_and_crlf_keep_offsets_exact(tmp_path: Path) -> None:
    text = (
        "Leeds City Council\r\n\r\nReport author: Jane Porter, Director of Children's Services\r\n\r\n"
        "Ofsted rated Leeds outstanding in March 2022.\r\n"
    )
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    build([path], store=tmp_path / "store")
    store = open_store(tmp_path / "store")
    exact = {q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(OA_EXACT), None)}
    starts = store.query(
        "PREFIX oa: <http://www.w3.org/ns/oa#> SELECT ?x ?s ?e WHERE { ?t oa:hasSelector ?q, ?p . "
        "?q oa:exact ?x . ?p oa:start ?s ; oa:end ?e }"
    )
    for row in starts:
        assert text[int(row["s"].value) : int(row["e"].value)] == row["x"].value
    assert any("Jane Porter" in e for e in exact)


def test_a_failed_build_leaves_the_old_store_untouched(
    tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "store"
    build([corpus_dir], store=target)
    before = _export_bytes(target, tmp_path, "before.nt")

    import ofsted_kg.graph.build as build_module

    def explode(*args: object, **kwargs: object) -> list[ox.Quad]:
        raise RuntimeError("simulated crash while writing")

    monkeypatch.setattr(build_module, "document_quads", explode)
    with pytest.raises(RuntimeError):
        build([corpus_dir], store=target)
    assert _export_bytes(target, tmp_path, "after.nt") == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".store.")]


def test_refuses_to_replace_a_folder_that_is_not_a_store(tmp_path: Path, corpus_dir: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.docx").write_text("do not delete", encoding="utf-8")
    with pytest.raises(StoreError, match="not an ofsted-kg store"):
        build([corpus_dir], store=precious)
    assert (precious / "thesis.docx").read_text(encoding="utf-8") == "do not delete"


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no ofsted-kg store"):
        open_store(tmp_path / "nowhere")
