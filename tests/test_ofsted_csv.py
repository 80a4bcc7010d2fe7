"""The structured loader against the bundled Ofsted CSV, counted independently with ``csv``."""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from ofsted_kg.errors import SourceError
from ofsted_kg.loaders.gazetteer import load_gazetteer
from ofsted_kg.loaders.model import Extraction
from ofsted_kg.loaders.normalise import fold
from ofsted_kg.loaders.ofsted_csv import load_ofsted_csv
from ofsted_kg.ontology import asset_path

ROOT = Path(__file__).resolve().parents[1]
CSV_PATH = ROOT / "corpus" / "data" / "ofsted_csc_ilacs_history.csv"
SHARED_CSV = ROOT.parent / "shared" / "data" / "ofsted_csc_ilacs_history.csv"
FIXTURES = Path(__file__).parent / "fixtures" / "csv"
GRADE_NAMES = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires improvement": "RequiresImprovement",
    "inadequate": "Inadequate",
}
AREA_COLUMNS = {
    "OverallEffectiveness": "overall_effectiveness_grade",
    "ImpactOfLeaders": "impact_of_leaders_grade",
    "HelpAndProtection": "help_and_protection_grade",
    "ChildrenInCare": "in_care_grade",
    "CareLeavers": "care_leavers_grade",
}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def loaded() -> tuple[Extraction, list[str]]:
    return load_ofsted_csv(CSV_PATH)


def test_every_row_becomes_exactly_one_inspection(loaded, rows) -> None:
    extraction, _ = loaded
    assert len(rows) == 497
    assert len(extraction.inspections) == len(rows)
    assert [f.source_row for f in extraction.inspections] == list(range(1, len(rows) + 1))


@pytest.mark.parametrize("grade", sorted(GRADE_NAMES))
def test_overall_grade_counts_match_the_csv(loaded, rows, grade) -> None:
    extraction, _ = loaded
    expected = sum(1 for r in rows if r["overall_effectiveness_grade"] == grade)
    found = sum(1 for f in extraction.inspections if f.overall_grade == GRADE_NAMES[grade])
    assert expected > 0
    assert found == expected


def test_rows_without_a_readable_overall_grade_have_none(loaded, rows) -> None:
    extraction, _ = loaded
    for row, fact in zip(rows, extraction.inspections, strict=True):
        if row["overall_effectiveness_grade"] not in GRADE_NAMES:
            assert fact.overall_grade is None, fact.source_row


@pytest.mark.parametrize("area", sorted(AREA_COLUMNS))
def test_judgement_counts_per_area_and_grade_match_the_csv(loaded, rows, area) -> None:
    extraction, _ = loaded
    column = AREA_COLUMNS[area]
    # 'to requires improvement' is a garbled 'requires improvement' (the loader warns about it).
    written = Counter(GRADE_NAMES.get(r[column].removeprefix("to ")) for r in rows if r[column])
    written.pop(None, None)
    found = Counter(j.grade for f in extraction.inspections for j in f.judgements if j.area == area)
    assert found == written


def test_every_authority_resolves_to_its_gazetteer_node(loaded, rows) -> None:
    extraction, _ = loaded
    with asset_path("data/local_authorities.csv").open(encoding="utf-8-sig", newline="") as handle:
        gss_by_urn = {r["urn"]: r["la_code_new"] for r in csv.DictReader(handle)}
    gazetteer = load_gazetteer()
    for row, fact in zip(rows, extraction.inspections, strict=True):
        assert fact.body == f"la/{gss_by_urn[row['urn']]}", row["local_authority"]
        assert fact.body in gazetteer.bodies
        assert extraction.orgs[fact.body].name == gazetteer.bodies[fact.body].name
        assert extraction.orgs[fact.body].kind == "LocalAuthority"
    assert len({f.body for f in extraction.inspections}) == len({r["urn"] for r in rows}) == 153


def test_the_inspectorate_is_an_organisation_of_the_extraction(loaded) -> None:
    extraction, _ = loaded
    inspectorates = [o for o in extraction.orgs.values() if o.kind != "LocalAuthority"]
    assert [o.name for o in inspectorates] == ["Ofsted"]
    assert inspectorates[0].key.startswith("national/")


