"""Statements: quoted speech attributed to named people, on the corpus and on composed documents."""

from __future__ import annotations

import hashlib

import pytest
from documents import composed, corpus

from ofsted_kg.loaders.extract import extract
from ofsted_kg.loaders.model import Document, Extraction
from ofsted_kg.loaders.statements import paragraphs, quote_runs


def by_speaker(ex: Extraction) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for s in ex.statements:
        out.setdefault(s.speaker, []).append(s.quote)
    return out


# -- quote marks and paragraphs ----------------------------------------------------
def test_apostrophes_are_not_quote_marks() -> None:
    text = "‘The children’s services and the parents’ views matter to us all,’ she said."
    runs = quote_runs(text)
    assert len(runs) == 1
    assert runs[0].words(text) == "The children’s services and the parents’ views matter to us all"


def test_nested_single_quotes_stay_inside_the_outer_quote() -> None:
    text = "‘Children are safeguarded through effective ‘front door’ arrangements.’"
    runs = quote_runs(text)
    assert [r.words(text) for r in runs] == [
        "Children are safeguarded through effective ‘front door’ arrangements."
    ]


def test_unclosed_paragraph_continues_only_into_a_paragraph_opening_with_a_quote() -> None:
    text = '"First paragraph of the quote.\n\n"Second paragraph."\n\n"Third, unclosed\n\nNarrative paragraph.'
    runs = quote_runs(text)
    assert [r.words(text) for r in runs] == [
        "First paragraph of the quote. Second paragraph.",
        "Third, unclosed",
    ]
    assert runs[0].paragraphs == [0, 1]
    assert text[runs[1].start : runs[1].end] == '"Third, unclosed'


def test_hard_wrapped_lines_are_one_paragraph_but_finished_lines_are_not() -> None:
    text = 'The lead member said: "The inspection\nrecognises progress."\nNext line.'
    assert [text[s:e] for s, e in paragraphs(text)] == [
        'The lead member said: "The inspection\nrecognises progress."',
        "Next line.",
    ]


# -- the bundled corpus ------------------------------------------------------------
def test_news_002_christie_and_harrison_but_not_the_report() -> None:
    ex = corpus("002")
    speakers = by_speaker(ex)
    assert set(speakers) == {"andrew christie", "sue harrison"}
    assert speakers["andrew christie"][0].startswith(
        "We are all delighted that today’s Ofsted report"
    )
    # the paragraph after the attribution continues in the next paragraph (news convention)
    assert speakers["andrew christie"][1].endswith(
        "Ofsted acknowledge this as a major improvement."
    )
    assert speakers["sue harrison"][0].startswith("I’m really pleased to see Ofsted acknowledging")
    assert all("Since the last inspection" not in q for qs in speakers.values() for q in qs)
    subject = f"inspection:{ex.inspections.index(next(i for i in ex.inspections if i.is_subject))}"
    assert all(subject in s.about for s in ex.statements)


def test_news_003_jones_and_couldrick_over_many_paragraphs() -> None:
    ex = corpus("003")
    speakers = by_speaker(ex)
    assert set(speakers) == {"andrew christie", "brigid jones", "andy couldrick"}
    jones = speakers["brigid jones"]
    assert len(jones) == 1
    assert jones[0].startswith("This is a huge moment for the city.")
    assert jones[0].endswith("a really historic moment for us.")
    couldrick = speakers["andy couldrick"]
    assert len(couldrick) == 8
    assert couldrick[0].startswith("Birmingham always had good social workers.")
    assert "I'm really pleased Ofsted say that's what we've done." in couldrick[0]
    assert any(
        q.startswith("We've reached a fantastic milestone") for q in couldrick
    )  # after "Mr Couldrick said ..."
    assert any(
        q.startswith("Domestic abuse is a significant issue") for q in couldrick
    )  # after "He also addressed ..."
    assert couldrick[-1].startswith("Having reached this milestone")
    # "The report stated: “...”" is the report's, not a statement
    assert all("Since the last inspection" not in q for qs in speakers.values() for q in qs)


def test_news_003_spans_are_the_documents_characters_with_the_attribution() -> None:
    ex = corpus("003")
    text = ex.document.text
    first = next(s for s in ex.statements if s.speaker == "andy couldrick")
    evidence = text[first.span.start : first.span.end]
    assert evidence.startswith("Andy Couldrick who was brought in as Chief Executive")
    assert evidence.endswith("what we've done.\"")
    for statement in ex.statements:
        assert statement.quote.split()[0] in text[statement.span.start : statement.span.end]


