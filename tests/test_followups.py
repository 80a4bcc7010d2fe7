"""Follow-ups on reported misses: possessive short mentions, children named with an age, and
the document date taken only from a date line, never from a sentence of the story.

Every test runs the real pipeline (read the text file, extract) on composed sentences or on the
documents under ``tests/fixtures/followups/`` (invented councils and people).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ofsted_kg.loaders.extract import extract
from ofsted_kg.loaders.model import Extraction
from ofsted_kg.loaders.text import read_text_document

FIXTURES = Path(__file__).parent / "fixtures" / "followups"


@pytest.fixture
def read(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Extract a composed text written to a file, as a user's own document would be."""

    def _read(text: str) -> Extraction:
        path = tmp_path / "composed.txt"
        path.write_text(text, encoding="utf-8")
        return extract(read_text_document(path))

    return _read


def fixture(name: str) -> Extraction:
    return extract(read_text_document(FIXTURES / name))


def mentions(ex: Extraction) -> dict[str, list[str]]:
    """Each person's name and the text of every span attached to them, in order."""
    text = ex.document.text
    return {
        p.name: [text[s.start : s.end] for s in sorted(p.spans, key=lambda s: s.start)]
        for p in ex.people.values()
    }


def owner_at(ex: Extraction, at: int) -> list[str]:
    return [p.name for p in ex.people.values() if any(s.start == at for s in p.spans)]


# -- 1. possessive short mentions --------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        (
            "Khyra Ishaq died in 2008. Khyra's mother Angela Gordon was jailed.",
            "Khyra's mother",
            "Khyra Ishaq",
        ),
        (
            "Ellie Butler died in 2013. Ellie's death is a tragedy, the judge said.",
            "Ellie's death",
            "Ellie Butler",
        ),
        (
            "Mr Ravi Patel, the director of children's services, spoke. Mr Patel's report was "
            "published.",
            "Patel's report",
            "Ravi Patel",
        ),
        (
            "Tomasz Wrobel, the council's chief executive, agreed. Wrobel’s letter was sent.",
            "Wrobel’s letter",
            "Tomasz Wrobel",
        ),
    ],
)
def test_possessive_short_mention_links_to_the_full_name(
    read, text: str, surface: str, name: str
) -> None:
    ex = read(text)
    at = text.index(surface)
    assert owner_at(ex, at) == [name]
    person = next(p for p in ex.people.values() if p.name == name)
    span = next(s for s in person.spans if s.start == at)
    assert text[span.start : span.end] == surface.split("'")[0].split("’")[0]  # name, not 's


def test_possessive_full_name_before_a_relative_is_a_person(read) -> None:
    ex = read("Khyra Ishaq's mother, Angela Gordon, was jailed in 2010.")
    assert mentions(ex)["Khyra Ishaq"] == ["Khyra Ishaq"]
    assert "Angela Gordon" in mentions(ex)


def test_possessive_of_a_shared_first_name_links_to_no_one(read) -> None:
    text = (
        "Sam Okoro, the council's director of children's services, met Sam Field, the trust's "
        "chair. Sam's plan was agreed."
    )
    ex = read(text)
    assert owner_at(ex, text.index("Sam's plan")) == []


def test_possessive_does_not_make_organisations_or_words_people(read) -> None:
    ex = read(
        "Wexcombe Borough Council's director said the Children's Trust's budget was agreed. "
        "Ofsted's inspectors visited. Let's hope, she said."
    )
    assert set(mentions(ex)) == set()


def test_fixture_possessives_link_to_the_people_named_before(read) -> None:
    ex = fixture("undated_case_news.txt")
    got = mentions(ex)
    assert got["Tobias Renshaw-Pike"] == ["Tobias Renshaw-Pike", "Tobias", "Tobias"]
    assert got["Mark Dellow"] == ["Mark Dellow", "Dellow"]
    assert got["Carla Renshaw"] == ["Carla Renshaw"]


# -- 2. children named with an age or after a comma ----------------------------------------------
@pytest.mark.parametrize(
    ("text", "child"),
    [
        (
            "The murder of six-year-old Arthur Labinjo-Hughes shocked the country. Arthur's "
            "death led to a national review.",
            "Arthur Labinjo-Hughes",
        ),
        ("Ryan Cole, six, was beaten to death by his stepfather in 2019.", "Ryan Cole"),
        (
            "Noah Briggs, who was seriously injured in 2021, was known to social workers.",
            "Noah Briggs",
        ),
        ("Star Hobson, 16 months, died in September 2020 after months of abuse.", "Star Hobson"),
        ("Mia Lintott, aged two years, was found dead at her home in May 2022.", "Mia Lintott"),
        (
            "The killing of 18-month-old Oscar Penhale was not prevented by the council.",
            "Oscar Penhale",
        ),
    ],
)
def test_child_named_with_an_age_or_comma_is_a_person(read, text: str, child: str) -> None:
    ex = read(text)
    assert child in mentions(ex)


