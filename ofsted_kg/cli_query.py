"""``ofsted-kg query | sparql | path | central | neighbours | graphml``: questions and networks.

A thin layer: each command parses its arguments, calls one function of
``ofsted_kg.queries`` or ``ofsted_kg.graph.analysis`` and prints.  Exit codes: 0 answered
(an empty answer prints "no rows" and is still 0), 2 an error, in one line naming the
problem (an unknown query, an ambiguous name with its candidates, a refused update, a
timeout).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import pyoxigraph as ox
import typer
from rich.console import Console
from rich.table import Table

from ofsted_kg.errors import OfstedKGError, ParameterError
from ofsted_kg.graph import analysis
from ofsted_kg.graph.store import DEFAULT_STORE, open_store
from ofsted_kg.queries import list_queries, query, resolve, run_sparql
from ofsted_kg.queries.runner import FORMATS, Result

P = ParamSpec("P")
R = TypeVar("R")

DEFAULT_TIMEOUT = 60.0
StoreOption = Annotated[Path, typer.Option("--store", help="Folder of the embedded store.")]
FormatOption = Annotated[
    str, typer.Option("--format", "-f", help=f"Output: {' | '.join(FORMATS)}.")
]
TimeoutOption = Annotated[
    float,
    typer.Option("--timeout", help="Stop the query after this many seconds (0: no limit)."),
]


class Shape(StrEnum):
    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    """Add the query and network commands to the ofsted-kg application."""
    app.command("query")(query_command)
    app.command("sparql")(sparql_command)
    app.command("path")(path_command)
    app.command("central")(central_command)
    app.command("neighbours")(neighbours_command)
    app.command("graphml")(graphml_command)


def _one_line_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Report an OfstedKGError as one line on stderr and exit 2 (no traceback)."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except OfstedKGError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(2) from None

    return wrapper


def _console() -> Console:
    return Console(width=max(Console().width, 160), highlight=False)


# --- query and sparql -----------------------------------------------------------------------


@_one_line_errors
def query_command(
    name: Annotated[str | None, typer.Argument(help="The query (see --list).")] = None,
    param: Annotated[
        list[str] | None, typer.Option("-p", "--param", help="A parameter, as key=value.")
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the queries and exit.")] = False,
    fmt: FormatOption = "table",
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Answer a named question: ofsted-kg query roles-in-body -p body="Leeds"."""
    if list_:
        _print_library()
        return
    if name is None:
        raise ParameterError("name a query (ofsted-kg query --list shows them)")
    _check_format(fmt)
    params = dict(_key_value(item) for item in param or [])
    result = query(store, name, timeout=timeout or None, **params)
    _print_result(result, fmt)


