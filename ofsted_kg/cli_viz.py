"""``ofsted-kg viz``: parse the options, call ``render_html``, print what was drawn.

Why so thin: the library decides what is drawn and why; the command only turns options
into arguments and the report into lines.  Errors are one line on stderr and exit code 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ofsted_kg.errors import OfstedKGError
from ofsted_kg.graph.store import DEFAULT_STORE
from ofsted_kg.viz import DEFAULT_MAX_NODES


def register(app: typer.Typer) -> None:
    """Add the ``viz`` command to the ``ofsted-kg`` application."""
    app.command("viz")(viz)


def viz(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")],
    focus: Annotated[
        str | None,
        typer.Option(help="Centre on this entity (a name, label or IRI), e.g. a person."),
    ] = None,
    hops: Annotated[int, typer.Option(help="With --focus: how many steps out to draw.")] = 2,
    types: Annotated[
        str | None,
        typer.Option(
            help="Kinds to draw, comma-separated: person, org (local-authority, trust, "
            "inspectorate, body), inspection, finding, case, document, all. "
            "Default: all but document."
        ),
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Only what is dated on or after YYYY[-MM[-DD]].")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only what is dated on or before YYYY[-MM[-DD]].")
    ] = None,
    body: Annotated[
        str | None,
        typer.Option(help="Only this body: its people, inspections, findings and cases."),
    ] = None,
    max_nodes: Annotated[
        int, typer.Option(help="Draw at most this many nodes; the command says what it cut.")
    ] = DEFAULT_MAX_NODES,
    store: Annotated[Path, typer.Option(help="The store to read.")] = DEFAULT_STORE,
) -> None:
    """Draw the graph as an interactive HTML page that works offline."""
    from ofsted_kg.viz import render_html  # networkx and numpy load only when drawing

    try:
        report = render_html(
            store,
            output,
            focus=focus,
            hops=hops,
            types=types,
            since=since,
            until=until,
            body=body,
            max_nodes=max_nodes,
        )
    except OfstedKGError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    for line in report.lines():
        typer.echo(line)
