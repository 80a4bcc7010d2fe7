"""The main job a newcomer runs first: build the bundled corpus, write the deliverables, answer questions.

Which body the questions ask about is read from the graph (the body with the most people in
post), not named here, so the same job works on any corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ofsted_kg.graph.build import build
from ofsted_kg.graph.export import export
from ofsted_kg.graph.store import open_store
from ofsted_kg.queries.runner import Result, query

MOST_STAFFED_BODY = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?name (COUNT(DISTINCT ?m) AS ?n) WHERE {
  ?m org:organization ?body . ?body skos:prefLabel ?name .
} GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1
"""


@dataclass(frozen=True)
class Question:
    text: str
    query: str
    params: dict[str, str]
    columns: tuple[str, ...]


def _table(result: Result, columns: tuple[str, ...]) -> Table:
    """The columns a reader needs on screen; ``ofsted-kg query`` shows them all."""
    table = Table(*columns, show_lines=False)
    seen: set[tuple[str, ...]] = set()
    for record in result.records():
        row = tuple(" ".join((record.get(c) or "").split()) for c in columns)
        if row not in seen:
            seen.add(row)
            table.add_row(*row)
    return table


def questions_for(body: str | None) -> list[Question]:
    asked = [
        Question(
            "Which inspectors visited which bodies?",
            "inspector-visits",
            {},
            ("inspector", "body", "start", "type"),
        ),
        Question(
            "Which themes do inspections raise, across bodies?",
            "theme-summary",
            {},
            ("theme", "areasForImprovement", "strengths", "bodies"),
        ),
    ]
    if body:
        asked = [
            Question(
                f"Who held which role in {body}?",
                "roles-in-body",
                {"body": body},
                ("person", "role", "asOf", "former"),
            ),
            Question(
                f"Which inspections did {body} have, with grades?",
                "inspection-history",
                {"body": body},
                ("start", "end", "type", "grade", "inspectors"),
            ),
            *asked,
        ]
    return asked


def main_job(*, store: Path, output_dir: Path, console: Console) -> None:
    from ofsted_kg.viz import render_html

    report = build(None, store=store)
    for problem in report.problems:
        console.print(f"skipped {problem}", highlight=False, markup=False)
    console.print(
        f"built {store}: {len(report.documents)} documents, {report.quads} quads in {report.seconds:.1f}s",
        highlight=False,
        soft_wrap=True,
    )
    handle = open_store(store)
    ttl = output_dir / "graph.ttl"
    count = export(handle, "turtle", ttl)
    console.print(f"wrote {ttl} ({count} triples)", highlight=False)
    html = output_dir / "graph.html"
    drawn = render_html(handle, html)
    console.print(
        f"wrote {html} ({drawn.nodes} nodes, {drawn.edges} edges; open it in a browser, it works offline)",
        highlight=False,
        soft_wrap=True,
    )
    top = next(iter(handle.query(MOST_STAFFED_BODY, use_default_graph_as_union=True)), None)
    for question in questions_for(top["name"].value if top else None):
        console.rule(question.text)
        result = query(handle, question.query, **question.params)
        console.print(_table(result, question.columns))
        console.print(
            f"ofsted-kg query {question.query}"
            + "".join(f' -p {k}="{v}"' for k, v in question.params.items()),
            style="dim",
            highlight=False,
        )
