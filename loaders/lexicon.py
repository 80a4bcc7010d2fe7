"""Word lists the rules share: what a role, an organisation, a month or an honorific looks like.

Kept in one place so that a rule never hard-codes its own private list, and so that a reader
can see at a glance what the extractor treats as a signal.
"""

from __future__ import annotations

HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "cllr", "councillor", "sir", "dame", "prof",
    "professor", "lord", "lady", "baroness", "baron", "rev", "reverend", "judge", "justice",
}  # fmt: skip
POST_NOMINALS = {"obe", "mbe", "cbe", "kbe", "dbe", "qc", "kc", "mp", "phd", "hmi", "frsa", "jp"}

ROLE_HEADS = {
    "director", "directors", "chief", "executive", "chair", "chairman", "chairwoman", "chairperson",
    "head", "leader", "member", "councillor", "inspector", "inspectors", "correspondent",
    "reporter", "editor", "commissioner", "minister", "secretary", "manager", "officer",
    "adviser", "advisor", "spokesperson", "spokesman", "spokeswoman", "mayor", "worker",
    "journalist", "photographer", "author", "lead", "president", "chancellor", "principal",
    "deputy", "assistant", "interim", "acting", "strategic", "corporate", "cabinet", "senior",
    "independent", "vice", "portfolio", "holder", "hmi", "majesty's", "majesty’s", "mp",
    "coordinator", "consultant", "solicitor", "barrister", "detective", "superintendent",
    "constable", "inspectorate",
}  # fmt: skip
ROLE_NOUNS = {
    "director", "executive", "chair", "chairman", "chairwoman", "chairperson", "head", "leader",
    "member", "councillor", "inspector", "inspectors", "correspondent", "reporter", "editor",
    "commissioner", "minister", "secretary", "manager", "officer", "adviser", "advisor",
    "spokesperson", "spokesman", "spokeswoman", "mayor", "worker", "journalist", "photographer",
    "president", "holder", "mp", "superintendent", "constable", "coordinator",
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
    "asked", "back", "top", "read", "more", "share", "latest", "first", "last", "next",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "following",
    "appendix", "appendices", "background", "recommendations", "summary", "contents",
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
KIN_WORDS = (
    r"mother|father|stepfather|step-father|stepmother|step-mother|partner|boyfriend|girlfriend|"
    r"husband|wife|uncle|aunt|grandmother|grandfather|brother|sister|son|daughter|carer|"
    r"foster carer|guardian|parents?"
)
CASE_CUES = r"death|killing|murder|manslaughter|abuse|neglect|torture|starvation"
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
