"""Roles: the role as written, its concept, the body it is held in, "former", and a stated period."""

from __future__ import annotations

import pytest

from ofsted_kg.loaders.extract import extract
from ofsted_kg.loaders.model import Document, Extraction, Membership
from ofsted_kg.loaders.role_terms import period_in


def _extract(text: str) -> Extraction:
    return extract(Document(doc_id="t", path="t.txt", text=text, sha256="0"))


def _posts(text: str) -> list[tuple[str, str, str, str | None]]:
    """(person, role as written, body, concept) for each membership, sorted."""
    ex = _extract(text)
    return sorted(
        (ex.people[m.person].name, m.role, ex.orgs[m.org].name, m.role_concept)
        for m in ex.memberships
    )


def _only(text: str) -> tuple[Extraction, Membership]:
    ex = _extract(text)
    assert len(ex.memberships) == 1, [(m.person, m.role, m.org) for m in ex.memberships]
    return ex, ex.memberships[0]


@pytest.mark.parametrize(
    ("text", "post"),
    [
        (
            "Cllr Raj Patel, the Labour leader of Bolton Council, said so.",
            ("Raj Patel", "Labour leader", "Bolton Metropolitan Borough Council", "LeaderOfTheCouncil"),
        ),
        (
            "Bolton Council's leader, Cllr Raj Patel, did not attend.",
            ("Raj Patel", "leader", "Bolton Metropolitan Borough Council", "LeaderOfTheCouncil"),
        ),
        (
            "Nottinghamshire County Council's director of children's services, Lorraine Ashby-Cole, said it.",
            ("Lorraine Ashby-Cole", "director of children's services", "Nottinghamshire County Council",
             "DirectorOfChildrensServices"),
        ),
        (
            "I am copying this letter to Sam Adeyemi, Chief Executive of Lincolnshire County Council.",
            ("Sam Adeyemi", "Chief Executive", "Lincolnshire County Council", "ChiefExecutive"),
        ),
        (
            "Robert Lee, Director of Children's Services, Bristol City Council\nDear partners",
            ("Robert Lee", "Director of Children's Services", "Bristol City Council", "DirectorOfChildrensServices"),
        ),
        (
            "Yours sincerely\n\nPeter Lindqvist\nHis Majesty's Inspector, Ofsted",
            ("Peter Lindqvist", "His Majesty's Inspector", "Ofsted", "HMInspector"),
        ),
        (
            "The visit was carried out by His Majesty's Inspectors Lucy O'Brien and Matt Ngata.",
            ("Lucy O'Brien", "His Majesty's Inspector", "Ofsted", "HMInspector"),
        ),
        (
            "Detective Chief Inspector Paula Greaves, of South Yorkshire Police, said it was harrowing.",
            ("Paula Greaves", "Detective Chief Inspector", "South Yorkshire Police", "PoliceOfficer"),
        ),
        (
            "Wendy Caulfield\nHis Majesty's Inspector of Constabulary",
            ("Wendy Caulfield", "His Majesty's Inspector of Constabulary",
             "HM Inspectorate of Constabulary and Fire & Rescue Services", "HMInspector"),
        ),
        (
            "Dominic Fenwick (Head of Safeguarding, Portsmouth City Council) explained.",
            ("Dominic Fenwick", "Head of Safeguarding", "Portsmouth City Council", "HeadOfService"),
        ),
    ],
)  # fmt: skip
def test_a_role_is_kept_as_written_with_its_body_and_concept(
    text: str, post: tuple[str, ...]
) -> None:
    assert post in _posts(text)


def test_its_points_to_the_body_the_sentence_before_was_about() -> None:
    posts = _posts(
        "Together for Children Sunderland was judged outstanding by Ofsted last year. "
        "Its chief executive, Fiona Redpath, said the trust had focused on practice."
    )
    assert (
        "Fiona Redpath",
        "chief executive",
        "Together for Children Sunderland",
        "ChiefExecutive",
    ) in posts


def test_a_form_field_role_belongs_to_the_body_whose_document_it_is() -> None:
    posts = _posts(
        "Worcestershire Children First\nAnnual Report 2022/23\n\n"
        "Chief Executive: Tina Russo\nDirector of Resources: Hamid Farouk\n"
    )
    assert [(p, r, b) for p, r, b, _ in posts] == [
        ("Hamid Farouk", "Director of Resources", "Worcestershire Children First"),
        ("Tina Russo", "Chief Executive", "Worcestershire Children First"),
    ]


