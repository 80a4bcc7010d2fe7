"""Hostile input: parameter values that try to leave their place, and updates sent to the
read-only commands.  Each must be refused or treated as a plain value, and the store must
come out byte-for-byte the same."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox
import pytest
import typer
from typer.testing import CliRunner

from ofsted_kg.cli_query import register
from ofsted_kg.errors import ParameterError, QueryError, ReadOnlyError
from ofsted_kg.graph.store import open_store
from ofsted_kg.ontology import ID
from ofsted_kg.queries import query, run_sparql
from ofsted_kg.queries.library import get_query
from ofsted_kg.queries.runner import bind, check_read_only, code_only

HOSTILE = [
    '"} ; DROP ALL ; {',
    "'} ; DROP ALL ; {",
    '") } ; DELETE WHERE { ?s ?p ?o } ; #',
    '\\" ) . } INSERT DATA { <urn:a> <urn:b> <urn:c> } #',
    "} UNION { ?s ?p ?o } #",
    '"""} CLEAR ALL {"""',
    "'''} LOAD <http://example.org/evil> {'''",
    "?s ?p ?o",
    "} ; COPY DEFAULT TO <urn:x> ; {",
    "Robert'); DROP TABLE students;--",
    "名前 ünïcödé 🙂 \u202e",
    "a\nb\r\nc\td",
    "\\u0022 } DROP ALL",
    "%22%7D%3B%20DROP%20ALL",
    "${body}",
]


def digest(path: Path) -> str:
    """A fingerprint of every quad in the store."""
    store = open_store(path)
    data = store.dump(format=ox.RdfFormat.N_QUADS)
    assert data is not None
    return hashlib.sha256(b"\n".join(sorted(data.splitlines()))).hexdigest()


@pytest.fixture(scope="module")
def before(sample: Path) -> str:
    return digest(sample)


# --- parameter values ----------------------------------------------------------------------


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_is_a_literal_that_matches_nothing(sample: Path, value: str) -> None:
    result = query(sample, "find-entities", text=value)
    assert len(result) == 0


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_stays_inside_its_string_literal(sample: Path, value: str) -> None:
    store = open_store(sample)
    text = bind(get_query("find-entities"), store, {"text": value})
    values_line = next(line for line in text.splitlines() if line.strip().startswith("VALUES"))
    assert code_only(values_line).split() == ["VALUES", "(?text)", "{", "(", ")", "}"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_names_are_names_that_match_nothing(sample: Path, value: str) -> None:
    with pytest.raises(ParameterError) as caught:
        query(sample, "roles-in-body", body=value)
    message = str(caught.value)
    assert message.startswith("body: ") and "\n" not in message
    assert "no body called" in message or "not a valid IRI" in message or "empty" in message


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize(("name", "param"), [("roles-in-body", "on"), ("theme-summary", "since")])
def test_hostile_dates_and_numbers_are_refused(
    sample: Path, value: str, name: str, param: str
) -> None:
    params: dict[str, object] = {param: value}
    if name == "roles-in-body":
        params["body"] = "Northshire"
    with pytest.raises(ParameterError, match=f"^{param}: "):
        query(sample, name, **params)


@pytest.mark.parametrize(
    "value",
    [
        f"{ID}org/ofsted> . ?s ?p ?o . <{ID}org/ofsted",
        f"<{ID}org/ofsted> }} ; DROP ALL ; {{ <x>",
        "http://example.org/a b",
        "urn:x{y}",
    ],
)
def test_iris_that_try_to_close_themselves_are_refused(sample: Path, value: str) -> None:
    with pytest.raises(ParameterError, match=r"^entity: "):
        query(sample, "documents-mentioning", entity=value)


def test_unicode_and_quotes_find_the_right_rows(sample: Path) -> None:
    assert query(sample, "roles-of-person", person="MARÍA LÓPEZ").column("body") == [
        "Northshire County Council",
        "Southvale Borough Council",
    ]
    matches = query(sample, "find-entities", text="Children's Trust")
    assert "Northshire Children's Trust" in matches.column("entity")
    assert query(sample, "roles-of-person", person=f"<{ID}person/maria-lopez>").rows
    assert query(sample, "roles-of-person", person="id:person/maria-lopez").rows


def test_cli_parameters_are_bound_the_same_way(sample: Path) -> None:
    runner = CliRunner()
    for value in HOSTILE[:4]:
        text = runner.invoke(
            app(), ["query", "find-entities", "-p", f"text={value}", "--store", str(sample)]
        )
        assert text.exit_code == 0 and text.stdout.strip() == "no rows"
        name = runner.invoke(
            app(), ["query", "roles-in-body", "-p", f"body={value}", "--store", str(sample)]
        )
        assert name.exit_code == 2 and "no body called" in name.stderr


# --- updates -------------------------------------------------------------------------------

UPDATES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "WITH <urn:g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "clear default",
    "DROP ALL",
    "drop silent graph <urn:g>",
    "CREATE GRAPH <urn:g>",
    "ADD DEFAULT TO <urn:g>",
    "MOVE <urn:a> TO <urn:b>",
    "COPY DEFAULT TO <urn:g>",
    "PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:b ex:c }",
    "# a comment first\nInSeRt DATA { <urn:a> <urn:b> 'x' }",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    'SELECT * WHERE { ?s ?p "x" } DELETE WHERE { ?s ?p ?o }',
]


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused_before_they_run(sample: Path, update: str) -> None:
    with pytest.raises(ReadOnlyError, match=r"refused: .* would change the store"):
        run_sparql(sample, update)


@pytest.mark.parametrize(
    "text",
    [
        'SELECT ?x WHERE { BIND("DROP ALL; INSERT DATA {}" AS ?x) }',
        "SELECT ?x WHERE { BIND('delete' AS ?x) }",
        'SELECT ?x WHERE { BIND("""CLEAR\nALL""" AS ?x) }',
        "SELECT ?x WHERE { BIND(<http://example.org/drop/insert#copy> AS ?x) }",
        "SELECT ?x WHERE { BIND(1 AS ?x) } # then DROP ALL",
        "SELECT ?delete WHERE { BIND(1 AS ?delete) }",
        "PREFIX load: <http://example.org/> SELECT ?x WHERE { BIND(load:move AS ?x) }",
        'SELECT ?x WHERE { BIND("x"@add AS ?x) }',
        "SELECT ?x WHERE { BIND(2 AS ?x) FILTER(?x < 3 && ?x > 1) }",
    ],
)
def test_update_words_inside_strings_iris_and_comments_are_not_updates(
    sample: Path, text: str
) -> None:
    check_read_only(text)
    assert len(run_sparql(sample, text)) == 1


def test_a_hidden_update_is_still_not_run(sample: Path) -> None:
    """Even past the keyword guard, Store.query only parses queries."""
    store = open_store(sample)
    with pytest.raises(SyntaxError):
        store.query("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(QueryError, match="syntax error"):
        run_sparql(sample, "SELECT * WHERE { ?s ?p ?o } ; insert_data")


def test_the_store_itself_is_opened_read_only(sample: Path) -> None:
    store = open_store(sample)
    with pytest.raises((OSError, RuntimeError), match=r"read-write|read-only|read only"):
        store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")


def test_cli_refuses_updates_with_exit_2(sample: Path) -> None:
    result = CliRunner().invoke(
        app(), ["sparql", "DELETE WHERE { ?s ?p ?o }", "--store", str(sample)]
    )
    assert result.exit_code == 2
    assert (
        result.stderr
        == "error: refused: DELETE would change the store; queries here are read-only\n"
    )


def test_nothing_above_changed_the_store(sample: Path, before: str) -> None:
    """Runs last in this module: every attempt above left the store as it was."""
    assert digest(sample) == before
    assert len(open_store(sample)) > 1000


def app() -> typer.Typer:
    application = typer.Typer()

    @application.callback()
    def main() -> None:
        """A stand-in for the ofsted-kg application."""

    register(application)
    return application
