"""The query library: headers, binding, names, formats, timeout and CLI — on a hand-written
graph (tests/fixtures/queries/sample.ttl) and on the bundled corpus."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import typer
from typer.testing import CliRunner

from ofsted_kg.cli_query import register
from ofsted_kg.errors import ParameterError, QueryError
from ofsted_kg.graph.store import open_store
from ofsted_kg.ontology import ID, OKG
from ofsted_kg.queries import Result, list_queries, query, resolve, run_sparql
from ofsted_kg.queries.library import PARAM_TYPES, get_query, parse_query_file
from ofsted_kg.queries.runner import FORMATS, bind, check_read_only, insert_values

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def sample_store(sample: Path) -> ox.Store:
    return open_store(sample)


def has_row(result: Result, **expected: str) -> bool:
    return any(all(r.get(k) == v for k, v in expected.items()) for r in result.records())


# --- the library itself --------------------------------------------------------------------


def test_the_library_has_at_least_twenty_documented_queries() -> None:
    queries = list_queries()
    assert len(queries) >= 20
    for named in queries:
        assert named.title and named.description and named.columns, named.name
        check_read_only(named.text)
        for param in named.params:
            assert param.type in PARAM_TYPES
            assert param.description and param.example, f"{named.name}: {param.name}"


def test_every_query_has_a_fixture_case_and_a_corpus_case() -> None:
    names = {q.name for q in list_queries()}
    assert names == set(FIXTURE_CASES)
    assert names == set(CORPUS_CASES)


def test_a_header_is_read_with_types_flags_defaults_and_continuations() -> None:
    named = get_query("roles-at-inspection")
    assert [p.name for p in named.params] == ["inspection", "days"]
    days = named.param("days")
    assert days is not None and days.type == "int" and days.optional and days.default == "365"
    assert named.columns[:3] == ("person", "role", "body")
    assert named.title == "Who was in post at an inspection"
    assert "deliver its services" in named.description  # a continuation line


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        ("# title: t\n# columns: a\nSELECT ?a WHERE { }", "no description"),
        ("# title: t\n# description: d\n# columns: a\n# param: x (colour) — c\n", "unknown type"),
        (
            "# title: t\n# description: d\n# columns: a\n# param: x (org) — c\nSELECT ?a WHERE {}",
            "not used",
        ),
        (
            "# title: t\n# description: d\n# columns: a\n# param: x (org, maybe) — c\n",
            "unknown flag",
        ),
        ("# title: t\n# description: d\n# columns: a\nSELECT ?a { ?a ?b ?c }", "explicit WHERE"),
    ],
)
def test_a_malformed_header_is_a_query_error_naming_the_file(
    tmp_path: Path, header: str, problem: str
) -> None:
    path = tmp_path / "broken-query.rq"
    path.write_text(header, encoding="utf-8")
    with pytest.raises(QueryError, match=problem) as caught:
        parse_query_file(path)
    assert "broken-query.rq" in str(caught.value)


def test_unknown_query_names_suggest_the_nearest(sample: Path) -> None:
    with pytest.raises(QueryError, match="did you mean roles-in-body"):
        query(sample, "roles-in-bdy", body="Northshire")


def test_parameters_are_checked_before_anything_runs(sample: Path) -> None:
    with pytest.raises(ParameterError, match="needs -p body"):
        query(sample, "roles-in-body")
    with pytest.raises(ParameterError, match="has no parameter 'colour'"):
        query(sample, "roles-in-body", body="Northshire", colour="red")
    with pytest.raises(ParameterError, match="not a date"):
        query(sample, "roles-in-body", body="Northshire", on="16/05/2023")
    with pytest.raises(ParameterError, match="not a day of the calendar"):
        query(sample, "roles-in-body", body="Northshire", on="2023-02-30")
    with pytest.raises(ParameterError, match="not a year"):
        query(sample, "theme-summary", since="twenty")
    with pytest.raises(ParameterError, match="not a whole number"):
        query(sample, "roles-at-inspection", inspection="Northshire 2018", days="-5")


def test_values_go_first_in_the_outermost_where_group_not_in_a_subquery() -> None:
    text = "SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } } } # WHERE { in a comment"
    bound = insert_values(text, ["x"], [ox.Literal("a")])
    assert bound.startswith('SELECT ?x WHERE {\n  VALUES (?x) { ("a") }\n { SELECT ?x WHERE {')


def test_a_missing_optional_parameter_is_undef(sample_store: ox.Store) -> None:
    text = bind(get_query("roles-in-body"), sample_store, {"body": "Northshire"})
    assert f"VALUES (?body ?on) {{ (<{ID}org/northshire-county-council> UNDEF) }}" in text


# --- every query on the sample graph ----------------------------------------------------------

# name -> (parameters, rows that must be there, rows that must not)
FIXTURE_CASES: dict[str, tuple[dict[str, object], list[dict[str, str]], list[dict[str, str]]]] = {
    "roles-in-body": (
        {"body": "Northshire"},
        [
            {
                "person": "Ruth Ashdown",
                "role": "Director of Children's Services",
                "asOf": "2018-03-01",
                "evidence": "Ruth Ashdown, Director of Children's Services, Northshire County Council",
            },
            {"person": "María López", "role": "Director, Children and Families", "former": "false"},
            {"person": "Sam Taylor", "role": "Cabinet Member for Children"},
        ],
        [{"person": "Daniel Okafor"}],
    ),
    "roles-at-inspection": (
        {"inspection": "Northshire 2018-01-15"},
        [
            {
                "person": "Ruth Ashdown",
                "role": "Director of Children's Services",
                "start": "2018-01-15",
                "body": "Northshire County Council",
            }
        ],
        [{"person": "María López"}, {"person": "Sam Taylor"}],
    ),
    "roles-of-person": (
        {"person": "Maria Lopez"},
        [
            {
                "role": "Director, Children and Families",
                "body": "Northshire County Council",
                "asOf": "2021-11-20",
            },
            {
                "role": "Director of Children's Services",
                "body": "Southvale Borough Council",
                "document": "Southvale children's services rated inadequate",
            },
        ],
        [],
    ),
    "inspection-history": (
        {"body": "Southvale"},
        [
            {"start": "2016", "type": "inspection", "grade": "Requires improvement to be good"},
            {
                "start": "2019-06-03",
                "type": "short inspection",
                "grade": "Good",
                "inspectors": "Omar Haddad",
            },
            {
                "start": "2022-09-12",
                "end": "2022-09-23",
                "grade": "Inadequate",
                "evidence": "inspectors Helen Marsh and Omar Haddad judged Southvale's services"
                " inadequate in September",
            },
        ],
        [{"start": "2018-01-15"}],
    ),
    "inspection-judgements": (
        {"inspection": "Northshire 2023"},
        [
            {
                "area": "impact of leaders",
                "grade": "Good",
                "evidence": "the impact of leaders was judged good",
            },
            {"area": "care leavers", "grade": "Requires improvement to be good"},
        ],
        [{"area": "overall effectiveness"}],
    ),
    "inspection-findings": (
        {"inspection": "Northshire standard inspection 2023-01-16"},
        [
            {
                "findingType": "area for improvement",
                "themes": "domestic abuse",
                "finding": "The effectiveness of the response to domestic abuse.",
            },
            {"findingType": "strength", "themes": "voice of the child"},
        ],
        [{"finding": "Permanence planning for children in care is too slow."}],
    ),
    "latest-grades": (
        {},
        [
            {"body": "Northshire County Council", "grade": "Good", "start": "2023-01-16"},
            {"body": "Southvale Borough Council", "grade": "Inadequate", "start": "2022-09-12"},
        ],
        [{"start": "2018-01-15"}, {"start": "2019-06-03"}],
    ),
    "grade-declines": (
        {},
        [
            {
                "body": "Southvale Borough Council",
                "earlierStart": "2019-06-03",
                "earlierGrade": "Good",
                "laterStart": "2022-09-12",
                "laterGrade": "Inadequate",
            }
        ],
        [{"body": "Northshire County Council"}, {"earlierStart": "2016"}],
    ),
    "inspector-visits": (
        {"inspector": "Helen Marsh"},
        [
            {
                "inspector": "Helen Marsh",
                "body": "Northshire County Council",
                "start": "2018-01-15",
            },
            {
                "inspector": "Helen Marsh",
                "body": "Southvale Borough Council",
                "start": "2022-09-12",
            },
        ],
        [{"inspector": "Omar Haddad"}],
    ),
    "shared-inspectors": (
        {},
        [
            {
                "inspector": "Helen Marsh",
                "bodyA": "Northshire County Council",
                "bodyB": "Southvale Borough Council",
                "visitsA": "1",
                "visitsB": "1",
            }
        ],
        [{"inspector": "Omar Haddad"}, {"inspector": "Gareth Price"}],
    ),
    "improvement-areas": (
        {"theme": "domestic abuse"},
        [
            {
                "theme": "domestic abuse",
                "body": "Northshire County Council",
                "start": "2018-01-15",
                "finding": "The response to domestic abuse is not consistently effective.",
            },
            {
                "theme": "domestic abuse",
                "body": "Southvale Borough Council",
                "finding": "The multi-agency response to domestic abuse.",
            },
        ],
        [{"finding": "Permanence planning for children in care is too slow."}],
    ),
    "theme-summary": (
        {},
        [
            {
                "theme": "domestic abuse",
                "areasForImprovement": "3",
                "strengths": "0",
                "inspections": "3",
                "bodies": "2",
            },
            {"theme": "care leavers", "areasForImprovement": "2", "strengths": "1", "bodies": "2"},
        ],
        [],
    ),
    "recurring-themes": (
        {"body": "Northshire"},
        [
            {
                "theme": "care leavers",
                "earlierStart": "2021-10-12",
                "laterStart": "2023-01-16",
                "laterFinding": "Earlier engagement of personal advisers for care leavers.",
            },
            {"theme": "domestic abuse", "earlierStart": "2018-01-15", "laterStart": "2023-01-16"},
        ],
        [{"theme": "placement sufficiency"}, {"theme": "permanence"}],
    ),
    "case-participants": (
        {"case": "Liam Carter"},
        [
            {"participant": "Liam Carter", "kind": "person", "part": "child"},
            {"participant": "Kelly Carter", "kind": "person", "part": "mother"},
            {"participant": "Northshire Police", "kind": "body", "part": "related body"},
        ],
        [{"participant": "Ruth Ashdown"}],
    ),
    "cases-of-body": (
        {"body": "Northshire County Council"},
        [
            {
                "case": "Death of Liam Carter",
                "child": "Liam Carter",
                "date": "2019",
                "location": "Northtown",
                "outcome": "Kelly Carter was convicted of manslaughter.",
            }
        ],
        [],
    ),
    "connections": (
        {"a": "María López", "b": "Southvale"},
        [
            {
                "connection": "direct",
                "via": "Southvale Borough Council",
                "aRelation": "Director of Children's Services",
            },
            {"connection": "shared", "aRelation": "speaker", "bRelation": "spoken about"},
        ],
        [],
    ),
    "documents-mentioning": (
        {"entity": "Daniel Okafor"},
        [
            {
                "document": "Focused visit to Northshire children's services",
                "date": "2021-11-20",
                "evidence": "Daniel Okafor, Chief Executive, Northshire Children's Trust",
            },
            {
                "document": "Report to Cabinet: Ofsted inspection of Northshire",
                "evidence": "Ofsted has recognised the work of our social workers.",
            },
        ],
        [{"document": "Southvale children's services rated inadequate"}],
    ),
    "document-facts": (
        {"document": "northshire-letter-2021.txt"},
        [
            {"type": "inspection", "start": "200", "end": "334"},
            {"type": "finding", "evidence": "Use of unregistered placements for older children."},
            {"type": "role held", "fact": "Gareth Price, His Majesty's Inspector, Ofsted"},
        ],
        [{"type": "case"}],
    ),
    "statements-by-person": (
        {"person": "Daniel Okafor"},
        [
            {
                "quote": "Ofsted has recognised the work of our social workers.",
                "date": "2023-05-01",
                "document": "Report to Cabinet: Ofsted inspection of Northshire",
            }
        ],
        [{"quote": "We accept the findings in full and will act on them at once."}],
    ),
    "statements-about": (
        {"entity": "Southvale Borough Council"},
        [
            {
                "speaker": "María López",
                "quote": "We accept the findings in full and will act on them at once.",
            }
        ],
        [{"speaker": "Daniel Okafor"}],
    ),
    "movers": (
        {},
        [
            {"person": "María López", "bodies": "2", "body": "Northshire County Council"},
            {"person": "María López", "bodies": "2", "body": "Southvale Borough Council"},
        ],
        [{"person": "Daniel Okafor"}, {"person": "Ruth Ashdown"}],
    ),
    "leaders-when-inadequate": (
        {},
        [
            {"body": "Northshire County Council", "start": "2018-01-15", "person": "Ruth Ashdown"},
            {
                "body": "Southvale Borough Council",
                "start": "2022-09-12",
                "person": "María López",
                "role": "Director of Children's Services",
            },
        ],
        [{"person": "Priya Nair"}, {"person": "Helen Marsh"}],
    ),
    "inspections-by-grade": (
        {"grade": "inadequate", "since": "2020"},
        [
            {
                "body": "Southvale Borough Council",
                "start": "2022-09-12",
                "type": "standard inspection",
            }
        ],
        [{"start": "2018-01-15"}],
    ),
    "body-relations": (
        {"body": "Northshire County Council"},
        [
            {"relation": "services delivered by", "other": "Northshire Children's Trust"},
            {"relation": "has part", "other": "Northshire Cabinet"},
        ],
        [],
    ),
    "events-involving": (
        {"entity": "DfE"},
        [
            {
                "date": "2019-04-01",
                "eventType": "establishment",
                "event": "Northshire Children's Trust established",
            }
        ],
        [],
    ),
    "find-entities": (
        {"text": "TRUST"},
        [
            {"entity": "Northshire Children's Trust", "type": "body", "matched": "the Trust"},
            {"type": "event", "matched": "Northshire Children's Trust established"},
        ],
        [{"type": "person"}],
    ),
}


@pytest.mark.parametrize("name", sorted(FIXTURE_CASES))
def test_each_query_on_the_sample_graph(sample: Path, name: str) -> None:
    params, present, absent = FIXTURE_CASES[name]
    result = query(sample, name, **params)
    assert result.columns == get_query(name).columns
    for row in present:
        assert has_row(result, **row), f"{name}: no row {row} in {result.records()}"
    for row in absent:
        assert not has_row(result, **row), f"{name}: unexpected row {row}"


def test_roles_on_a_date_leave_out_later_and_former_roles(sample: Path) -> None:
    result = query(sample, "roles-in-body", body="Northshire", on="2022-01-01")
    assert set(result.column("person")) == {"Ruth Ashdown", "María López"}
    southvale = query(sample, "roles-in-body", body="Southvale", on="2022-06-01")
    # stated in November, but with a period from April: in post in June
    assert southvale.column("person") == ["María López"]
    everyone = query(sample, "roles-in-body", body="Southvale")
    assert has_row(everyone, person="Priya Nair", former="true")
    assert not has_row(
        query(sample, "roles-in-body", body="Southvale", on="2023-01-01"), person="Priya Nair"
    )


def test_the_in_post_window_is_a_parameter(sample: Path) -> None:
    narrow = query(sample, "roles-at-inspection", inspection="Northshire 2018-01-15", days=10)
    assert len(narrow) == 0
    wide = query(sample, "roles-at-inspection", inspection="Northshire 2023", days=800)
    assert has_row(
        wide, person="Daniel Okafor", body="Northshire Children's Trust", asOf="2021-11-20"
    )


def test_a_query_that_matches_nothing_returns_no_rows(sample: Path) -> None:
    result = query(sample, "latest-grades", grade="Outstanding")
    assert len(result) == 0 and result.columns == get_query("latest-grades").columns


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "iri"),
    [
        ("Northshire", "org", f"{ID}org/northshire-county-council"),  # an altLabel
        ("northshire county council", "org", f"{ID}org/northshire-county-council"),
        ("NORTHSHIRE CHILDRENS TRUST", "org", f"{ID}org/northshire-childrens-trust"),
        ("  the  Trust ", "org", f"{ID}org/northshire-childrens-trust"),
        ("Maria Lopez", "person", f"{ID}person/maria-lopez"),  # accents aside
        ("Ms López", "person", f"{ID}person/maria-lopez"),  # as mentioned
        ("Liam Carter", "case", f"{ID}case/liam-carter"),  # the child's name
        ("Death of Liam Carter", "case", f"{ID}case/liam-carter"),
        ("Liam Carter", "entity", f"{ID}person/liam-carter"),
        ("requires improvement", "grade", str(OKG.RequiresImprovement)),
        ("domestic violence", "theme", str(OKG.DomesticAbuseTheme)),
        ("id:person/helen-marsh", "person", f"{ID}person/helen-marsh"),
        (f"<{ID}org/ofsted>", "entity", f"{ID}org/ofsted"),
        (
            "Northshire 2021-10-13",
            "inspection",
            f"{ID}inspection/northshire-county-council/2021-10-12",
        ),
        (
            "Northshire focused visit 2021",
            "inspection",
            f"{ID}inspection/northshire-county-council/2021-10-12",
        ),
        ("Southvale, 2016-05-01", "inspection", f"{ID}inspection/southvale-borough-council/2016"),
        ("Southvale 2019", "entity", f"{ID}inspection/southvale-borough-council/2019-06-03"),
        (
            "Report to Cabinet: Ofsted inspection of Northshire",
            "document",
            f"{ID}doc/northshire-cabinet-2023",
        ),
        ("northshire-cabinet-2023", "document", f"{ID}doc/northshire-cabinet-2023"),
    ],
)
def test_names_resolve_to_one_node(sample_store: ox.Store, name: str, kind: str, iri: str) -> None:
    assert resolve(sample_store, name, kind).value == iri


def test_an_ambiguous_name_lists_the_candidates(sample_store: ox.Store) -> None:
    with pytest.raises(ParameterError) as caught:
        resolve(sample_store, "the council", "org", param="body")
    message = str(caught.value)
    assert message.startswith("body: 'the council' names 2 bodies: ")
    assert "Northshire County Council <id:org/northshire-county-council>" in message
    assert "Southvale Borough Council <id:org/southvale-borough-council>" in message
    with pytest.raises(ParameterError, match="id:person/sam-taylor-2"):
        resolve(sample_store, "Sam Taylor", "person")


def test_an_unknown_name_is_an_error_with_near_misses(sample_store: ox.Store) -> None:
    with pytest.raises(
        ParameterError,
        match=r"no body called 'Northshir County Council'.*did you mean Northshire County Council",
    ):
        resolve(sample_store, "Northshir County Council", "org")
    with pytest.raises(ParameterError, match="is not a person in the store"):
        resolve(sample_store, f"{ID}org/ofsted", "person")
    with pytest.raises(ParameterError, match=r"its inspections: .*2018-01-15"):
        resolve(sample_store, "Northshire 1999", "inspection")
    with pytest.raises(ParameterError, match="names 3 inspections"):
        resolve(sample_store, "Northshire", "inspection")


# --- output formats ------------------------------------------------------------------------


def test_every_format_carries_the_same_rows(sample: Path) -> None:
    result = query(sample, "inspection-history", body="Northshire")
    assert len(result) == 3
    table = csv.DictReader(io.StringIO(result.serialize("csv")))
    rows = list(table)
    assert rows[0]["grade"] == "Inadequate" and rows[2]["grade"] == "Good"
    assert json.loads(result.serialize("json"))[2]["type"] == "standard inspection"
    sparql_json = json.loads(result.serialize("sparql-json"))
    first = sparql_json["results"]["bindings"][0]
    assert first["grade"] == {"type": "uri", "value": str(OKG.Inadequate)}
    assert first["start"]["datatype"].endswith("#date")
    for fmt, kind in (
        ("sparql-xml", ox.QueryResultsFormat.XML),
        ("sparql-tsv", ox.QueryResultsFormat.TSV),
    ):
        parsed = ox.parse_query_results(result.serialize(fmt).encode(), format=kind)
        assert [s["grade"] for s in parsed][2] == ox.NamedNode(str(OKG.Good))
    sparql_csv = result.serialize("sparql-csv")
    assert str(OKG.Good) in sparql_csv and sparql_csv.splitlines()[0].startswith("start,end")


def test_json_keeps_numbers_as_numbers(sample: Path) -> None:
    rows = json.loads(query(sample, "shared-inspectors").serialize("json"))
    assert rows == [
        {
            "inspector": "Helen Marsh",
            "bodyA": "Northshire County Council",
            "bodyB": "Southvale Borough Council",
            "visitsA": 1,
            "visitsB": 1,
        }
    ]


def test_an_unknown_format_is_refused(sample: Path) -> None:
    with pytest.raises(ParameterError, match="unknown format 'xlsx'"):
        query(sample, "latest-grades").serialize("xlsx")


# --- raw SPARQL and the time limit ------------------------------------------------------------


def test_raw_sparql_select_ask_and_construct(sample: Path) -> None:
    result = run_sparql(sample, f"SELECT ?n WHERE {{ <{ID}person/helen-marsh> foaf:name ?n }}")
    assert result.column("n") == ["Helen Marsh"]
    assert run_sparql(sample, "ASK { ?x a okg:Case }").boolean is True
    assert json.loads(run_sparql(sample, "ASK { ?x a okg:Nothing }").serialize("sparql-json")) == {
        "head": {},
        "boolean": False,
    }
    graph = run_sparql(sample, "CONSTRUCT { ?x a okg:Case } WHERE { ?x a okg:Case }")
    assert graph.columns == ("subject", "predicate", "object") and len(graph) == 1


def test_a_syntax_error_is_one_line(sample: Path) -> None:
    with pytest.raises(QueryError, match="SPARQL syntax error") as caught:
        run_sparql(sample, "SELECT ?x WHERE {\n ?x ?y \n")
    assert "\n" not in str(caught.value)


def test_a_runaway_query_is_stopped_by_the_timeout(sample: Path) -> None:
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"stopped after 1 s"):
        run_sparql(sample, RUNAWAY, timeout=1)
    assert time.monotonic() - started < 10


def test_a_timeout_on_an_open_store_gives_up_waiting(sample_store: ox.Store) -> None:
    # A thread cannot be stopped, so this one is slow (seconds) rather than endless.
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a a ?c . ?d ?e ?f . FILTER(STR(?a) < STR(?d)) }"
    with pytest.raises(QueryError, match=r"no answer within 0\.5 s; gave up waiting"):
        run_sparql(sample_store, slow, timeout=0.5)


def test_the_same_answer_with_and_without_a_child_process(
    sample: Path, sample_store: ox.Store
) -> None:
    direct = query(sample_store, "roles-of-person", person="María López")
    child = query(sample, "roles-of-person", person="María López", timeout=30)
    assert direct.rows == child.rows and len(direct) == 2


# --- the command line -----------------------------------------------------------------------


def cli() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """A stand-in for the ofsted-kg application."""

    register(app)
    return app


def run_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli(), list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_lists_the_queries(sample: Path) -> None:
    code, out, _ = run_cli("query", "--list", "--store", str(sample))
    assert code == 0
    for named in list_queries():
        assert named.name in out


def test_cli_answers_a_named_query_as_a_table(sample: Path) -> None:
    code, out, _ = run_cli(
        "query",
        "roles-in-body",
        "-p",
        "body=Northshire",
        "-p",
        "on=2019-01-01",
        "--store",
        str(sample),
    )
    assert code == 0
    assert "Ruth Ashdown" in out and "María López" not in out and "1 row" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_prints_every_format(sample: Path, fmt: str) -> None:
    code, out, _ = run_cli(
        "query",
        "inspector-visits",
        "-p",
        "inspector=Omar Haddad",
        "--format",
        fmt,
        "--store",
        str(sample),
    )
    assert code == 0
    assert ("Omar Haddad" in out) or (f"{ID}person/omar-haddad" in out)


def test_cli_says_no_rows_and_exits_0(sample: Path) -> None:
    code, out, _ = run_cli(
        "query", "latest-grades", "-p", "grade=Outstanding", "--store", str(sample)
    )
    assert code == 0 and out.strip() == "no rows"
    code, out, err = run_cli(
        "query", "latest-grades", "-p", "grade=Outstanding", "-f", "csv", "--store", str(sample)
    )
    assert code == 0 and out == "body,grade,start,type,inspection\n" and "no rows" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("query", "no-such-query"), "no query called 'no-such-query'"),
        (("query", "roles-in-body", "-p", "body=the council"), "names 2 bodies"),
        (("query", "roles-in-body", "-p", "body"), "-p expects key=value"),
        (("query", "roles-in-body"), "needs -p body"),
        (("query", "latest-grades", "-f", "xlsx"), "--format must be one of"),
        (("sparql", "DROP ALL"), "refused: DROP"),
        (("sparql", RUNAWAY, "--timeout", "1"), "stopped after 1 s"),
        (("path", "Nobody Atall", "Ofsted"), "A: no entity called 'Nobody Atall'"),
        (("neighbours", "Ofsted", "--hops", "0"), "--hops must be between 1 and 6"),
        (("central", "--measure", "pagerank"), "--measure must be degree or betweenness"),
    ],
)
def test_cli_errors_are_one_line_and_exit_2(
    sample: Path, args: tuple[str, ...], message: str
) -> None:
    code, out, err = run_cli(*args, "--store", str(sample))
    assert code == 2
    assert message in err and err.count("\n") == 1 and out == ""


def test_cli_reports_a_missing_store(tmp_path: Path) -> None:
    code, _, err = run_cli("query", "latest-grades", "--store", str(tmp_path / "none"))
    assert code == 2 and "no ofsted-kg store here" in err


def test_cli_sparql_reads_a_query_file(sample: Path, tmp_path: Path) -> None:
    path = tmp_path / "grades.rq"
    path.write_text("SELECT DISTINCT ?g WHERE { ?i okg:overallGrade ?g }", encoding="utf-8")
    code, out, _ = run_cli("sparql", str(path), "-f", "json", "--store", str(sample))
    assert code == 0
    assert {row["g"] for row in json.loads(out)} == {
        "Good",
        "Inadequate",
        "Requires improvement to be good",
    }


# --- the bundled corpus (and the Ofsted CSV) --------------------------------------------------

REPO = Path(__file__).resolve().parents[1]
OFSTED_CSV = REPO / "corpus" / "data" / "ofsted_csc_ilacs_history.csv"


def like(result: Result, **expected: str) -> bool:
    """A row whose cells contain the expected texts (case, spacing and curly quotes aside)."""

    def norm(text: str | None) -> str:
        return " ".join((text or "").replace("’", "'").lower().split())

    return any(
        all(norm(v) in norm(r.get(k)) for k, v in expected.items()) for r in result.records()
    )


# name -> (parameters, rows that must be there, rows that must not); rows match by containment
CORPUS_CASES: dict[str, tuple[dict[str, object], list[dict[str, str]], list[dict[str, str]]]] = {
    "roles-in-body": (
        {"body": "Birmingham"},
        [
            {
                "person": "Sue Harrison",
                "role": "Director Children and Families",
                "body": "Birmingham City Council",
                "asOf": "2023-05-16",
            },
            {"person": "Karen McCarthy", "role": "Cabinet Member"},
        ],
        [{"person": "Andy Couldrick"}],
    ),
    "roles-at-inspection": (
        {"inspection": "Birmingham 2023-02-20"},
        [
            {"person": "Sue Harrison", "role": "Director", "body": "Birmingham City Council"},
            {
                "person": "Seamus Gaynor",
                "role": "Head of Executive",
                "body": "Birmingham Children's Trust",
            },
        ],
        [{"person": "Brigid Jones", "role": "lead member"}],
    ),
    "roles-of-person": (
        {"person": "Sue Harrison"},
        [
            {"role": "Director Children and Families", "body": "Birmingham City Council"},
            {"role": "Director for Education and Skills", "body": "Education and Skills"},
        ],
        [{"body": "Ofsted"}],
    ),
    "inspection-history": (
        {"body": "Birmingham City Council"},
        [
            {"start": "2023-02-20", "end": "2023-03-03", "grade": "Good"},
            {"start": "2021-10-27", "type": "focused visit", "inspectors": "Alison Smale"},
            {"start": "2018-12", "grade": "Requires improvement to be good"},
        ],
        [{"grade": "Inadequate"}],
    ),
    "inspection-judgements": (
        {"inspection": "Birmingham 2023-02-20"},
        [
            {"area": "impact of leaders", "grade": "Good"},
            {"area": "help and protection", "grade": "Good"},
            {"area": "children in care", "grade": "Good"},
            {"area": "care leavers", "grade": "Good"},
        ],
        [{"grade": "Inadequate"}],
    ),
    "inspection-findings": (
        {"inspection": "Birmingham focused visit 2021-10-27"},
        [
            {"findingType": "area for improvement", "finding": "return home interviews"},
            {"findingType": "area for improvement", "finding": "placement sufficiency"},
        ],
        [{"finding": "domestic abuse"}],
    ),
    "latest-grades": (
        {},
        [
            {"body": "Birmingham City Council", "grade": "Good", "start": "2023-02-20"},
            {"body": "Wandsworth", "grade": "Inadequate", "start": "2015-12"},
        ],
        [{"body": "Birmingham City Council", "start": "2018"}],
    ),
    "grade-declines": ({}, [], [{"body": "Birmingham City Council"}]),  # RI to Good is no decline
    "inspector-visits": (
        {"body": "Birmingham"},
        [
            {"inspector": "Alison Smale", "start": "2021-10-27", "type": "focused visit"},
            {"inspector": "John Roughton", "start": "2021-10-27", "type": "focused visit"},
        ],
        [],
    ),
    "shared-inspectors": ({}, [], [{"inspector": "Alison Smale"}]),  # one body each in the text
    "improvement-areas": (
        {"theme": "domestic abuse", "body": "Birmingham"},
        [
            {
                "theme": "domestic abuse",
                "body": "Birmingham City Council",
                "start": "2023-02-20",
                "finding": "response to domestic abuse",
            }
        ],
        [{"finding": "personal advisers"}],
    ),
    "theme-summary": ({}, [{"theme": "domestic abuse"}, {"theme": "care leavers"}], []),
    "recurring-themes": (
        {"body": "Birmingham"},
        [
            {
                "theme": "care leavers",
                "earlierStart": "2021-10-27",
                "laterStart": "2023-02-20",
                "laterFinding": "personal advisers",
            }
        ],
        [{"theme": "domestic abuse"}],
    ),
    "case-participants": (
        {"case": "Hakeem Hussain"},
        [
            {"participant": "Hakeem Hussain", "part": "child"},
            {"participant": "Laura Heath", "kind": "person", "part": "mother"},
            {"participant": "Birmingham City Council", "kind": "body"},
        ],
        [{"participant": "Khyra Ishaq"}],
    ),
    "cases-of-body": (
        {"body": "Birmingham"},
        [
            {"child": "Hakeem Hussain", "outcome": "manslaughter"},
            {"child": "Khyra Ishaq", "date": "2008"},
        ],
        [],
    ),
    "connections": (
        {"a": "Alison Smale", "b": "John Roughton"},
        [
            {
                "connection": "shared",
                "via": "focused visit of Birmingham City Council, 2021-10-27",
                "aRelation": "inspector",
                "bRelation": "inspector",
            },
            {"connection": "shared", "via": "Ofsted", "aRelation": "Inspector"},
        ],
        [{"connection": "direct"}],
    ),
    "documents-mentioning": (
        {"entity": "Andy Couldrick"},
        [
            {
                "document": "Focused visit to Birmingham children's services",
                "date": "2021-12-01",
                "evidence": "Andy Couldrick, Chief Executive",
            },
            {"document": "rated 'good' by Ofsted", "evidence": "Andy Couldrick"},
        ],
        [{"document": "Ofsted praises children's social care progress"}],
    ),
    "document-facts": (
        {"document": "001_c2096644b9313fc3"},
        [
            {"type": "inspection", "fact": "focused visit of Birmingham City Council"},
            {"type": "role held", "fact": "Andy Couldrick, Chief Executive"},
            {"type": "finding", "evidence": "return home interviews"},
        ],
        [{"fact": "Hakeem Hussain"}],
    ),
    "statements-by-person": (
        {"person": "Andy Couldrick"},
        [
            {
                "quote": "Birmingham always had good social workers",
                "document": "rated 'good' by Ofsted",
            }
        ],
        [{"quote": "really pleased to see Ofsted acknowledging"}],
    ),
    "statements-about": (
        {"entity": "Ofsted"},
        [{"speaker": "Sue Harrison", "quote": "really pleased to see Ofsted acknowledging"}],
        [],
    ),
    "movers": ({}, [], [{"person": "Sue Harrison"}]),  # a directorate of the council is the council
    "leaders-when-inadequate": ({}, [], [{"person": "Sue Harrison"}]),  # no inadequate in her time
    "inspections-by-grade": (
        {"grade": "Inadequate"},
        [{"body": "Wandsworth", "start": "2015-12"}],
        [{"body": "Birmingham City Council"}],
    ),
    "body-relations": (
        {"body": "Birmingham Children's Trust"},
        [{"relation": "delivers services for", "other": "Birmingham City Council"}],
        [],
    ),
    "events-involving": (
        {"entity": "Birmingham Children's Trust"},
        [{"date": "2017", "eventType": "establishment"}],
        [],
    ),
    "find-entities": (
        {"text": "Couldrick"},
        [{"entity": "Andy Couldrick", "type": "person"}],
        [{"type": "body"}],
    ),
}

# Questions the Ofsted inspection history answers beyond the five documents.
CSV_CASES: dict[str, tuple[dict[str, object], list[dict[str, str]]]] = {
    "inspection-history": (
        {"body": "Birmingham"},
        [
            {
                "start": "2018-12-03",
                "end": "2018-12-14",
                "inspectors": "Pauline Higham",
                "grade": "Requires improvement",
            }
        ],
    ),
    "grade-declines": (
        {},
        [
            {
                "body": "Cheshire East Council",
                "earlierStart": "2019-11-18",
                "earlierGrade": "Requires improvement",
                "laterStart": "2024-02-26",
                "laterGrade": "Inadequate",
            }
        ],
    ),
    "shared-inspectors": (
        {"body": "Birmingham"},
        [
            {
                "inspector": "John Roughton",
                "bodyA": "Birmingham City Council",
                "bodyB": "Dudley Metropolitan Borough Council",
            }
        ],
    ),
    "inspector-visits": (
        {"inspector": "John Roughton"},
        [
            {"body": "Birmingham City Council", "start": "2023-02-20"},
            {"body": "Derbyshire County Council", "start": "2023-10-30"},
        ],
    ),
    "inspections-by-grade": (
        {"grade": "Inadequate", "since": "2022", "until": "2022"},
        [{"body": "Sefton Council", "start": "2022-02-21"}],
    ),
    "latest-grades": (
        {"grade": "Good"},
        [{"body": "Birmingham City Council", "start": "2023-02-20"}],
    ),
}


@pytest.fixture(scope="module")
def corpus_and_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus plus Ofsted's inspection history, built once for this module."""
    from ofsted_kg.graph.build import build

    path = tmp_path_factory.mktemp("corpus-csv") / "store"
    report = build([REPO / "corpus"], store=path, ofsted_csv=[OFSTED_CSV])
    assert not report.problems, report.problems
    return path