def test_news_003_about_the_inspection_and_bodies_named() -> None:
    ex = corpus("003")
    solihull = next(s for s in ex.statements if s.quote.startswith("It would be a conversation"))
    # the paragraph's "damning Ofsted report" is Solihull's, not the subject inspection
    assert solihull.about == ["national/department-for-education"]
    christie = next(s for s in ex.statements if s.speaker == "andrew christie")
    assert (
        christie.about[0]
        == f"inspection:{ex.inspections.index(next(i for i in ex.inspections if i.is_subject))}"
    )
    assert "national/ofsted" in christie.about


def test_news_004_jones_two_paragraphs_report_and_it_are_not_speakers() -> None:
    ex = corpus("004")
    speakers = by_speaker(ex)
    assert set(speakers) == {"brigid jones"}
    assert speakers["brigid jones"] == [
        "I'm really pleased that Ofsted has again confirmed our steady progress",
        "As with the earlier monitoring report, we know there is still much to do, but the important "
        "thing is that we know where we need to improve. We again have tangible evidence that sustainable "
        "improvements are being made.",
    ]


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_report_and_letter_quotes_of_ofsted_are_not_statements(prefix: str) -> None:
    assert corpus(prefix).statements == []


# -- composed documents about other councils -------------------------------------------
def test_press_release_quote_first_pronoun_and_partial_quotes() -> None:
    ex = composed("council_press_release.txt")
    assert [(s.speaker, s.quote) for s in ex.statements] == [
        (
            "margaret isherwood",
            "I am proud of our social workers, who have worked tirelessly for the children of Wakefield",
        ),
        ("margaret isherwood", "There is more to do and we will not stand still."),
        ("tom feeney", "listened carefully to what inspectors told us"),
        ("tom feeney", "The findings show that our improvement plan is working"),
        ("tom feeney", "Our partners in health and the police have played their part too."),
    ]
    # "a council spokesperson said" is not a person: the last speaker does not inherit the quote
    assert all("updated plan" not in s.quote for s in ex.statements)


def test_trust_news_curly_quotes_over_lines_she_added_and_no_spokesman() -> None:
    ex = composed("trust_takeover_news.txt")
    text = ex.document.text
    assert [(s.speaker, s.quote) for s in ex.statements] == [
        (
            "rachel okonjo",
            "This is a fresh start for children in Torbay. We will work closely with the council, the "
            "police and schools to make sure no child falls through the gaps.",
        ),
        ("rachel okonjo", "The staff here are committed and talented"),
        ("jane pemberton", "accepted the direction and would support the trust"),
    ]
    first = ex.statements[0]
    assert text[first.span.start : first.span.end].startswith(
        "Rachel Okonjo, who was brought in as chair"
    )
    assert "la/E06000027" in first.about  # Torbay, named in the quote
    assert text[ex.statements[1].span.start : ex.statements[1].span.end].endswith("she added.")


def test_case_news_director_and_chair_but_not_the_report() -> None:
    ex = composed("county_case_news.txt")
    speakers = by_speaker(ex)
    assert set(speakers) == {"martin oduya", "helen armitage"}
    assert speakers["martin oduya"] == [
        "We accept the findings of this review in full. Ellie's death is a tragedy and we are deeply "
        "sorry. We have already made changes to how our teams share information with the police and "
        "health visitors."
    ]
    assert all(
        "Lessons must be learned" not in q and "did not see" not in q
        for qs in speakers.values()
        for q in qs
    )


def test_council_report_hard_wrapped_quote_and_ofsted_found_that() -> None:
    ex = composed("council_cabinet_report.txt")
    assert [(s.speaker, s.quote) for s in ex.statements] == [
        (
            "fatima begum",
            "The inspection recognises real progress, but we know there is more to do for our care leavers.",
        )
    ]
    assert ex.statements[0].about[0].startswith("inspection:")


def _inline(text: str) -> Extraction:
    """A short composed document run through the real pipeline."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return extract(Document(doc_id="inline", path="inline.txt", text=text, sha256=digest))


def test_attribution_in_the_middle_and_a_spokesperson_ends_the_run() -> None:
    ex = _inline(
        "Leeds children's services praised\n\n"
        '"We are proud of what our teams have done this year," said Councillor Fiona Venner, '
        '"and we will keep going."\n\n'
        "Julie Longworth, the council's director of children's services, said: "
        '"Inspectors saw the difference." Tom Riordan added: "This is a team effort for the city."\n\n'
        'An Ofsted spokesperson said: "The council has made real progress in the last year."\n\n'
        '"It has been a long road for all of us here."\n'
    )
    assert [(s.speaker, s.quote) for s in ex.statements] == [
        ("fiona venner", "We are proud of what our teams have done this year"),
        ("fiona venner", "and we will keep going."),
        ("julie longworth", "Inspectors saw the difference."),
        ("tom riordan", "This is a team effort for the city."),
    ]
    first = ex.statements[0]
    assert ex.document.text[first.span.start : first.span.end].endswith(
        "said Councillor Fiona Venner"
    )
