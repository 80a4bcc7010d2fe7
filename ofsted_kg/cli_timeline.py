"""``ofsted-kg timeline BODY``: a body's history in date order, as a table or JSON, and a plot.

A thin layer over ``ofsted_kg.graph.timeline``: it parses the arguments, calls ``timeline``
(and ``plot_grades``), and prints.  Errors are ``OfstedKGError``s: one line, exit code 2.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ofsted_kg.errors import OfstedKGError
from ofsted_kg.graph.store import DEFAULT_STORE, open_store
from ofsted_kg.graph.timeline import (
    Timeline,
    TimelineItem,
    concept_label,
    plot_grades,
    timeline,
)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    """Add the ``timeline`` command to the ofsted-kg application."""
    app.command("timeline")(timeline_command)


def timeline_command(
    body: Annotated[str, typer.Argument(help="The body: a name or label ('Leeds'), or an IRI.")],
    plot: Annotated[
        Path | None,
        typer.Option("--plot", help="Also draw the grade history to FILE.png or FILE.svg."),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Print a table or JSON.")
    ] = OutputFormat.table,
    store: Annotated[Path, typer.Option("--store", help="The store to read.")] = DEFAULT_STORE,
) -> None:
    """Print a body's inspections, events and cases in date order, grades and people in post."""
    try:
        result = timeline(open_store(store), body)
        written = plot_grades(result, plot) if plot is not None else None
    except OfstedKGError as error:
        typer.echo(f"ofsted-kg timeline: {error}", err=True)
        raise typer.Exit(2) from None
    if output is OutputFormat.json:
        typer.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        Console(width=max(Console().width, 140)).print(_table(result))
    if written is not None:
        typer.echo(f"plot written to {written}", err=True)


def _table(result: Timeline) -> Table:
    table = Table(title=f"{result.name} — {len(result.items)} events", title_justify="left")
    for column in ("date", "what", "grade", "judgements", "inspectors", "in post"):
        table.add_column(column, overflow="fold")
    for item in result.items:
        table.add_row(
            _when(item),
            _what(item),
            " | ".join(concept_label(g) for g in item.grades),
            "\n".join(f"{j.area}: {j.grade}" for j in item.judgements),
            ", ".join(item.inspectors),
            "\n".join(f"{p.name} ({p.role}, {p.evidence})" for p in item.in_post),
        )
    return table


def _when(item: TimelineItem) -> str:
    when = item.date or ""
    if item.end and item.end != item.date:
        when += f" to {item.end}"
    if item.published:
        when += f"\npublished {item.published}"
    return when.strip() or "undated"


def _what(item: TimelineItem) -> str:
    parts = [item.label]
    if item.framework:
        parts.append(f"({item.framework})")
    text = " ".join(parts)
    return f"{text}\n{item.detail}" if item.detail else text


__all__ = ["register"]
