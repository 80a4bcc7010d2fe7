"""Inspections, judgements and findings read from documents about other councils (composed fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ofsted_kg.loaders.extract import extract
from ofsted_kg.loaders.model import Extraction, InspectionFact
from ofsted_kg.loaders.text import read_text_document

FIXTURES = Path(__file__).parent / "fixtures" / "inspections"


def read(name: str) -> Extraction:
    return extract(read_text_document(FIXTURES / name))


def facts(ex: Extraction) -> set[tuple[str, str, str | None, str | None, str | None]]:
    return {(i.body, i.kind, i.start, i.end, i.overall_grade) for i in ex.inspections}


def subject(ex: Extraction) -> InspectionFact:
    return next(i for i in ex.inspections if i.is_subject)


def test_ilacs_report_dates_grade_judgements_inspector_and_previous_grade() -> None:
    ex = read("ilacs_report_county.txt")
    norfolk = "la/E10000020"
    assert facts(ex) == {
        (norfolk, "FullInspection", "2023-03-06", "2023-03-17", "Good"),
        (norfolk, "FullInspection", "2019", None, "RequiresImprovement"),
    }
    judgements = {(j.area, j.grade) for j in subject(ex).judgements}
    assert judgements == {
        ("OverallEffectiveness", "Good"),
        ("ImpactOfLeaders", "Good"),
        ("HelpAndProtection", "Good"),
        ("ChildrenInCare", "RequiresImprovement"),
        ("CareLeavers", "Good"),
    }


def test_numbered_improvement_list_becomes_findings_with_themes() -> None:
    ex = read("ilacs_report_county.txt")
    found = {(f.finding_type, f.text.split()[1], tuple(f.themes)) for f in ex.findings}
    assert {kind for kind, _, _ in found} == {"AreaForImprovement"}
    assert len(ex.findings) == 3
    themes = {t for f in ex.findings for t in f.themes}
    assert {
        "HealthAssessmentsTheme",
        "ManagementOversightTheme",
        "PlacementSufficiencyTheme",
    } <= themes
    assert all(ex.document.text[f.span.start : f.span.end] == f.text for f in ex.findings)


def test_focused_visit_letter_kind_dates_inspectors_and_findings() -> None:
    ex = read("focused_visit_letter.txt")
    assert facts(ex) == {("la/E08000015", "FocusedVisit", "2022-07-05", "2022-07-06", None)}
    assert subject(ex).inspectors == ["priya raman", "owen fletcher"]
    assert [f.text for f in ex.findings] == [
        "The quality of pathway plans for care leavers",
        "Access to emotional health support for care leavers",
    ]
    assert ex.document.date == "2022-08-04"
    assert ex.creators == ["priya raman"]


def test_monitoring_visit_and_the_judgement_it_follows_are_two_events() -> None:
    ex = read("monitoring_letter.txt")
    sandwell = "la/E08000028"
    assert facts(ex) == {
        (sandwell, "MonitoringVisit", "2022-08-09", "2022-08-10", None),
        (sandwell, "FullInspection", "2018", None, "Inadequate"),
    }
    assert subject(ex).kind == "MonitoringVisit"


def test_news_history_gives_each_stated_grade_its_own_inspection() -> None:
    ex = read("news_rating_change.txt")
    derbyshire = "la/E10000007"
    found = facts(ex)
    assert (derbyshire, "FullInspection", "2024-01", None, "Outstanding") in found
    assert (derbyshire, "FullInspection", "2019", None, "Good") in found
    assert not any(start and start.startswith("2027") for _, _, start, _, _ in found), (
        "the next inspection is not an event"
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ofsted rated Leeds outstanding in March 2022.", ("2022-03", "Outstanding")),
        (
            "A full inspection of Kent took place from 20 February 2023 to 3 March 2023.",
            ("2023-02-20", None),
        ),
        ("Services in Hackney have been judged inadequate since 2015.", None),
        ("Ofsted will return to Hackney for the next inspection.", None),
        (
            "Hackney's children's services were rated good by Ofsted in 2019 and inadequate in 2016.",
            ("2019", "Good"),
        ),
        (
            "The last Ofsted inspection of Hull, in 2021, found services required improvement.",
            ("2021", "RequiresImprovement"),
        ),
        (
            "An Ofsted inspection of Slough in May 2019 found that children's services were inadequate.",
            ("2019-05", "Inadequate"),
        ),
    ],
)
def test_one_sentence_news(
    tmp_path: Path, sentence: str, expected: tuple[str, str | None] | None
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"Council news\n\n{sentence}\n", encoding="utf-8")
    ex = extract(read_text_document(path))
    got = {(i.start, i.overall_grade) for i in ex.inspections}
    if expected is None:
        assert got == set()
    else:
        assert expected in got
