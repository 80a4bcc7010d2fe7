"""The ``ofsted-kg`` command: a thin layer that parses arguments, calls one library function and prints.

Exit codes (as pySHACL's): 0 success / conforms, 1 ran but the answer is negative (the graph
does not conform), 2 an error, reported in one line naming the file or the problem.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from ofsted_kg.errors import OfstedKGError

app = typer.Typer(
    help="Build, query, explore and export a knowledge graph of English children's services.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
out = Console(soft_wrap=False)
err = Console(stderr=True, soft_wrap=True)

StoreOption = Annotated[
    Path, typer.Option("--store", help="Folder of the embedded Oxigraph store.")
]
DEFAULT_STORE = Path("ofsted-kg-store")
OUTPUT_DIR = Path("ofsted-kg-out")


def _open(store: Path):  # type: ignore[no-untyped-def]
    from ofsted_kg.graph.store import open_store

    return open_store(store)


@app.command()
def build(
    sources: Annotated[
        list[Path] | None,
        typer.Argument(help="Text files or folders (default: the bundled corpus)."),
    ] = None,
    store: StoreOption = DEFAULT_STORE,
    ofsted_csv: Annotated[
        list[Path] | None,
        typer.Option("--ofsted-csv", help="Ofsted's published inspection history (CSV)."),
    ] = None,
    curation: Annotated[
        Path | None,
        typer.Option(help="Corrections to apply (default: ./curation.toml if present)."),
    ] = None,
) -> None:
    """Build the graph from documents (and data files) into the store, replacing what was there."""
    from ofsted_kg.graph.build import build as run_build

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("reading", total=None)

        def progress(path: str, number: int, total: int) -> None:
            bar.update(
                task, description=f"extracting {Path(path).name}", completed=number, total=total
            )

        report = run_build(
            sources or None,
            store=store,
            ofsted_csv=ofsted_csv or (),
            curation=curation,
            progress=progress,
        )
    for problem in report.problems:
        err.print(f"[yellow]skipped[/] {problem}", highlight=False, markup=True)
    for warning in report.warnings:
        err.print(f"warning: {warning}", highlight=False, markup=False)
    out.print(
        f"built {store}: {len(report.documents)} sources, {report.quads} quads in {report.seconds:.1f}s"
        + (f" ({len(report.problems)} skipped)" if report.problems else ""),
        highlight=False,
    )
    if not report.documents:
        raise typer.Exit(2)


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("-f", "--format", help="turtle | trig | nt | nquads | jsonld")
    ] = "turtle",
    output: Annotated[
        Path, typer.Option("-o", "--output", help="File to write (atomically).")
    ] = OUTPUT_DIR / "graph.ttl",
    store: StoreOption = DEFAULT_STORE,
    vocabulary: Annotated[
        bool, typer.Option(help="Include the vocabulary and concept schemes.")
    ] = True,
    gazetteer: Annotated[
        bool, typer.Option(help="Include every known body, mentioned or not.")
    ] = False,
) -> None:
    """Write the graph to a file (TriG and N-Quads keep one named graph per document)."""
    from ofsted_kg.graph.export import export as run_export

    count = run_export(_open(store), fmt, output, vocabulary=vocabulary, gazetteer=gazetteer)
    out.print(
        f"wrote {output} ({count} {'quads' if fmt in {'trig', 'nq', 'nquads'} else 'triples'})",
        highlight=False,
    )


@app.command()
def validate(store: StoreOption = DEFAULT_STORE) -> None:
    """Check the graph against the SHACL shapes (exit 0 conforms, 1 does not, 2 error)."""
    from ofsted_kg.graph.validate import validate as run_validate

    report = run_validate(_open(store))
    for message in report.messages:
        out.print(f"- {message}", highlight=False, markup=False)
    verdict = "conforms" if report.conforms else "does not conform"
    out.print(
        f"{verdict}: {report.violations} violations, {report.warnings} warnings", highlight=False
    )
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def stats(store: StoreOption = DEFAULT_STORE) -> None:
    """Count the nodes of each kind in the store."""
    from ofsted_kg.graph.stats import stats as run_stats

    table = Table("kind", "count")
    for label, count in run_stats(_open(store)).items():
        table.add_row(label, str(count))
    out.print(table)


@app.command()
def entities(
    store: StoreOption = DEFAULT_STORE,
    kind: Annotated[str | None, typer.Option("--type", help="person | org")] = None,
    name: Annotated[
        str | None, typer.Option(help="Only entities whose name contains this text.")
    ] = None,
) -> None:
    """List people and bodies with the names they were written as, their documents and roles."""
    from ofsted_kg.graph.entities import list_entities

    if kind not in (None, "person", "org"):
        raise OfstedKGError(f"--type must be person or org, not '{kind}'")
    rows = list_entities(_open(store), kind=kind, name=name)
    table = Table("name", "type", "also written as", "documents", "roles", show_lines=True)
    for e in rows:
        table.add_row(
            e.name,
            e.kind,
            "; ".join(sorted(e.names_seen)),
            str(len(e.documents)),
            "\n".join(sorted(e.roles)),
        )
    out.print(table)
    out.print(f"{len(rows)} entities", highlight=False)


@app.command("explain-merge")
def explain_merge(
    node: Annotated[str, typer.Argument(help="A name as written or a node IRI.")],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Show which mentions in which documents became one node, and by which rule."""
    from ofsted_kg.graph.entities import explain_merge as run_explain

    explanation = run_explain(_open(store), node)
    out.print(f"{explanation.name} <{explanation.iri}>", highlight=False)
    for doc, rule, seen in explanation.per_document:
        out.print(f"  {doc}", highlight=False)
        out.print(f"    rule: {rule.split(': ', 1)[-1]}", highlight=False, markup=False)
        for text in seen:
            out.print(f"    seen: {' '.join(text.split())}", highlight=False, markup=False)


@app.command()
def run(
    store: StoreOption = DEFAULT_STORE,
    output_dir: Annotated[
        Path, typer.Option("--out", help="Where graph.ttl and graph.html go.")
    ] = OUTPUT_DIR,
) -> None:
    """The main job: build the bundled corpus, write Turtle and the HTML network, answer a few questions."""
    from ofsted_kg.jobs import main_job

    main_job(store=store, output_dir=output_dir, console=out)


def _register_optional_commands() -> None:
    """Command groups that live in their own modules (queries, viz, timeline)."""
    for module in ("ofsted_kg.cli_query", "ofsted_kg.cli_viz", "ofsted_kg.cli_timeline"):
        try:
            importlib.import_module(module).register(app)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


_register_optional_commands()


def main() -> None:
    try:
        app()
    except OfstedKGError as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        sys.exit(2)
