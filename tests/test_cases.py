"""Cases: children who died or were harmed, the people involved, on the corpus and composed documents."""

from __future__ import annotations

import hashlib

import pytest
from documents import composed, corpus

from ofsted_kg.loaders.extract import extract
from ofsted_kg.loaders.model import CaseFact, Document, Extraction
from ofsted_kg.loaders.segment import split_sentences


def case_of(ex: Extraction, child: str) -> CaseFact:
    return next(c for c in ex.cases if c.child == child)


def parts(case: CaseFact) -> dict[str, str]:
    return {i.person: i.part for i in case.involved}


def evidence(ex: Extraction, case: CaseFact) -> list[str]:
    return [ex.document.text[s.start : s.end] for s in case.spans]


# -- the bundled corpus ------------------------------------------------------------
def test_news_003_has_exactly_two_cases() -> None:
    assert [c.child for c in corpus("003").cases] == ["hakeem hussain", "khyra ishaq"]


def test_hakeem_hussain() -> None:
    ex = corpus("003")
    case = case_of(ex, "hakeem hussain")
    assert case.date == "2017-11"  # "found dead ... in November 2017", not the review's year
    assert parts(case) == {"laura heath": "mother; convicted of manslaughter by gross negligence"}
    assert (
        case.outcome == "Laura Heath was convicted of manslaughter by gross negligence of her son"
    )
    assert case.bodies == ["la/E08000025"]
    assert case.location is None  # "services in Birmingham" is not where he died
    texts = evidence(ex, case)
    assert any("review into the\xa0death of Hakeem Hussain" in t for t in texts)
    assert any(t.startswith("His mother, Laura Heath") for t in texts)  # the pronoun sentence


def test_khyra_ishaq() -> None:
    ex = corpus("003")
    case = case_of(ex, "khyra ishaq")
    assert case.date == "2008"
    assert case.location == "Handsworth"
    assert parts(case) == {
        "angela gordon": "mother; admitted killing",
        "junaid abuhamza": "partner; admitted killing",
    }
    assert case.outcome == "Angela Gordon and Junaid Abuhamza admitted killing Khyra"
    assert case.bodies == ["la/E08000025"]
    assert "Birmingham Social Services were heavily criticised for not acting sooner." in evidence(
        ex, case
    )


def test_people_of_one_case_are_not_in_the_other() -> None:
    ex = corpus("003")
    assert "laura heath" not in parts(case_of(ex, "khyra ishaq"))
    assert not {"angela gordon", "junaid abuhamza"} & set(parts(case_of(ex, "hakeem hussain")))


@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_documents_without_a_child_have_no_case(prefix: str) -> None:
    assert corpus(prefix).cases == []


# -- composed documents about other councils -------------------------------------------
def test_county_case_news_child_parents_conviction_place_and_date() -> None:
    ex = composed("county_case_news.txt")
    assert [c.child for c in ex.cases] == ["ellie marsh", "noah briggs"]
    case = case_of(ex, "ellie marsh")
    assert case.date == "2020-08"
    assert case.location == "Burnley"
    assert parts(case) == {
        "chloe marsh": "mother; convicted of causing or allowing the death of a child",
        "dean walcott": "boyfriend; convicted of causing or allowing the death of a child; jailed for nine years",
    }
    assert case.outcome == (
        "Chloe Marsh and Dean Walcott were convicted of causing or allowing the death of a child at "
        "Preston Crown Court in 2021; Dean Walcott was jailed for nine years"
    )
    assert case.bodies == ["la/E10000017", "name/lancashire safeguarding children partnership"]
    texts = evidence(ex, case)
    assert "Walcott was jailed for nine years." in texts
    assert "Ellie's death is a tragedy and we are deeply sorry." in texts  # a possessive mention


def test_county_case_news_second_child_and_no_adult_cases() -> None:
    ex = composed("county_case_news.txt")
    case = case_of(ex, "noah briggs")
    assert (case.date, case.location, case.involved, case.outcome) == (
        "2019",
        "Lancaster",
        [],
        None,
    )
    children = {c.child for c in ex.cases}
    assert not children & {
        "chloe marsh",
        "dean walcott",
        "martin oduya",
        "helen armitage",
        "priya natarajan",
    }


@pytest.mark.parametrize(
    "name", ["council_press_release.txt", "trust_takeover_news.txt", "council_cabinet_report.txt"]
)
def test_composed_documents_without_a_child_have_no_case(name: str) -> None:
    assert composed(name).cases == []


def test_every_case_span_is_a_sentence_of_the_document() -> None:
    for ex in (corpus("003"), composed("county_case_news.txt")):
        sentences = {s.span for s in split_sentences(ex.document.text)}
        for case in ex.cases:
            assert case.spans
            assert set(case.spans) <= sentences


def _inline(text: str) -> Extraction:
    """A short composed document run through the real pipeline."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return extract(Document(doc_id="inline", path="inline.txt", text=text, sha256=digest))


def test_an_adult_death_and_a_parent_are_not_cases() -> None:
    ex = _inline(
        "Kent County Council pays tribute to former leader\n\n"
        "Former council leader Cllr Peter Oakford, who died in 2020, led the county for a decade.\n\n"
        "Gemma Reed, 34, whose son was taken into care, died in a road accident in 2021.\n\n"
        "Her mother, Linda Reed, said the family had been supported by social workers.\n"
    )
    assert ex.cases == []


def test_a_child_named_by_harm_after_the_name_and_an_age() -> None:
    ex = _inline(
        "Ryan Cole, 6, was beaten to death in Margate in March 2019. "
        "His stepfather, Lee Stone, was convicted of murder. "
        "Kent County Council was criticised for missing signs of abuse.\n"
    )
    assert [c.child for c in ex.cases] == ["ryan cole"]
    case = ex.cases[0]
    assert (case.date, case.location) == ("2019-03", "Margate")
    assert parts(case) == {"lee stone": "stepfather; convicted of murder"}
    assert case.outcome == "Lee Stone was convicted of murder"
    assert case.bodies == ["la/E10000016"]
