"""Other events: establishment, takeover, intervention, posts, publications, meetings, case moments."""

from __future__ import annotations

import hashlib

from documents import composed, corpus

from ofsted_kg.loaders.extract import extract
from ofsted_kg.loaders.model import Document, EventFact, Extraction
from ofsted_kg.loaders.schemes import concepts

BIRMINGHAM = "la/E08000025"
TRUST = "name/birmingham childrens trust"


def summary(ex: Extraction) -> list[tuple[str, str | None, list[str]]]:
    return [(e.event_type, e.date, e.involves) for e in ex.events]


def of_type(ex: Extraction, event_type: str) -> list[EventFact]:
    return [e for e in ex.events if e.event_type == event_type]


# -- the bundled corpus ------------------------------------------------------------
def test_council_report_000_events() -> None:
    ex = corpus("000")
    assert summary(ex) == [
        ("Meeting", "2023-05-16", [BIRMINGHAM]),
        ("Publication", "2023-04-18", ["national/ofsted", BIRMINGHAM]),
        ("Establishment", "2017", [TRUST, BIRMINGHAM]),
        ("Intervention", None, ["national/department-for-education", BIRMINGHAM]),
        ("Establishment", "2018-04", [TRUST]),
    ]
    assert [e.label for e in ex.events][2:4] == [
        "Birmingham Children's Trust established",
        "Government intervention in Birmingham City Council",
    ]
    established = ex.events[2]
    assert ex.document.text[established.span.start : established.span.end].startswith(
        "Birmingham Children's Trust was established in 2017"
    )


def test_news_003_takeover_appointment_and_case_moments() -> None:
    ex = corpus("003")
    assert summary(ex) == [
        ("Intervention", None, [BIRMINGHAM]),
        ("CommissionerAppointment", None, [BIRMINGHAM]),
        ("Appointment", None, ["andy couldrick", TRUST]),
        ("Takeover", "2018", [TRUST, BIRMINGHAM]),
        ("Death", "2017-11", ["hakeem hussain"]),
        ("Review", "2017", ["hakeem hussain", BIRMINGHAM]),
        ("Conviction", None, ["laura heath", "hakeem hussain"]),
        ("Death", "2008", ["khyra ishaq"]),
        ("Conviction", None, ["angela gordon", "junaid abuhamza", "khyra ishaq"]),
    ]
    labels = {e.event_type: e.label for e in ex.events}
    assert (
        labels["Appointment"]
        == "Andy Couldrick appointed Chief Executive of Birmingham Children's Trust"
    )
    assert (
        labels["Takeover"]
        == "Birmingham Children's Trust takes over children's services from Birmingham City Council"
    )


def test_news_004_future_takeover_once_despite_the_repeated_caption() -> None:
    ex = corpus("004")
    assert summary(ex) == [("Takeover", "2018-04", [BIRMINGHAM])]


def test_letter_001_and_news_002_have_no_events() -> None:
    assert corpus("001").events == []
    assert corpus("002").events == []  # "delivered via a trust in 2018" names no event


def test_event_types_are_concepts_of_the_scheme() -> None:
    names = {c.name for c in concepts("EventTypes")}
    for prefix in ("000", "003", "004"):
        assert {e.event_type for e in corpus(prefix).events} <= names


# -- composed documents about other councils -------------------------------------------
def test_trust_takeover_after_direction() -> None:
    ex = composed("trust_takeover_news.txt")
    torbay, trust = "la/E06000027", "name/torbay childrens trust"
    assert summary(ex) == [
        ("Takeover", "2024-04", [torbay]),
        ("Intervention", "2023-06", [torbay]),
        ("Establishment", "2023-09", [trust]),
        ("Takeover", "2024-04-01", [trust, torbay]),
        ("Appointment", None, ["rachel okonjo"]),
        ("Departure", None, ["simon harcourt", torbay]),
    ]
    assert [e.label for e in ex.events] == [
        "Takeover of Torbay Council children's services",
        "Government intervention in Torbay Council",
        "Torbay Children's Trust established",
        "Torbay Children's Trust takes over children's services from Torbay Council",
        "Rachel Okonjo appointed chair of the new trust",
        "Simon Harcourt to step down",
    ]
    # no event from the DfE spokesman's quote ("The trust will give children ...")
    quoted = ex.document.text.index("The trust will give")
    assert all(not (e.span.start <= quoted < e.span.end) for e in ex.events)