def test_a_label_is_not_a_role_when_the_name_has_its_own() -> None:
    posts = _posts(
        "Kirklees Council\nReport to Cabinet\n\nLead officer: Gareth Pennington, Service Director – Children's Social Care\n"
    )
    assert [r for _, r, _, _ in posts] == ["Service Director – Children's Social Care"]


@pytest.mark.parametrize(
    ("text", "role", "former"),
    [
        ("Andrew Lyle, the trust's former chair, said so. Doncaster Children's Services Trust closed.", "chair", True),
        ("Michael Grant, a former Bolton Council social worker, said so.", "social worker", True),
        ("Dr Amara Nwosu was formerly assistant director of children's social care at Wigan Council.",
         "assistant director of children's social care", True),
        ("Jane Doe, chief executive of Wigan Council, said so.", "chief executive", False),
    ],
)  # fmt: skip
def test_former_roles_are_flagged_and_the_word_is_not_part_of_the_role(
    text: str, role: str, former: bool
) -> None:
    _, m = _only(text)
    assert (m.role, m.former) == (role, former)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Andy Lister, chief executive of Doncaster Children's Services Trust from 2019 to 2022, said so.",
         "2019", "2022"),
        ("Dr Amara Nwosu, who has been director of children's services at Warrington Borough Council since 2020, "
         "will leave.", "2020", None),
        ("Nadia Karimi, a social worker, has been promoted. She joins from Devon County Council, where she has "
         "been assistant director for safeguarding since March 2019.", "2019-03", None),
        ("Steven Harcastle, who was DCS at Halton Borough Council between 2015 and 2020, retired.", "2015", "2020"),
    ],
)  # fmt: skip
def test_a_stated_period_sets_the_membership_period(text: str, start: str, end: str | None) -> None:
    _, m = _only(text)
    assert (m.period_start, m.period_end) == (start, end)
    assert "20" not in m.role  # the period is not part of the role's label


def test_a_who_clause_can_state_two_posts() -> None:
    ex = _extract(
        "Warrington Borough Council's new director starts soon. She replaced Steven Harcastle, "
        "who was DCS from 2015 to 2020 and is now chief executive of Halton Borough Council."
    )
    posts = {(m.role, ex.orgs[m.org].name, m.period_start, m.period_end) for m in ex.memberships}
    assert posts == {
        ("DCS", "Warrington Borough Council", "2015", "2020"),
        ("chief executive", "Halton Borough Council", None, None),
    }


def test_a_role_written_twice_for_one_post_is_one_membership() -> None:
    ex = _extract(
        "The inspection was led by Gemma McAllister HMI.\n\nYours sincerely\n\nGemma McAllister\nHis Majesty's Inspector"
    )
    assert [(m.role, m.org) for m in ex.memberships] == [
        ("His Majesty's Inspector", "national/ofsted")
    ]


def test_a_role_without_a_body_gets_none_unless_only_one_kind_of_body_has_it() -> None:
    assert _posts("Jane Doe, a social worker, said she was proud.") == []
    assert _posts(
        "Ofsted inspected Wigan Council. Jane Doe, lead member for children, was pleased."
    ) == [("Jane Doe", "lead member for children", "Wigan Council", "CabinetMember")]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("in post since 2019", ("2019", None)),
        ("from April 2018 until March 2021", ("2018-04", "2021-03")),
        ("(2016-2019)", ("2016", "2019")),
        ("until 2022", (None, "2022")),
        ("appointed in September 2021", ("2021-09", None)),
        ("from 2022 to 2019", (None, None)),
        ("with 2019 figures", (None, None)),
    ],
)
def test_periods_are_read_from_the_words_that_state_them(
    clause: str, expected: tuple[str | None, ...]
) -> None:
    assert period_in(clause, 0, len(clause)) == expected


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Portsmouth City Council\n\nAlso present: Councillor Suzy Horton, Cabinet Member for Children, "
            "Families and Education\n",
            "Cabinet Member for Children, Families and Education",
        ),
        (
            "Hertfordshire County Council news\n\nQuote from Councillor Fiona Thistle, Executive Member for "
            "Children, Young People and Families:\n",
            "Executive Member for Children, Young People and Families",
        ),
        (
            "The improvement adviser appointed by the Department for Education, Brian Holloway, helped.",
            "improvement adviser",
        ),
    ],
)
def test_a_role_label_is_the_whole_title_and_no_more(text: str, role: str) -> None:
    _, m = _only(text)
    assert m.role == role
