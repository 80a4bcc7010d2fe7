"""build(sources, store=...): documents and data files → one resolved graph in the embedded store.

read every source (a bad file is reported in one line and skipped; the rest goes on)
→ extract each document → resolve entities across all of them → quads per document
→ write a fresh store and swap it in (a failed build leaves the old store untouched)
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, PROV, RDF

from ofsted_kg.errors import OfstedKGError, SourceError
from ofsted_kg.graph.curation import CURATION_NAME, read_curation
from ofsted_kg.graph.reference import gazetteer_quads, ontology_quads
from ofsted_kg.graph.resolve import resolve
from ofsted_kg.graph.store import BUILD_GRAPH, DEFAULT_STORE, fresh_store
from ofsted_kg.graph.triples import document_quads
from ofsted_kg.loaders.extract import extract
from ofsted_kg.loaders.gazetteer import load_gazetteer
from ofsted_kg.loaders.manifest import read_manifest
from ofsted_kg.loaders.model import Document, Extraction
from ofsted_kg.loaders.text import TEXT_SUFFIXES, read_text_document

Progress = Callable[[str, int, int], None]


@dataclass
class BuildReport:
    store: str
    documents: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    quads: int = 0
    seconds: float = 0.0


def bundled_corpus() -> Path:
    """The corpus shipped beside the package (a checkout), else ./corpus."""
    beside = Path(__file__).resolve().parents[1] / "corpus"
    return beside if beside.is_dir() else Path("corpus")


def collect_files(sources: Iterable[Path]) -> tuple[list[Path], list[str]]:
    files: list[Path] = []
    problems: list[str] = []
    for source in sources:
        if source.is_dir():
            files += sorted(
                p
                for p in source.iterdir()
                if p.is_file()
                and p.suffix.lower() in TEXT_SUFFIXES
                and p.name.lower() != "readme.md"
            )
        elif source.is_file():
            files.append(source)
        else:
            problems.append(f"{source}: no such file or folder")
    return files, problems


def read_documents(files: list[Path], report: BuildReport) -> list[Document]:
    manifests: dict[Path, dict] = {}
    documents: list[Document] = []
    for path in files:
        try:
            folder = path.parent
            if folder not in manifests:
                manifests[folder] = read_manifest(folder)
            doc = read_text_document(path)
        except SourceError as exc:
            report.problems.append(str(exc))
            continue
        entry = manifests[folder].get(path.name)
        if entry is not None:
            doc.title, doc.date, doc.genre = entry.title, entry.date, entry.genre
            doc.source_url = entry.source
            doc.authors = list(entry.authors)
            publisher = load_gazetteer().lookup(entry.publisher) if entry.publisher else None
            doc.publisher = publisher.key if publisher else None
        documents.append(doc)
    return documents


def _structured(paths: Sequence[Path], report: BuildReport) -> list[Extraction]:
    if not paths:
        return []
    from ofsted_kg.loaders.ofsted_csv import load_ofsted_csv

    out = []
    for path in paths:
        try:
            extraction, warnings = load_ofsted_csv(Path(path))
        except OfstedKGError as exc:
            report.problems.append(str(exc))
            continue
        report.warnings += warnings
        out.append(extraction)
    return out


def build(
    sources: Sequence[Path | str] | None = None,
    *,
    store: Path | str = DEFAULT_STORE,
    ofsted_csv: Sequence[Path | str] = (),
    curation: Path | str | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Build the graph of ``sources`` (files or folders; default: the bundled corpus) into ``store``."""
    started = dt.datetime.now(dt.UTC)
    report = BuildReport(store=str(store))
    paths = [Path(s) for s in sources] if sources else [bundled_corpus()]
    files, report.problems = collect_files(paths)
    documents = read_documents(files, report)
    gazetteer = load_gazetteer()
    extractions: list[Extraction] = []
    for number, doc in enumerate(documents, start=1):
        if progress:
            progress(doc.path, number, len(documents))
        try:
            extractions.append(extract(doc, gazetteer))
        except Exception as exc:
            report.problems.append(f"{doc.path}: extraction failed: {type(exc).__name__}: {exc}")
    extractions += _structured([Path(p) for p in ofsted_csv], report)
    curation_path = Path(curation) if curation else Path(CURATION_NAME)
    resolution = resolve(
        extractions,
        {b.key: b.slug for b in gazetteer.bodies.values()},
        read_curation(curation_path),
    )
    report.documents = [extraction.document.path for extraction in extractions]
    with fresh_store(store) as target:
        # One bulk load: each call of bulk_extend writes its own files, so per-document calls cost 40 ms each.
        target.bulk_extend(
            itertools.chain(
                ontology_quads(),
                gazetteer_quads(gazetteer),
                *(document_quads(extraction, resolution, gazetteer) for extraction in extractions),
                _build_quads(report, started),
            )
        )
        report.quads = len(target)
    report.seconds = (dt.datetime.now(dt.UTC) - started).total_seconds()
    return report


def _build_quads(report: BuildReport, started: dt.datetime) -> list[ox.Quad]:
    node = ox.NamedNode(f"{BUILD_GRAPH.value}/run")
    quads = [
        ox.Quad(node, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(PROV.Activity)), BUILD_GRAPH),
        ox.Quad(
            node,
            ox.NamedNode(str(DCTERMS.date)),
            ox.Literal(
                started.date().isoformat(),
                datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"),
            ),
            BUILD_GRAPH,
        ),
    ]
    for path in report.documents:
        quads.append(
            ox.Quad(node, ox.NamedNode(str(PROV.used)), ox.Literal(Path(path).name), BUILD_GRAPH)
        )
    return quads