def test_press_release_posts_direction_commissioner_and_dated_publication_only() -> None:
    ex = composed("council_press_release.txt")
    wakefield = "la/E08000036"
    assert summary(ex) == [
        ("Publication", "2022-11-08", [wakefield]),
        ("Appointment", "2022-03", ["tom feeney", wakefield]),  # the body of his post
        ("Departure", "2021-12", ["beverley tranter"]),
        ("Intervention", "2020-02", [wakefield]),
        ("CommissionerAppointment", "2020-03", ["eleanor whitfield", wakefield]),
    ]
    labels = [e.label for e in ex.events]
    assert labels[1] == "Tom Feeney appointed Director of Children's Services"
    assert labels[2] == "Beverley Tranter stepped down"
    assert labels[4] == "Eleanor Whitfield appointed commissioner for Wakefield Council"
    # "Ofsted has published a letter following its monitoring visit ... on 4 and 5 October 2022":
    # the visit's date is not the letter's, so no publication is dated 2022-10-05
    assert all(e.date != "2022-10-05" for e in ex.events)


def test_council_report_header_meeting_active_appointment_and_departure() -> None:
    ex = composed("council_cabinet_report.txt")
    sheffield = "la/E08000039"
    assert summary(ex) == [
        ("Meeting", "2023-06-21", [sheffield]),
        ("Publication", "2023-05-12", ["national/ofsted", sheffield]),
        ("Appointment", "2018-01", ["mark reynolds", sheffield]),
        ("Departure", "2020", ["mark reynolds", sheffield]),
    ]
    assert ex.events[2].label == "Mark Reynolds appointed Interim Director of Children's Services"
    assert ex.events[3].label == "Mark Reynolds left the council"


def test_case_news_moments_of_the_case_only() -> None:
    ex = composed("county_case_news.txt")
    assert summary(ex) == [
        ("Death", "2020-08", ["ellie marsh"]),
        ("Review", None, ["ellie marsh", "la/E10000017"]),
        ("Conviction", "2021", ["chloe marsh", "dean walcott", "ellie marsh"]),
        ("Conviction", None, ["dean walcott", "ellie marsh"]),
    ]
    # "The review, published by the ... Partnership" has no date: no publication event;
    # Dr Helen Armitage and Martin Oduya hold posts but nobody is appointed here
    assert not of_type(ex, "Publication") and not of_type(ex, "Appointment")


def test_every_event_span_is_a_whole_sentence_with_a_label() -> None:
    for ex in (corpus("000"), corpus("003"), composed("trust_takeover_news.txt")):
        for event in ex.events:
            assert event.label
            words = ex.document.text[event.span.start : event.span.end]
            assert words == words.strip() and words


def _inline(text: str) -> Extraction:
    """A short composed document run through the real pipeline."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return extract(Document(doc_id="inline", path="inline.txt", text=text, sha256=digest))


def test_words_that_look_like_events_but_are_not() -> None:
    ex = _inline(
        "Derby City Council update\n\n"
        "Retired detective inspector Paul Grant said the partnership had improved.\n\n"
        "The pandemic took over our lives for two years.\n\n"
        "A new hub was set up in the city centre to take referrals.\n\n"
        "The appointment of an experienced director brought focus.\n"
    )
    assert ex.events == []


def test_took_over_as_is_an_appointment_not_a_takeover() -> None:
    ex = _inline(
        "Derby City Council update\n\n"
        "Dr Andrew Kaiser took over as Director of Children's Services at Derby City Council in May 2021.\n"
    )
    assert summary(ex) == [("Appointment", "2021-05", ["andrew kaiser", "la/E06000015"])]
    assert ex.events[0].label == "Andrew Kaiser appointed Director of Children's Services"
