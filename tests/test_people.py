"""People: full names recognised on evidence, short mentions attached to the right person or to no one."""

from __future__ import annotations

import pytest

from ofsted_kg.loaders.extract import extract
from ofsted_kg.loaders.model import Document, Extraction


def _extract(text: str) -> Extraction:
    return extract(Document(doc_id="t", path="t.txt", text=text, sha256="0"))


def _names(text: str) -> set[str]:
    return {p.name for p in _extract(text).people.values()}


def _owner(ex: Extraction, surface: str, occurrence: int = 0) -> list[str]:
    """Who the ``occurrence``-th written ``surface`` was attached to (by name)."""
    text = ex.document.text
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(surface, at + 1)
    end = at + len(surface)
    return [
        p.name for p in ex.people.values() if any(s.start < end and at < s.end for s in p.spans)
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Cllr Priya Chaudhry said the plan was sound.", "Priya Chaudhry"),
        ("Professor Kevin Amadi OBE, independent chair, said so.", "Kevin Amadi"),
        ("The inspection was led by Gemma McAllister HMI.", "Gemma McAllister"),
        (
            "Dr Siobhan O'Donnell-Hart, director of children's services, agreed.",
            "Siobhan O'Donnell-Hart",
        ),
        ("Det Insp Craig MacKenzie, of Cumbria Police, said.", "Craig MacKenzie"),
        ("Mrs Justice Alder said the mother, Kelly-Ann Price, had lied.", "Kelly-Ann Price"),
        (
            "The report was written by Anne-Marie de Souza, director of children's services.",
            "Anne-Marie de Souza",
        ),
    ],
)
def test_honorifics_ranks_and_post_nominals_are_not_part_of_the_name(text: str, name: str) -> None:
    assert name in _names(text)


def test_a_name_split_across_a_line_break_is_one_name() -> None:
    assert "Gareth McCallum" in _names(
        "Councillor Gareth\nMcCallum, Portfolio Holder for Children's Services, said:"
    )


def test_a_name_run_into_the_next_word_by_a_pdf_comes_out_right() -> None:
    names = _names('Sally-Anne PriceExecutive Director of Children\'s Services\nsaid: "Thank you."')
    assert names == {"Sally-Anne Price"}


def test_a_byline_name_does_not_run_into_the_role_below() -> None:
    assert _names(
        "By Joe Pickersgill\nCrime Reporter\n\nThursday, 18 January 2024\n\nA story."
    ) == {"Joe Pickersgill"}


def test_a_place_name_can_be_a_surname() -> None:
    ex = _extract("Sarah Bradford, a social worker in Leeds, said caseloads had fallen.")
    assert {p.name for p in ex.people.values()} == {"Sarah Bradford"}
    assert [r.name for r in ex.orgs.values()] == ["Leeds City Council"]


@pytest.mark.parametrize(
    "text",
    [
        "Judgement                  Grade\nOverall effectiveness      Good",
        "Present: Councillors L Fairhurst (Chair), K Moss and R Cole",
        "Head of Quality Assurance\nDirector responsible: the director",
        "Headline findings\n\nWhat needs to improve?",
    ],
)
def test_headings_initials_and_role_titles_are_not_people(text: str) -> None:
    assert _names(text) == set()


def test_two_people_sharing_a_surname_are_kept_apart_and_a_bare_surname_goes_to_no_one() -> None:
    ex = _extract(
        "Cllr Raj Patel, the Labour leader of Bolton Council, said the council had no choice. "
        "Dr Anna Patel, the council's director of children's services, said recruits would start in May. "
        '"Caseloads are too high," said Dr Patel. Patel added that agency staff would go. '
        "Cllr Patel said the council had lobbied ministers."
    )
    assert {p.name for p in ex.people.values()} == {"Raj Patel", "Anna Patel"}
    assert _owner(ex, "Dr Patel") == ["Anna Patel"]
    assert _owner(ex, "Cllr Patel") == ["Raj Patel"]
    assert _owner(ex, "Patel added") == []


def test_a_title_and_surname_mention_goes_to_the_person_introduced_before_it() -> None:
    ex = _extract(
        "Anna Patel told the committee that recruits had started. Ms Patel said each had a mentor. "
        "The council's leader, Cllr Raj Patel, did not attend."
    )
    assert _owner(ex, "Ms Patel") == ["Anna Patel"]


def test_a_title_only_mention_is_resolved_within_its_document() -> None:
    ex = _extract(
        "Dear Ms Okonkwo-Bright\n\nMs Adaeze Okonkwo-Bright, Director of Children's Services, met inspectors. "
        "Ms Okonkwo-Bright said the council would act. Mr Okonkwo-Bright is not mentioned elsewhere."
    )
    assert _owner(ex, "Ms Okonkwo-Bright said") == ["Adaeze Okonkwo-Bright"]
    assert _owner(ex, "Mr Okonkwo-Bright") == []  # an honorific of the other sex is someone else


def test_a_first_name_mention_attaches_when_only_one_person_has_it() -> None:
    ex = _extract(
        "Oliver Brennan, four, died in March. His mother, Kayleigh Brennan, 29, was jailed. "
        "Oliver had been seen 21 times. Brennan was jailed for 14 years."
    )
    assert _owner(ex, "Oliver had") == ["Oliver Brennan"]
    assert _owner(ex, "Brennan was jailed") == []


def test_a_surname_used_later_with_an_honorific_backs_an_unmarked_full_name() -> None:
    ex = _extract(
        "Hertfordshire County Council has appointed Marcus Oduya to lead children's services. "
        "Mr Oduya said he was delighted."
    )
    assert {p.name for p in ex.people.values()} == {"Marcus Oduya"}


def test_a_short_mention_before_anyone_is_introduced_goes_to_no_one() -> None:
    ex = _extract("Smith was praised. Later, Jane Smith, chief executive, said thanks.")
    assert _owner(ex, "Smith was") == []
