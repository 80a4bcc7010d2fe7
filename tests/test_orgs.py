"""Organisations found by the shape of their name, linked to their councils, and their short forms resolved."""

from __future__ import annotations

from pathlib import Path

import pytest

from ofsted_kg.graph.build import build
from ofsted_kg.graph.store import open_store
from ofsted_kg.loaders.extract import extract
from ofsted_kg.loaders.model import Document, Extraction
from ofsted_kg.loaders.normalise import fold

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"


def _extract(text: str) -> Extraction:
    return extract(Document(doc_id="t", path="t.txt", text=text, sha256="0"))


def _by_name(ex: Extraction, name: str):  # type: ignore[no-untyped-def]
    found = [r for r in ex.orgs.values() if fold(r.name) == fold(name)]
    assert found, f"{name} not among {[r.name for r in ex.orgs.values()]}"
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        (
            "Services are run by Sandwell Children's Trust.",
            "Sandwell Children's Trust",
            "ChildrensTrust",
        ),
        (
            "Bradford Children and Families Trust took over.",
            "Bradford Children and Families Trust",
            "ChildrensTrust",
        ),
        (
            "Staff at Leeds Teaching Hospitals NHS Trust were told.",
            "Leeds Teaching Hospitals NHS Trust",
            "HealthService",
        ),
        (
            "NHS Norfolk and Waveney Integrated Care Board agreed.",
            "NHS Norfolk and Waveney Integrated Care Board",
            "HealthService",
        ),
        (
            "Officers from Avon and Somerset Constabulary attended.",
            "Avon and Somerset Constabulary",
            "PoliceForce",
        ),
        (
            "The Metropolitan Police Service attends daily.",
            "Metropolitan Police Service",
            "PoliceForce",
        ),
        (
            "Greater Manchester Police shared information.",
            "Greater Manchester Police",
            "PoliceForce",
        ),
        (
            "Hampshire and Isle of Wight Constabulary was there.",
            "Hampshire and Isle of Wight Constabulary",
            "PoliceForce",
        ),
        (
            "The Derby and Derbyshire Safeguarding Children Partnership met.",
            "Derby and Derbyshire Safeguarding Children Partnership",
            "SafeguardingPartnership",
        ),
        (
            "The Keeping Bristol Safe Partnership agreed.",
            "Keeping Bristol Safe Partnership",
            "SafeguardingPartnership",
        ),
        ("The Children's Scrutiny Panel met.", "Children's Scrutiny Panel", "Committee"),
        ("The Corporate Parenting Board met.", "Corporate Parenting Board", "Committee"),
        ("He appeared at Teesside Crown Court.", "Teesside Crown Court", "Court"),
        (
            "The Manchester Evening News reported it.",
            "Manchester Evening News",
            "MediaOrganisation",
        ),
        ("The Liverpool Echo reported it.", "Liverpool Echo", "MediaOrganisation"),
        ("BBC Yorkshire reported it.", "BBC", "MediaOrganisation"),
    ],
)
def test_kinds_of_body_are_found_by_their_names(sentence: str, name: str, kind: str) -> None:
    ref = _by_name(_extract(sentence), name)
    assert ref.kind == kind


def test_a_joint_body_named_for_several_places_is_one_body_not_several_councils() -> None:
    ex = _extract(
        "Dr Jo Bloggs, Chief Executive Officer, NHS Bristol, North Somerset and South Gloucestershire "
        "Integrated Care Board, said the board agreed."
    )
    assert [r.name for r in ex.orgs.values()] == [
        "NHS Bristol, North Somerset and South Gloucestershire Integrated Care Board"
    ]


def test_a_longer_gazetteer_name_wins_over_a_pattern_inside_it() -> None:
    ex = _extract(
        "Inspectors from His Majesty's Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) took part."
    )
    assert [r.kind for r in ex.orgs.values()] == ["Inspectorate"]


def test_a_body_listed_with_another_does_not_swallow_it() -> None:
    ex = _extract(
        "The Kirklees Safeguarding Children Partnership and West Yorkshire Police contributed."
    )
    names = {r.name for r in ex.orgs.values()}
    assert {"Kirklees Safeguarding Children Partnership", "West Yorkshire Police"} <= names
    assert not any(" and West" in n for n in names)


def test_a_heading_in_capitals_names_a_committee() -> None:
    ex = _extract(
        "MINUTES OF A MEETING OF THE CHILDREN AND YOUNG PEOPLE SCRUTINY COMMITTEE\nheld at Guildhall"
    )
    assert [r.name for r in ex.orgs.values() if r.kind == "Committee"] == [
        "Children and Young People Scrutiny Committee"
    ]