@pytest.mark.parametrize(
    ("text", "child", "date"),
    [
        ("Ryan Cole, six, was beaten to death by his stepfather in 2019.", "ryan cole", "2019"),
        (
            "Noah Briggs, who was seriously injured in 2021, was known to social workers.",
            "noah briggs",
            "2021",
        ),
        (
            "Star Hobson, 16 months, died in September 2020 after months of abuse.",
            "star hobson",
            "2020-09",
        ),
    ],
)
def test_child_named_with_an_age_or_comma_has_a_case(
    read, text: str, child: str, date: str
) -> None:
    ex = read(text)
    assert [(c.child, c.date) for c in ex.cases] == [(child, date)]


def test_child_named_after_an_age_adjective_has_a_case_through_its_possessive(read) -> None:
    ex = read(
        "The murder of six-year-old Arthur Labinjo-Hughes shocked the country. Arthur's death "
        "led to a national review."
    )
    assert [c.child for c in ex.cases] == ["arthur labinjo hughes"]


def test_fixture_case_with_age_adjective_and_possessive_kin(read) -> None:
    ex = fixture("undated_case_news.txt")
    (case,) = ex.cases
    assert case.child == "tobias renshaw pike"
    assert {i.person: i.part.split(";")[0] for i in case.involved} == {"carla renshaw": "mother"}


@pytest.mark.parametrize(
    "text",
    [
        "The council published its six-year-old plan for children in care.",
        "The six-year-old Plan for Families was renewed by the council.",
        "Inspectors found a two-year-old backlog of assessments.",
    ],
)
def test_age_adjective_before_no_name_makes_no_person_or_case(read, text: str) -> None:
    ex = read(text)
    assert (mentions(ex), ex.cases) == ({}, [])


def test_adult_with_an_age_is_a_person_but_not_the_child(read) -> None:
    ex = read(
        "Carla Renshaw, 34, was jailed after Tobias Renshaw-Pike, five, was starved to death "
        "in 2022. Tobias's mother had hidden him from social workers."
    )
    assert {"Carla Renshaw", "Tobias Renshaw-Pike"} <= set(mentions(ex))
    assert [c.child for c in ex.cases] == ["tobias renshaw pike"]


# -- 3. the document's own date -----------------------------------------------------------------
def test_prose_date_is_not_the_document_date(read) -> None:
    ex = read(
        "Trust to run Wexcombe children's services\n"
        "Children's services in Wexcombe will be run by an independent trust, the Department "
        "for Education has said.\n"
        "The trust took over on 1 April 2024.\n"
    )
    assert ex.document.date is None


def test_fixture_without_dateline_has_no_date() -> None:
    assert fixture("undated_case_news.txt").document.date is None


def test_letter_date_line_is_the_document_date() -> None:
    ex = fixture("dated_letter.txt")
    assert (ex.document.date, ex.document.genre) == ("2025-02-12", "ofsted-letter")


def test_published_dateline_wins_over_a_later_prose_date() -> None:
    assert fixture("dateline_news.txt").document.date == "2025-03-06"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Headline of the story\n\nUpdated 12:30, 3 May 2024\n\nBody text.\n", "2024-05-03"),
        ("Headline of the story\n\nDate: 14/03/2024\n\nBody text.\n", "2024-03-14"),
        ("Headline of the story\n\nTue 14 May 2024 06.00 BST\n\nBody text.\n", "2024-05-14"),
        (
            "Headline of the story\n\nby Jane Morrow on March 3, 2024 in Children, Workforce\n\n"
            "Body text.\n",
            "2024-03-03",
        ),
        (
            "Headline of the story\nJane Morrow | 09:30, Friday 3 May 2024\nBody text.\n",
            "2024-05-03",
        ),
        (
            "MINUTES OF A MEETING OF THE CHILDREN'S SCRUTINY PANEL\n"
            "held on Wednesday 8 November 2023 at the Civic Centre\n\nPresent: Councillors.\n",
            "2023-11-08",
        ),
        ("14 March 2024\n\nDear Ms Morrow\n\nThank you for your letter.\n", "2024-03-14"),
        (
            "Headline of the story\n\nThe panel met at 10:30 on 3 May 2024 and agreed the plan.\n",
            None,
        ),
        (
            "Headline of the story\nBy 1 April 2024 the trust will have\ntaken over the service.\n",
            None,
        ),
        ("The council met on 4 March 2025 to agree its budget.\n\nMore text.\n", None),
    ],
)
def test_only_a_date_line_or_heading_gives_the_document_date(
    read, text: str, date: str | None
) -> None:
    assert read(text).document.date == date


def test_a_case_named_only_with_an_age_before_the_child(tmp_path: Path) -> None:
    story = tmp_path / "case.txt"
    story.write_text(
        "Council news\n\nA review into the murder of six-year-old Tomasz Wrobel found that agencies "
        "missed chances to act. He died in 2021.\n",
        encoding="utf-8",
    )
    cases = extract(read_text_document(story)).cases
    assert [c.child for c in cases] == ["tomasz wrobel"]
