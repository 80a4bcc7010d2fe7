"""Reading test documents through the real pipeline, once each per session."""

from __future__ import annotations

import functools
from pathlib import Path

from ofsted_kg.loaders.extract import extract
from ofsted_kg.loaders.model import Extraction
from ofsted_kg.loaders.text import read_text_document

ROOT = Path(__file__).parent.parent
CORPUS = ROOT / "corpus"
TEXTS = Path(__file__).parent / "fixtures" / "text"


@functools.cache
def _extract(path: str) -> Extraction:
    return extract(read_text_document(Path(path)))


def corpus(prefix: str) -> Extraction:
    """A bundled document by its number ("003")."""
    return _extract(str(next(CORPUS.glob(f"{prefix}_*.txt"))))


def composed(name: str) -> Extraction:
    """One of the documents composed for these tests (tests/fixtures/text)."""
    return _extract(str(TEXTS / name))