@_one_line_errors
def sparql_command(
    query_or_file: Annotated[str, typer.Argument(help="A SPARQL query, or a file holding one.")],
    fmt: FormatOption = "table",
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Run a read-only SPARQL query (okg:, org:, foaf: ... are predeclared).

    SELECT and ASK answers print as they are; CONSTRUCT and DESCRIBE answers print as rows
    of subject, predicate, object.  Updates are refused (exit 2).
    """
    _check_format(fmt)
    text = _query_text(query_or_file)
    result = run_sparql(store, text, timeout=timeout or None)
    _print_result(result, fmt)


def _query_text(query_or_file: str) -> str:
    candidate = Path(query_or_file)
    looks_like_file = "\n" not in query_or_file and candidate.suffix in (".rq", ".sparql", ".txt")
    if looks_like_file or (len(query_or_file) < 4096 and candidate.is_file()):
        try:
            return candidate.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ParameterError(f"{candidate}: cannot read the query ({exc})") from None
    return query_or_file


def _key_value(item: str) -> tuple[str, str]:
    key, equals, value = item.partition("=")
    if not equals or not key.strip():
        raise ParameterError(f"-p expects key=value, not {item!r}")
    return key.strip(), value


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ParameterError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")


def _print_result(result: Result, fmt: str) -> None:
    empty = result.boolean is None and not result.rows
    if fmt == "table":
        if empty:
            typer.echo("no rows")
        elif result.boolean is not None:
            typer.echo("yes" if result.boolean else "no")
        else:
            console = _console()
            console.print(result.to_table())
            console.print(f"{len(result)} row{'s' if len(result) != 1 else ''}")
        return
    typer.echo(result.serialize(fmt), nl=False)
    if empty:
        typer.echo("no rows", err=True)


def _print_library() -> None:
    table = Table("query", "question", "parameters", title="ofsted-kg queries")
    for named in list_queries():
        params = ", ".join(
            f"{p.name} ({p.type}{', optional' if p.optional else ''})" for p in named.params
        )
        table.add_row(named.name, named.title, params or "—")
    _console().print(table)


# --- network analyses -----------------------------------------------------------------------


@_one_line_errors
def path_command(
    a: Annotated[str, typer.Argument(help="A person, body, case or event: a name or IRI.")],
    b: Annotated[str, typer.Argument(help="Another one.")],
    max_paths: Annotated[int, typer.Option("--max", help="At most this many chains.")] = 3,
    fmt: Annotated[Shape, typer.Option("--format", "-f", help="table | json")] = Shape.table,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """The shortest chains linking two entities, each step with its relation and evidence."""
    handle = open_store(store)
    start, end = _entity(handle, a, "A"), _entity(handle, b, "B")
    chains = analysis.path(handle, start, end, max_paths=max_paths)
    if fmt is Shape.json:
        _print_json([[asdict(step) for step in chain.steps] for chain in chains])
        return
    if not chains:
        typer.echo(f"no path between {a} and {b}")
        return
    for number, chain in enumerate(chains, start=1):  # plain lines: quotes are never wrapped
        typer.echo(f"chain {number} ({len(chain)} steps)")
        for index, step in enumerate(chain.steps, start=1):
            typer.echo(f"  {index}. {step.describe()}")
            if step.evidence:
                typer.echo(f"     “{step.evidence}”")
            if step.document_title or step.document:
                typer.echo(f"     — {step.document_title or step.document}")


@_one_line_errors
def central_command(
    kind: Annotated[
        str | None, typer.Option("--type", help="person | org (or inspection, case ...).")
    ] = None,
    top: Annotated[int, typer.Option("--top", help="How many to show.")] = 10,
    measure: Annotated[str, typer.Option("--measure", help="degree | betweenness")] = "degree",
    fmt: Annotated[Shape, typer.Option("--format", "-f", help="table | json")] = Shape.table,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """The most connected entities, by degree or betweenness centrality."""
    ranked = analysis.central(open_store(store), kind=kind, top=top, measure=measure)
    if fmt is Shape.json:
        _print_json([asdict(r) for r in ranked])
        return
    if not ranked:
        typer.echo("no rows")
        return
    table = Table("rank", "entity", "type", measure, "links", title=f"most central by {measure}")
    for number, r in enumerate(ranked, start=1):
        table.add_row(str(number), r.label, r.kind, f"{r.score:.4f}", str(r.degree))
    _console().print(table)


@_one_line_errors
def neighbours_command(
    x: Annotated[str, typer.Argument(help="A person, body, case or event: a name or IRI.")],
    hops: Annotated[int, typer.Option("--hops", help="How many links away.")] = 1,
    fmt: Annotated[Shape, typer.Option("--format", "-f", help="table | json")] = Shape.table,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Everything within N links of an entity, nearest first, with the link that reaches it."""
    handle = open_store(store)
    found = analysis.neighbours(handle, _entity(handle, x, "X"), hops=hops)
    if fmt is Shape.json:
        _print_json([asdict(n) for n in found])
        return
    if not found:
        typer.echo("no rows")
        return
    table = Table("hops", "entity", "type", "reached from", "by", title=f"within {hops} of {x}")
    for n in found:
        table.add_row(str(n.hops), n.label, n.kind, n.via_label, n.relation)
    _console().print(table)


@_one_line_errors
def graphml_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="The GraphML file to write.")],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Export the entity network (with evidence on every edge) as GraphML, for Gephi."""
    nodes, edges = analysis.to_graphml(open_store(store), output)
    typer.echo(f"wrote {output} ({nodes} nodes, {edges} edges)")


def _entity(store: ox.Store, name: str, which: str) -> str:
    return resolve(store, name, "entity", param=which).value


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


__all__ = ["register"]