def test_a_trust_serves_its_council_and_a_committee_belongs_to_it() -> None:
    ex = _extract(
        "Sandwell Children's Trust runs children's social care for Sandwell Council. "
        "The council's Children's Services Scrutiny Committee questioned the trust's chief executive."
    )
    trust = _by_name(ex, "Sandwell Children's Trust")
    committee = _by_name(ex, "Children's Services Scrutiny Committee")
    council = _by_name(ex, "Sandwell Metropolitan Borough Council")
    assert trust.serves == council.key
    assert committee.parent == council.key


def test_a_company_without_trust_in_its_name_serves_the_council_the_document_names() -> None:
    ex = _extract(
        "Achieving for Children runs services for the Royal Borough of Windsor and Maidenhead."
    )
    company = _by_name(ex, "Achieving for Children")
    assert company.kind == "ChildrensTrust"
    assert ex.orgs[company.serves].name == "Royal Borough of Windsor and Maidenhead"  # type: ignore[index]


def _surfaces_of(ex: Extraction, name: str) -> set[str]:
    return _by_name(ex, name).aliases


def test_the_trust_is_the_nearest_trust_before_it() -> None:
    ex = _extract(
        "Together for Children Sunderland was judged outstanding. Its leaders said the trust was proud.\n\n"
        "Doncaster Children's Services Trust handed services back. The trust's former chair said so."
    )
    assert "the trust" in _surfaces_of(ex, "Together for Children Sunderland")
    assert "The trust" not in _surfaces_of(ex, "Together for Children Sunderland")
    spans = _by_name(ex, "Doncaster Children's Services Trust").spans
    assert any(ex.document.text[s.start : s.end] == "The trust" for s in spans)


def test_the_council_is_the_documents_council_unless_another_is_named_in_the_sentence() -> None:
    ex = _extract(
        "Warrington Borough Council has a new director. Warrington's services are good. "
        "She was formerly at Wigan Council. The council's leader praised her. "
        "Halton Borough Council said the council would miss her."
    )
    warrington = _by_name(ex, "Warrington Borough Council")
    halton = _by_name(ex, "Halton Borough Council")
    assert "The council" in warrington.aliases
    assert "the council" in halton.aliases


def test_the_partnership_and_the_committee_resolve_to_the_body_named_before() -> None:
    ex = _extract(
        "The Nottinghamshire Safeguarding Children Partnership published a review. "
        "The independent chair of the partnership apologised. "
        "The Children's Services Scrutiny Committee met; the committee's chair asked questions."
    )
    assert "the partnership" in _surfaces_of(
        ex, "Nottinghamshire Safeguarding Children Partnership"
    )
    assert "the committee" in _surfaces_of(ex, "Children's Services Scrutiny Committee")


@pytest.fixture(scope="module")
def unseen_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("unseen") / "store"
    report = build([UNSEEN], store=path)
    assert not report.problems, report.problems
    return open_store(path)


def _pairs(store, predicate: str) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    query = f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?a ?b WHERE {{ ?x <{predicate}> ?y . ?x skos:prefLabel ?a . ?y skos:prefLabel ?b }}"""
    return {
        (s["a"].value, s["b"].value) for s in store.query(query, use_default_graph_as_union=True)
    }


def test_links_between_bodies_reach_the_graph(unseen_store) -> None:  # type: ignore[no-untyped-def]
    serves = _pairs(unseen_store, "https://w3id.org/ofsted-kg/ontology#deliversServicesFor")
    part_of = _pairs(unseen_store, "http://www.w3.org/ns/org#subOrganizationOf")
    assert ("Together for Children Sunderland", "Sunderland City Council") in serves
    assert ("Doncaster Children's Services Trust", "City of Doncaster Council") in serves
    assert (
        "Children and Young People Overview and Scrutiny Committee",
        "Cheshire West and Chester Council",
    ) in part_of
    assert (
        "Children's Services Scrutiny Committee",
        "Bolton Metropolitan Borough Council",
    ) in part_of


def test_the_council_after_a_trust_is_the_council_the_trust_serves() -> None:
    ex = _extract(
        "Together for Children Sunderland, which took over the city council's services in 2017, "
        "was judged outstanding. Achieving for Children serves the Royal Borough of Kingston upon "
        "Thames and the London Borough of Richmond upon Thames."
    )
    assert "the city council" in _surfaces_of(ex, "Sunderland City Council")


def test_the_subject_of_a_kind_is_the_most_mentioned_and_of_equals_the_first_named() -> None:
    from ofsted_kg.loaders.orgs import subject_of_kind

    ex = _extract("Wigan Council and Bolton Council met. Leeds City Council did not.")
    assert subject_of_kind(ex.orgs, "LocalAuthority").name == "Wigan Council"  # type: ignore[union-attr]
