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