@pytest.mark.parametrize("name", sorted(CORPUS_CASES))
def test_each_query_on_the_corpus(built_store: Path, name: str) -> None:
    params, present, absent = CORPUS_CASES[name]
    result = query(built_store, name, **params)
    assert result.columns == get_query(name).columns
    assert present or absent, f"{name}: a corpus case must assert something"
    for row in present:
        assert like(result, **row), f"{name}: no row like {row} in {result.records()}"
    for row in absent:
        assert not like(result, **row), f"{name}: unexpected row like {row}"


@pytest.mark.parametrize("name", sorted(CSV_CASES))
def test_queries_on_the_corpus_with_the_ofsted_csv(corpus_and_csv: Path, name: str) -> None:
    params, present = CSV_CASES[name]
    result = query(corpus_and_csv, name, **params)
    for row in present:
        assert like(result, **row), f"{name}: no row like {row}"


def test_the_corpus_answers_the_questions_of_the_issue(built_store: Path) -> None:
    """The four facts the issue names, each through the query that should find it."""
    roles = query(built_store, "roles-of-person", person="Sue Harrison")
    assert like(roles, role="Director", body="Birmingham City Council")
    history = query(built_store, "inspection-history", body="Birmingham")
    assert like(history, start="2023-02-20", grade="Good")
    visit = query(built_store, "inspector-visits", body="Birmingham")
    inspectors = {r["inspector"] for r in visit.records() if r["start"] == "2021-10-27"}
    assert inspectors == {"Alison Smale", "John Roughton"}
    case = query(built_store, "case-participants", case="Hakeem Hussain")
    assert like(case, participant="Laura Heath")


# --- the generated page ----------------------------------------------------------------------


def test_the_docs_page_answers_every_query_with_its_examples(sample: Path, tmp_path: Path) -> None:
    from ofsted_kg.queries.generate_docs import main

    out = tmp_path / "README.md"
    assert main(["--store", str(sample), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    for named in list_queries():
        assert f"## {named.name}\n\n**{named.title}.**" in page
    assert (
        'ofsted-kg query roles-in-body -p body="Birmingham City Council" -p on="2023-05-16"' in page
    )
    finder = page.split("## find-entities")[1].split("## ")[0]
    assert "| Northshire Children's Trust | body | the Trust |" in finder
    # the sample graph has no Birmingham: said in one line where the example needs it
    roles = page.split("## roles-in-body")[1].split("## ")[0]
    assert "*Example answer: error — body: no body called 'Birmingham City Council'" in roles


def test_the_committed_docs_page_lists_every_query() -> None:
    page = (REPO / "queries" / "README.md").read_text(encoding="utf-8")
    for named in list_queries():
        assert f"| [`{named.name}`](#{named.name}) | {named.title} |" in page
        assert f"## {named.name}\n" in page
    assert "Example answer" in page and "*Example answer: error" not in page