def test_each_span_quotes_its_row_exactly(loaded) -> None:
    extraction, _ = loaded
    raw_lines = CSV_PATH.read_bytes().decode("utf-8").splitlines()
    text = extraction.document.text
    for fact in extraction.inspections:
        assert len(fact.spans) == 1
        assert fact.spans[0].text(text) == raw_lines[fact.source_row]
        assert all(j.span == fact.spans[0] for j in fact.judgements)


def test_the_document_is_the_csv_file(loaded) -> None:
    document = loaded[0].document
    assert document.doc_id == "ofsted_csc_ilacs_history"
    assert document.genre == "dataset"
    assert document.media_type == "text/csv"
    assert document.text == CSV_PATH.read_text(encoding="utf-8")
    assert document.sha256 == hashlib.sha256(document.text.encode("utf-8")).hexdigest()


def test_kinds_and_frameworks(loaded, rows) -> None:
    extraction, _ = loaded
    expected_kind = {"standard": "StandardInspection", "short": "ShortInspection"}
    for row, fact in zip(rows, extraction.inspections, strict=True):
        framework = row["inspection_framework"]
        unparsed = not (row["inspector_name"] or row["inspection_start_date"])
        if framework in expected_kind:
            assert (fact.kind, fact.framework) == (expected_kind[framework], "ILACS")
        elif not framework and unparsed:
            assert (fact.kind, fact.framework) == ("SIFInspection", "SIF")
        else:
            assert (fact.kind, fact.framework) == ("FullInspection", "ILACS")
    assert Counter(f.framework for f in extraction.inspections)["SIF"] == 175


def test_dates_are_iso(loaded, rows) -> None:
    extraction, _ = loaded
    for row, fact in zip(rows, extraction.inspections, strict=True):
        published = datetime.strptime(row["publication_date"], "%d/%m/%y").date().isoformat()
        assert fact.published == published
        for column, value in (
            ("inspection_start_date", fact.start),
            ("inspection_end_date", fact.end),
        ):
            expected = (
                datetime.strptime(row[column], "%d/%m/%Y").date().isoformat()
                if row[column]
                else None
            )
            assert value == expected


def test_lead_inspectors_are_people(loaded, rows) -> None:
    extraction, _ = loaded
    for row, fact in zip(rows, extraction.inspections, strict=True):
        name = row["inspector_name"]
        assert fact.inspectors == ([fold(name)] if name else [])
        if name:
            person = extraction.people[fold(name)]
            assert person.name == name or fold(person.name) == fold(name)
            assert fact.spans[0] in person.spans
    # Two spellings of one name ('Maire' / 'Máire') are one person.
    spellings = Counter(fold(r["inspector_name"]) for r in rows if r["inspector_name"])
    assert len(extraction.people) == len(spellings)


def test_unreadable_values_are_reported_row_by_row(loaded, rows) -> None:
    _, warnings = loaded
    unreadable_rows = [n for n, r in enumerate(rows, 1) if "data_unreadable" in r.values()]
    reported = [
        int(m.group(1))
        for w in warnings
        if (m := re.match(r"ofsted_csc_ilacs_history\.csv row (\d+): data_unreadable in ", w))
    ]
    assert reported == unreadable_rows
    assert len(reported) == 176


def test_garbled_grade_is_read_and_reported(loaded, rows) -> None:
    extraction, warnings = loaded
    garbled = [
        n
        for n, r in enumerate(rows, 1)
        if r["help_and_protection_grade"] == "to requires improvement"
    ]
    assert garbled
    for number in garbled:
        fact = extraction.inspections[number - 1]
        assert ("HelpAndProtection", "RequiresImprovement") in {
            (j.area, j.grade) for j in fact.judgements
        }
        assert any(
            w.startswith(f"ofsted_csc_ilacs_history.csv row {number}: help_and_protection")
            for w in warnings
        )


def test_no_two_rows_describe_the_same_inspection(loaded) -> None:
    extraction, _ = loaded
    starts = Counter((f.body, f.start) for f in extraction.inspections if f.start)
    published = Counter((f.body, f.published) for f in extraction.inspections)
    assert max(starts.values()) == 1
    assert max(published.values()) == 1


def test_the_bundled_copy_is_the_one_sources_md_describes() -> None:
    sources = (CSV_PATH.parent / "SOURCES.md").read_text(encoding="utf-8")
    digest = hashlib.sha256(CSV_PATH.read_bytes()).hexdigest()
    assert "| ofsted_csc_ilacs_history.csv |" in sources
    assert digest in sources
    assert str(CSV_PATH.stat().st_size) in sources
    if SHARED_CSV.is_file():
        assert CSV_PATH.read_bytes() == SHARED_CSV.read_bytes()


