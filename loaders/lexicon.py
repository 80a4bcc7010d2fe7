"""Word lists the rules share: what a role, an organisation, a month or an honorific looks like.

Kept in one place so that a rule never hard-codes its own private list, and so that a reader
can see at a glance what the extractor treats as a signal.
"""

from __future__ import annotations

HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "cllr", "councillor", "sir", "dame", "prof",
    "professor", "lord", "lady", "baroness", "baron", "rev", "reverend", "judge", "justice",
}  # fmt: skip
POST_NOMINALS = {
    "obe",
    "mbe",
    "cbe",
    "kbe",
    "dbe",
    "qc",
    "kc",
    "mp",
    "phd",
    "hmi",
    "frsa",
    "jp",
    "bem",
    "dl",
}
# Police ranks written before a name ("Det Insp Simon Gallagher"): titles, not names.
RANKS = {
    "det", "insp", "supt", "sgt", "ch", "dci", "di", "ds", "dc", "pc", "psc", "acc", "dcc",
    "detective", "sergeant", "superintendent", "constable", "chief", "inspector",
}  # fmt: skip

ROLE_HEADS = {
    "director", "directors", "chief", "executive", "chair", "chairman", "chairwoman", "chairperson",
    "head", "leader", "member", "councillor", "inspector", "inspectors", "correspondent",
    "reporter", "editor", "commissioner", "minister", "secretary", "manager", "officer",
    "adviser", "advisor", "spokesperson", "spokesman", "spokeswoman", "mayor", "worker",
    "journalist", "photographer", "author", "lead", "president", "chancellor", "principal",
    "deputy", "assistant", "interim", "acting", "strategic", "corporate", "cabinet", "senior",
    "independent", "vice", "portfolio", "holder", "hmi", "majesty's", "majesty’s", "mp",
    "coordinator", "consultant", "solicitor", "barrister", "detective", "superintendent",
    "constable", "inspectorate", "dcs", "ceo",
}  # fmt: skip
ROLE_NOUNS = {
    "director", "executive", "chair", "chairman", "chairwoman", "chairperson", "head", "leader",
    "member", "councillor", "inspector", "inspectors", "correspondent", "reporter", "editor",
    "commissioner", "minister", "secretary", "manager", "officer", "adviser", "advisor",
    "spokesperson", "spokesman", "spokeswoman", "mayor", "worker", "journalist", "photographer",
    "president", "holder", "mp", "superintendent", "constable", "coordinator", "dcs", "ceo", "hmi",
    "detective", "sergeant", "insp", "supt", "sgt", "dci", "judge",
}  # fmt: skip
ORG_WORDS = {
    "council", "trust", "services", "service", "department", "directorate", "committee", "board",
    "partnership", "police", "constabulary", "nhs", "ofsted", "university", "school", "college",
    "court", "agency", "government", "city", "county", "borough", "metropolitan", "district",
    "authority", "local", "social", "care", "education", "families", "family", "young", "people",
    "skills", "health", "safeguarding", "children", "children's", "children’s", "commission",
    "news", "itv", "bbc", "group", "panel", "foundation", "hospital", "office", "unit", "team",
    "network", "forum", "association", "society", "charity", "institute", "centre", "center",
    "ltd", "limited", "plc", "company", "corporation", "parliament", "house", "commons",
    "ministry", "cabinet", "scrutiny", "overview", "inspectorate", "report", "inspection",
}  # fmt: skip
FUNCTION_WORDS = {
    "the", "this", "that", "these", "those", "a", "an", "in", "on", "at", "for", "from", "with",
    "by", "of", "to", "and", "but", "or", "if", "when", "where", "while", "since", "despite",
    "most", "some", "all", "every", "each", "our", "we", "it", "its", "they", "their", "there",
    "here", "what", "who", "how", "why", "today", "yesterday", "he", "she", "his", "her", "him",
    "i", "you", "your", "my", "after", "before", "during", "as", "also", "however", "although",
    "yours", "sincerely", "dear", "regards", "not", "no", "yes", "new", "old", "more", "many",
    "image", "picture", "photo", "credit", "source", "subject", "report", "relevant", "are",
    "is", "was", "were", "be", "has", "have", "had", "will", "can", "may", "said", "says",
    "asked", "back", "top", "read", "share", "latest", "first", "last", "next",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "following",
    "appendix", "appendices", "background", "recommendations", "summary", "contents", "judgement",
    "judgements", "grade", "grades", "minutes", "resolved", "apologies", "present", "ends",
    "headline", "findings", "main", "key", "areas", "area", "inspectors", "leaders", "managers",
    "england", "english", "britain", "british", "uk", "united", "kingdom", "wales", "scotland",
    "covid", "christmas", "easter", "mental", "special", "educational", "needs", "disability",
    "family", "photograph", "notify", "inline", "feedbacks", "view", "comments", "help", "us",
}  # fmt: skip
MONTH_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
}  # fmt: skip
SPEECH_VERBS = (
    r"said|says|told|added|explained|commented|stated|warned|admitted|wrote|insisted|"
    r"acknowledged|conceded|argued|claimed|noted|responded|replied|continued|stressed|urged"
)
# First names that are also words the rules otherwise skip ("Will", "May"): names only mid-sentence
# before a surname.
GIVEN_NAMES_ALSO_WORDS = {"will", "may", "june", "april", "august"}
# Words for a child or relative: they open a name ("Baby Ivy Hallworth") but are never part of it.
RELATION_NOUNS = {
    "baby", "toddler", "infant", "child", "boy", "girl", "mother", "father", "mum", "dad", "brother",
    "sister", "son", "daughter", "grandmother", "grandfather", "nan", "aunt", "uncle", "stepfather",
    "stepmother", "schoolboy", "schoolgirl", "teenager",
}  # fmt: skip
KIN_WORDS = (
    r"mother|father|stepfather|step-father|stepmother|step-mother|partner|boyfriend|girlfriend|"
    r"husband|wife|uncle|aunt|grandmother|grandfather|brother|sister|son|daughter|carer|"
    r"foster carer|guardian|parents?"
)
CASE_CUES = r"death|killing|murder|manslaughter|abuse|neglect|torture|starvation"
# What was done to a harmed child ("was beaten", "who was seriously injured").
HARM_PARTICIPLES = (
    r"found|killed|starved|murdered|abused|beaten|neglected|injured|harmed|hurt|assaulted|"
    r"shaken|tortured|attacked"
)
# A child's age in words ("Ryan Cole, six,", "six-year-old Arthur").
AGE_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen"
)
# Words that, right after a place name, make it part of another body's name ("Leeds Beckett
# University", "Hull Daily Mail", "Derby County"): the place alone is then not the council.
NOT_COUNCIL_AFTER = {
    "University", "College", "Hospital", "Hospitals", "Infirmary", "Airport", "Station", "Cathedral",
    "Diocese", "Academy", "Grammar", "City", "Town", "County", "United", "Rovers", "Albion",
    "Wanderers", "FC", "Beckett", "Hallam", "Metropolitan", "Royal", "Crown", "Magistrates",
    "Magistrates'", "Evening", "Daily", "Echo", "Post", "Mail", "Telegraph", "Gazette", "Herald",
    "Chronicle", "Star", "Live", "Press", "Argus", "Advertiser", "Courier", "Mercury", "Sentinel",
    "Standard", "Times", "Road", "Street", "Place", "House", "Square", "Lane", "Avenue", "Gate",
}  # fmt: skip
# Words that, right before a place name, make it another area ("Greater Manchester").
NOT_COUNCIL_BEFORE = {"Greater", "New"}
FIELD_LABELS_PERSON = {
    "report of": "Author",
    "report author": "Report author",
    "author": "Author",
    "contact officer": "Contact officer",
    "contact": "Contact",
    "lead officer": "Lead officer",
    "image": "Photographer",
    "picture": "Photographer",
    "photo": "Photographer",
    "photograph": "Photographer",
    "by": "Author",
}
