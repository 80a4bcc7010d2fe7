"""Timelines: on a small hand-written store (every rule), then on the real corpus plus the CSV."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import typer
from typer.testing import CliRunner

from ofsted_kg.cli_timeline import register
from ofsted_kg.errors import FilterError, ParameterError
from ofsted_kg.graph.store import MARKER_FILE, open_store
from ofsted_kg.graph.timeline import plot_grades, resolve_body, timeline
from ofsted_kg.ontology import ID, OKG

FIXTURE = Path(__file__).parent / "fixtures" / "csv" / "timeline_store.trig"
SANDWELL = f"{ID}org/sandwell-metropolitan-borough-council"
TRUST = f"{ID}org/sandwell-childrens-trust"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("timeline") / "store"
    path.mkdir()
    store = ox.Store(str(path / "data"))
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    (path / MARKER_FILE).write_text("ofsted-kg store\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store(store_path: Path) -> ox.Store:
    return open_store(store_path)


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """A stand-in for the ofsted-kg application (forces sub-command mode)."""

    register(app)
    return app


# --- name resolution -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Sandwell", SANDWELL),  # the gazetteer's reading of a place name
        ("sandwell metropolitan borough council", SANDWELL),  # a label, case aside
        ("SCT", TRUST),  # an altLabel
        ("Sandwell Children's Trust", TRUST),
        ("Children's Trust", TRUST),  # words inside one label
        (SANDWELL, SANDWELL),  # an IRI
        ("id:org/sandwell-childrens-trust", TRUST),
    ],
)
def test_a_name_resolves_to_one_body(store, name, expected) -> None:
    assert resolve_body(store, name) == expected


def test_several_matches_are_one_line_listing_them(store) -> None:
    with pytest.raises(ParameterError) as error:
        resolve_body(store, "the Council")
    message = str(error.value)
    assert "\n" not in message
    assert "Dudley Metropolitan Borough Council" in message
    assert "Sandwell Metropolitan Borough Council" in message


def test_no_match_is_a_one_line_error(store) -> None:
    with pytest.raises(FilterError, match="no body called 'Atlantis'"):
        resolve_body(store, "Atlantis")


# --- the timeline --------------------------------------------------------------------------


def test_items_come_in_date_order_with_undated_items_placed_by_publication(store) -> None:
    tl = timeline(store, "Sandwell")
    assert tl.name == "Sandwell Metropolitan Borough Council"
    assert [(i.kind, i.date or i.published) for i in tl.items] == [
        ("inspection", "2015-06-03"),
        ("event", "2018-04-01"),
        ("inspection", "2019-02-04"),
        ("case", "2021"),
        ("inspection", "2022-05-09"),
    ]


def test_inspections_carry_type_dates_grade_judgements_and_inspectors(store) -> None:
    tl = timeline(store, "Sandwell")
    standard = next(i for i in tl.inspections if i.date == "2019-02-04")
    assert standard.label == "standard inspection"
    assert (standard.end, standard.published, standard.framework) == (
        "2019-02-15",
        "2019-04-01",
        "ILACS",
    )
    assert standard.grade == "Inadequate"
    assert [(j.area, j.grade) for j in standard.judgements] == [
        ("overall effectiveness", "Inadequate"),
        ("help and protection", "Requires improvement to be good"),
    ]
    assert standard.inspectors == ("Ivy Inspector",)
    assert standard.sources == (f"{ID}doc/fixture-letter",)
    sif = tl.inspections[0]
    assert (sif.label, sif.framework, sif.grades) == ("SIF inspection", "SIF", ())


def test_other_bodies_inspections_are_not_listed(store) -> None:
    assert all(i.iri != f"{ID}inspection/dudley" for i in timeline(store, "Sandwell").items)
    assert [i.iri for i in timeline(store, "Dudley").items] == [f"{ID}inspection/dudley"]


def test_events_of_the_bodies_delivering_its_services_and_cases_are_included(store) -> None:
    tl = timeline(store, "Sandwell")
    event = next(i for i in tl.items if i.kind == "event")
    assert (event.label, event.detail) == (
        "Establishment",
        "The trust took over children's services",
    )
    case = next(i for i in tl.items if i.kind == "case")
    assert (case.label, case.detail) == ("case: Child X", "a review")


def _posts(item) -> list[tuple[str, str, str]]:
    return [(p.name, p.role, p.evidence) for p in item.in_post]


def test_people_in_post_by_period_and_by_nearest_statement(store) -> None:
    by_date = {i.date or i.published: i for i in timeline(store, "Sandwell").items}
    assert _posts(by_date["2019-02-04"]) == [
        ("Cat Chief", "Chief Executive", "period 2015-01-01 to 2020-12-31"),
        ("Ann Able", "Director of Children's Services", "as of 2019-03-01"),
    ]
    # The period ended in 2020; the former cabinet member never counts; Ben is nearest.
    assert _posts(by_date["2022-05-09"]) == [
        ("Ben Bright", "Executive Director, Children", "as of 2022-06-01"),
    ]
    assert _posts(by_date["2021"]) == []


def test_only_the_nearest_holder_of_a_role_is_shown(store) -> None:
    wide = timeline(store, "Sandwell", window_days=5000)
    standard = next(i for i in wide.inspections if i.date == "2019-02-04")
    names = [p.name for p in standard.in_post]
    assert "Ann Able" in names and "Ben Bright" not in names and "Dan Done" not in names


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_the_plot_is_a_valid_image(store, tmp_path, suffix) -> None:
    path = plot_grades(timeline(store, "Sandwell"), tmp_path / f"grades{suffix}")
    data = path.read_bytes()
    if suffix == ".png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR"
    else:
        text = data.decode("utf-8")
        assert "<svg" in text and text.rstrip().endswith("</svg>")
        assert "Inadequate" in text and "Outstanding" in text


def test_the_plot_refuses_other_formats_and_bodies_without_grades(store, tmp_path) -> None:
    with pytest.raises(ParameterError, match=r"\.png or \.svg"):
        plot_grades(timeline(store, "Sandwell"), tmp_path / "grades.jpg")
    with pytest.raises(FilterError, match="no graded inspection"):
        plot_grades(timeline(store, "SCT"), tmp_path / "grades.png")


# --- the command ---------------------------------------------------------------------------


def test_the_command_prints_a_table(store_path) -> None:
    result = CliRunner().invoke(_app(), ["timeline", "Sandwell", "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    assert "Sandwell Metropolitan Borough Council" in result.stdout
    assert "2019-02-04" in result.stdout and "Ann Able" in result.stdout


def test_the_command_prints_json_and_draws_the_plot(store_path, tmp_path) -> None:
    plot = tmp_path / "sandwell.svg"
    result = CliRunner().invoke(
        _app(),
        [
            "timeline",
            "Sandwell",
            "--format",
            "json",
            "--plot",
            str(plot),
            "--store",
            str(store_path),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["body"] == SANDWELL
    assert [i["grades"] for i in data["items"] if i["kind"] == "inspection"] == [
        [],
        ["Inadequate"],
        ["Good"],
    ]
    assert plot.read_text(encoding="utf-8").lstrip().startswith("<?xml")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["the Council"], "names 2 bodies"),
        (["Atlantis"], "no body called 'Atlantis'"),
        (["SCT", "--plot", "x.png"], "no graded inspection"),
    ],
)
def test_the_command_reports_errors_in_one_line_with_exit_code_2(store_path, args, message) -> None:
    result = CliRunner().invoke(_app(), ["timeline", *args, "--store", str(store_path)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_command_reports_a_missing_store(tmp_path) -> None:
    result = CliRunner().invoke(_app(), ["timeline", "Sandwell", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "no ofsted-kg store here" in result.stderr


def test_a_merged_inspection_shows_its_most_specific_kind_and_most_precise_date(store) -> None:
    # The fixture's standard inspection is also typed okg:FullInspection and dated "2019".
    standard = next(i for i in timeline(store, "Sandwell").inspections if i.grade == "Inadequate")
    assert (standard.label, standard.date) == ("standard inspection", "2019-02-04")


# --- end to end: the bundled corpus plus the bundled CSV -----------------------------------

ROOT = Path(__file__).resolve().parents[1]
BUNDLED_CSV = ROOT / "corpus" / "data" / "ofsted_csc_ilacs_history.csv"
CSV_DOC = f"{ID}doc/ofsted_csc_ilacs_history"


@pytest.fixture(scope="module")
def full_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    build = pytest.importorskip("ofsted_kg.graph.build").build
    path = tmp_path_factory.mktemp("full") / "store"
    report = build([ROOT / "corpus"], store=path, ofsted_csv=[BUNDLED_CSV])
    assert not report.problems, report.problems
    return path


@pytest.fixture(scope="module")
def birmingham(full_store_path: Path):
    return timeline(open_store(full_store_path), "Birmingham")


def test_birmingham_2023_inspection_with_grade_and_people_in_post(birmingham) -> None:
    assert birmingham.name == "Birmingham City Council"
    (inspection,) = [i for i in birmingham.inspections if i.date == "2023-02-20"]
    assert inspection.grade == "Good"
    assert "standard inspection" in inspection.label.lower()
    assert "John Roughton" in inspection.inspectors
    assert ("overall effectiveness", "Good") in {
        (j.area.lower(), j.grade) for j in inspection.judgements
    }
    people = {p.name: p for p in inspection.in_post}
    assert "Sue Harrison" in people
    assert people["Sue Harrison"].evidence.startswith("as of 2023-")


def test_text_and_csv_descriptions_of_one_inspection_are_one_item(birmingham) -> None:
    (inspection,) = [i for i in birmingham.inspections if i.date == "2023-02-20"]
    assert CSV_DOC in inspection.sources
    assert any(s != CSV_DOC for s in inspection.sources)


def test_birmingham_items_are_in_date_order(birmingham) -> None:
    dated = [i.date or i.published for i in birmingham.items if i.date or i.published]
    assert dated == sorted(dated)
    grades = [i.grade for i in birmingham.inspections if i.grade]
    assert grades.count("Good") >= 1 and grades.count("RequiresImprovement") >= 1


def test_every_csv_row_is_its_own_inspection(full_store_path: Path) -> None:
    store = open_store(full_store_path)
    rows = store.query(
        f"""SELECT ?row (COUNT(DISTINCT ?i) AS ?n) WHERE {{
              GRAPH <{CSV_DOC}> {{ ?i a <{OKG}Inspection> ; <{OKG}sourceRow> ?row }}
            }} GROUP BY ?row"""
    )
    per_row = {int(s["row"].value): int(s["n"].value) for s in rows}
    assert per_row == dict.fromkeys(range(1, 498), 1)
    nodes = store.query(
        f"SELECT (COUNT(DISTINCT ?i) AS ?n) "
        f"WHERE {{ GRAPH <{CSV_DOC}> {{ ?i <{OKG}sourceRow> ?r }} }}"
    )
    assert int(next(iter(nodes))["n"].value) == 497


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_the_command_plots_birmingham(full_store_path: Path, tmp_path: Path, suffix) -> None:
    plot = tmp_path / f"birmingham{suffix}"
    result = CliRunner().invoke(
        _app(), ["timeline", "Birmingham", "--plot", str(plot), "--store", str(full_store_path)]
    )
    assert result.exit_code == 0, result.output
    assert "2023-02-20" in result.stdout and "Sue Harrison" in result.stdout
    data = plot.read_bytes()
    if suffix == ".png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    else:
        assert b"<svg" in data and b"Birmingham City Council" in data