# --- small fixture files -------------------------------------------------------------------


def test_a_broken_date_is_reported_and_the_rest_loads() -> None:
    extraction, warnings = load_ofsted_csv(FIXTURES / "broken_date.csv")
    assert len(extraction.inspections) == 3
    assert (
        "broken_date.csv row 2: inspection_start_date '31/02/2019' is not a date; "
        "kept without a start date"
    ) in warnings
    broken = extraction.inspections[1]
    assert (broken.start, broken.end, broken.overall_grade) == (
        None,
        "2019-03-15",
        "RequiresImprovement",
    )
    assert extraction.inspections[0].start == "2019-02-04"
    assert any(
        w.startswith("broken_date.csv row 3: publication_date '2/13/20' is not a date")
        for w in warnings
    )


def test_a_lower_case_name_is_title_cased_and_a_csv_name_resolves() -> None:
    extraction, _ = load_ofsted_csv(FIXTURES / "broken_date.csv")
    third = extraction.inspections[2]
    assert third.inspectors == ["jane doe"]
    assert extraction.people["jane doe"].name == "Jane Doe"
    assert extraction.people["ivy inspector"].name == "Ivy Inspector"
    assert third.body == load_gazetteer().by_urn("80450").key
    assert [j.area for j in third.judgements] == [
        "OverallEffectiveness",
        "ImpactOfLeaders",
        "HelpAndProtection",
        "ChildrenInCare",
    ]


def test_a_file_with_bom_and_crlf_loads_with_exact_offsets() -> None:
    path = FIXTURES / "bom_crlf.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    extraction, warnings = load_ofsted_csv(path)
    assert [f.overall_grade for f in extraction.inspections] == ["Good", None]
    text = extraction.document.text
    assert not text.startswith("\ufeff")
    first = extraction.inspections[0].spans[0].text(text)
    assert first.startswith('2532287,"bournemouth, christchurch & poole",')
    assert first.endswith(",1") and "\r" not in first
    assert extraction.inspections[1].kind == "SIFInspection"
    assert warnings == [
        "bom_crlf.csv row 2: data_unreadable in impact_of_leaders_grade, "
        "help_and_protection_grade, in_care_grade, care_leavers_grade; "
        "kept without those judgements"
    ]


def test_a_row_with_the_wrong_number_of_fields_is_reported_and_skipped() -> None:
    extraction, warnings = load_ofsted_csv(FIXTURES / "wrong_columns.csv")
    assert "wrong_columns.csv row 2: has 14 fields, expected 15; row skipped" in warnings
    assert [f.source_row for f in extraction.inspections] == [1, 3]


def test_an_unknown_authority_and_unreadable_grades_are_kept_and_reported() -> None:
    extraction, warnings = load_ofsted_csv(FIXTURES / "wrong_columns.csv")
    unknown = extraction.inspections[1]
    assert unknown.body == "name/nowhere"
    assert unknown.overall_grade is None
    assert [(j.area, j.grade) for j in unknown.judgements] == [
        ("ImpactOfLeaders", "Good"),
        ("ChildrenInCare", "Good"),
        ("CareLeavers", "Good"),
    ]
    assert (
        "wrong_columns.csv row 3: authority 'nowhere' (urn '99999') is not in the gazetteer; "
        "kept under its name" in warnings
    )
    assert any(
        "row 3: overall_effectiveness_grade 'good to outstanding' is not a grade" in w
        for w in warnings
    )
    assert any("row 3: help_and_protection_grade 'excellent' is not a grade" in w for w in warnings)


def test_a_file_without_the_columns_is_refused_naming_the_file() -> None:
    with pytest.raises(SourceError, match=r"missing_column\.csv: .*inspection_framework"):
        load_ofsted_csv(FIXTURES / "missing_column.csv")


def test_a_row_that_is_not_valid_csv_is_reported_and_skipped() -> None:
    extraction, warnings = load_ofsted_csv(FIXTURES / "bad_quote.csv")
    assert [f.source_row for f in extraction.inspections] == [2]
    assert [w.split(":")[0] for w in warnings] == ["bad_quote.csv row 1", "bad_quote.csv row 3"]
    assert all("is not valid CSV" in w and w.endswith("row skipped") for w in warnings)
