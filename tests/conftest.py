"""Shared fixtures: the bundled corpus built once per test session into a temporary store."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a store built from the bundled corpus (text documents only)."""
    from ofsted_kg.graph.build import build

    path = tmp_path_factory.mktemp("corpus") / "store"
    report = build([CORPUS], store=path)
    assert not report.problems, report.problems
    return path


@pytest.fixture(scope="session")
def store(built_store: Path):  # type: ignore[no-untyped-def]
    """The corpus store opened read-only (pyoxigraph.Store)."""
    from ofsted_kg.graph.store import open_store

    return open_store(built_store)


QUERY_SAMPLE = Path(__file__).parent / "fixtures" / "queries" / "sample.ttl"


def build_sample_store(path: Path) -> Path:
    """The hand-written sample graph plus the real vocabulary and concept schemes, as a store."""
    import pyoxigraph as ox

    from ofsted_kg.graph.store import ONTOLOGY_GRAPH, fresh_store
    from ofsted_kg.ontology import ID, asset_path

    with fresh_store(path) as target:
        target.load(
            path=str(QUERY_SAMPLE),
            format=ox.RdfFormat.TURTLE,
            to_graph=ox.NamedNode(f"{ID}doc/sample"),
        )
        for name in ("vocabulary.ttl", "schemes.ttl"):
            target.load(
                path=str(asset_path(name)), format=ox.RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH
            )
    return path


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a store holding the sample graph (fictional councils, people and inspections)."""
    return build_sample_store(tmp_path_factory.mktemp("sample") / "store")


@pytest.fixture(scope="session")
def extract_file():  # type: ignore[no-untyped-def]
    """Extract a document once per session, however many tests read it."""
    import functools

    from ofsted_kg.loaders.extract import extract
    from ofsted_kg.loaders.text import read_text_document

    @functools.cache
    def run(path: str):  # type: ignore[no-untyped-def]
        return extract(read_text_document(Path(path)))

    return lambda path: run(str(path))
