"""People in a document: full names accepted on evidence of personhood, then short mentions linked.

A run of capitalised words is a person only when the text says so: an honorific or rank
("Cllr", "Ms", "Det Insp"), a post-nominal ("OBE", "HMI"), a role beside it ("Dan Hughes,
Chief Executive", "Jane SmithDirector of ..." run together by a PDF), speech ("said Ann
Price"), a family or case relation ("his mother, Carla Renshaw, 34"), a form field ("Report
author:"), or a line of its own beside a role, date or signature.  A place name may be a
surname ("Sarah Bradford said") when the council is not what the text means there.

Short mentions ("Ms Tanner", "Hughes", "Tomasz") are linked by ``mentions.py``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ofsted_kg.loaders.lexicon import (
    AGE_WORDS,
    CASE_CUES,
    FIELD_LABELS_PERSON,
    FUNCTION_WORDS,
    GIVEN_NAMES_ALSO_WORDS,
    HARM_PARTICIPLES,
    HONORIFICS,
    KIN_WORDS,
    MONTH_WORDS,
    ORG_WORDS,
    POST_NOMINALS,
    RANKS,
    RELATION_NOUNS,
    ROLE_HEADS,
    SPEECH_VERBS,
)
from ofsted_kg.loaders.mentions import HONORIFIC_BEFORE, link_short_mentions
from ofsted_kg.loaders.model import PersonRef, Span
from ofsted_kg.loaders.normalise import fold, squeeze
from ofsted_kg.loaders.org_patterns import mid_sentence

# A name ends at a word boundary or at a possessive 's ("Ellie's mother", "Mr Patel's report"),
# which is left out of the name's span.
NAME_END = r"(?![a-z]|['’](?![sS]\b))"
NAME_TOKEN = re.compile(rf"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*{NAME_END}")
INNER_CAPITAL = re.compile(rf"[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*{NAME_END}")
SEPARATOR = re.compile(
    r" {1,2}(?:(?:de|van|von|der|den|da|di|du|le|la|al|el|bin|ter) )?|[ \t]*\n[ \t]*(?=\S)"
)
RANK_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(RANKS, key=len, reverse=True)) + r")\.?[ \t]+$", re.IGNORECASE
)
FIELD_BEFORE = re.compile(
    r"(?:^|\n)[ \t]*(?:"
    + "|".join(re.escape(k) for k in FIELD_LABELS_PERSON)
    + r")[ \t]*[:.-]?[ \t]*$",
    re.IGNORECASE,
)
ROLE_FIELD_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?P<label>[A-Z][\w &'’/()-]{2,40}?)[ \t]*:[ \t]*$")
POST_NOMINALS_AFTER = re.compile(
    r"(?:[ \t]*,?[ \t]*(?:" + "|".join(p.upper() for p in POST_NOMINALS if p != "mp") + r")\b)+"
)
SPEECH_AFTER = re.compile(rf"^(?:,[^,.\n“”\"]{{0,120}},)?[ \t]+(?:{SPEECH_VERBS})\b")
SPEECH_BEFORE = re.compile(rf"\b(?:{SPEECH_VERBS}|according[ \t]+to)[ \t]+$")
# Only people are replaced in, succeed to or step down from posts.
SUCCESSION_BEFORE = re.compile(
    r"\b(?:replacing|replaces|replaced|succeeds|succeeding|succeeded|succeed)[ \t]+$"
)
KIN_BEFORE = re.compile(rf"\b(?:{KIN_WORDS}),?[ \t]+$", re.IGNORECASE)
AGE = rf"(?:\d{{1,3}}|{AGE_WORDS})"
AGE_UNIT = r"(?:years?|months?|weeks?|days?)"
# "six-year-old Arthur", "18-month-old": an age worn as an adjective describes a person.
AGE_ADJECTIVE = rf"{AGE}-{AGE_UNIT}-old"
CASE_BEFORE = re.compile(
    rf"\b(?:(?:{CASE_CUES})[ \t]+of|killing|killed|murdering|murdered|starving|starved|abusing|"
    rf"neglecting|beating|injuring)[ \t]+(?:(?:the|little|tiny)[ \t]+)?(?:{AGE_ADJECTIVE}[ \t]+)?"
    r"(?:(?:baby|toddler|infant|boy|girl|schoolboy|schoolgirl)[ \t]+)?$"
    r"|\b(?:named|called|child|baby|toddler|boy|girl)[ \t]+$"
    rf"|\b{AGE_ADJECTIVE}[ \t]+$",
    re.IGNORECASE,
)
# After a name: its age between commas (", six,", ", 16 months,", ", aged 2 years,"), or the harm
# done to the person (" was beaten", ", who was seriously injured", " died").
CASE_AFTER = re.compile(
    rf"^(?:,[ \t]*(?:aged[ \t]+)?{AGE}(?:[ \t]*{AGE_UNIT}(?:[ \t]+old)?)?[ \t]*,"
    r"|,?[ \t]+(?:who[ \t]+)?(?:was|were|had[ \t]+been|has[ \t]+been)[ \t]+"
    rf"(?:(?:[a-z]+ly|later|then)[ \t]+)?(?:{HARM_PARTICIPLES})\b"
    r"|[ \t]+died\b|,[ \t]+who[ \t]+died"
    # "Ellie Marsh's mother", "Ellie Marsh's death": only a person has these.
    r"|['’]s[ \t]+(?:(?:own|birth|biological|late)[ \t]+)?(?:mother|father|step-?mother|step-?father|"
    r"grandmother|grandfather|brother|sister|son|daughter|boyfriend|girlfriend|husband|wife|uncle|"
    r"aunt|death|murder|killing|manslaughter)\b)"
)
ROLE_BEFORE = re.compile(
    r"\b(?:correspondent|reporter|editor|journalist|chief[ \t]+executive|director|chair|leader|"
    r"inspectors?|commissioner|minister|councillor|mayor|manager|spokesperson|spokesman|spokeswoman|"
    r"member|head|officer|adviser|secretary|president)(?:[ \t]+(?:for|of|appointed[ \t]+by)[ \t]+[^,.\n]{1,60})?,?[ \t]+"
    r"(?:(?:were|was|is|are)[ \t]+)?$",
    re.IGNORECASE,
)
AS_ROLE_AFTER = re.compile(
    r"^[ \t]+as[ \t]+(?:(?:the|its|their|his|her|a|an)[ \t]+)?(?:(?:new|permanent|interim|acting)[ \t]+)?"
    r"(?P<rest>[^,.;\n]{2,60})",
    re.IGNORECASE,
)
PREDICATE_ROLE_AFTER = re.compile(
    r"^[ \t]+(?:was|is|has[ \t]+been|had[ \t]+been)[ \t]+(?:(?:formerly|previously|now)[ \t]+)?"
    r"(?:(?:the|a|an)[ \t]+)?(?P<rest>[^,.;\n]{2,60})",
    re.IGNORECASE,
)
WHO_ROLE_AFTER = re.compile(
    r"^,?[ \t]+who[ \t]+(?:was|is|has[ \t]+been|had[ \t]+been|became|served[ \t]+as)[ \t]+(?P<rest>[^,.;\n]{2,80})",
    re.IGNORECASE,
)
# "Head of Quality Assurance": capitalised words right after a role and "of" complete the role.
ROLE_COMPLEMENT_BEFORE = re.compile(
    r"\b(?:head|director|chair|manager|leader|member|officer|minister|secretary|commissioner|"
    r"president|adviser|advisor|lead|inspector|councillor)[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?$",
    re.IGNORECASE,
)
ROLE_WORD_LINKS = {"of", "for", "and", "the", "at", "interim", "acting", "former"}
FORM_LABEL_LINE = re.compile(r"^[A-Z][\w &'’/()–-]{0,40}:")
# Cues strong enough to make a place name a surname ("Sarah Bradford said").
STRONG_CUES = {"honorific", "speech", "family or case", "post-nominal"}


@dataclass
class NameCandidate:
    start: int
    end: int
    tokens: list[str]
    honorific: str | None = None
    accepted_by: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return " ".join(self.tokens)


def _is_name_word(token: str) -> bool:
    lower = token.lower()
    return not (
        lower in FUNCTION_WORDS
        or lower in ORG_WORDS
        or lower in ROLE_HEADS
        or lower in MONTH_WORDS
        or lower in HONORIFICS
        or lower in POST_NOMINALS
        or lower in RANKS
        or lower in RELATION_NOUNS
    )


def _given_name_here(text: str, start: int, end: int) -> bool:
    """A word such as "Will" or "May" as a first name: inside a sentence, before a surname."""
    if text[start:end].lower() not in GIVEN_NAMES_ALSO_WORDS or not mid_sentence(text, start):
        return False
    nxt = re.match(rf" ([A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*){NAME_END}", text[end : end + 40])
    return bool(nxt) and _is_name_word(nxt.group(1))  # type: ignore[union-attr]


def _with_inner_capital(text: str, end: int, places: set[str]) -> int:
    """End of a name with a capital inside it ("AnnMarie", "LaToya").

    Not when the capital starts the next word, run in by a PDF ("Jane SmithDirector").
    """
    head = re.search(r"[A-Z][a-z]+$", text[max(0, end - 5) : end])
    tail = INNER_CAPITAL.match(text, end)
    if head is None or tail is None or len(head.group(0)) > 4:
        return end
    word = tail.group(0)
    if not _is_name_word(word) or word in places:
        return end
    return tail.end()


def _glued_on(text: str, start: int) -> bool:
    """A capital glued to the word before: "saidJohn" may be a PDF join, "DeSouza" is not a name start."""
    if start == 0 or not text[start - 1].isalpha():
        return False
    word = re.search(r"([A-Za-z]+)$", text[max(0, start - 20) : start])
    return not (
        word
        and word.group(1).islower()
        and word.group(1) in FUNCTION_WORDS | {"said", "says", "told"}
    )


def _candidates(text: str, places: set[str], org_spans: list[Span]) -> list[NameCandidate]:
    """Runs of 1-4 name-like capitalised tokens, separated by one space or one line break.

    A token inside an organisation's name never belongs to a person; a place name does only
    as a later token, where the council is not meant ("Jane Bradford").
    """

    def in_org(start: int, end: int) -> bool:
        return any(s.start < end and start < s.end for s in org_spans)

    out: list[NameCandidate] = []
    pos = 0
    while True:
        m = NAME_TOKEN.search(text, pos)
        if m is None:
            return out
        start, end = m.start(), _with_inner_capital(text, m.end(), places)
        tokens = [text[start:end]]
        pos = end
        if (
            not (_is_name_word(tokens[0]) or _given_name_here(text, start, end))
            or tokens[0] in places
            or in_org(start, end)
            or _glued_on(text, start)
        ):
            continue
        while len(tokens) < 4:
            sep = SEPARATOR.match(text, end)
            if sep is None:
                break
            if "\n" in sep.group(0) and len(tokens) > 1:
                break  # a line break splits a first name from a surname, not a full name from the next line
            nxt = NAME_TOKEN.match(text, sep.end())
            if nxt is None or not _is_name_word(nxt.group(0)) or in_org(nxt.start(), nxt.end()):
                break
            nxt_end = _with_inner_capital(text, nxt.end(), places)
            word = text[nxt.start() : nxt_end]
            tokens.append(word if sep.group(0).strip() == "" else f"{sep.group(0).strip()} {word}")
            end = nxt_end
        pos = end
        out.append(NameCandidate(start, end, tokens))


def _role_follows(after: str) -> bool:
    """A role right after the name: ", Chief Executive", "(HMI)", a line below, or run in by a PDF."""
    glued = re.match(r"[A-Z][a-z]+", after)
    if glued:
        return glued.group(0).lower() in ROLE_HEADS
    sep = re.match(r"[ \t]*(?:,|\(|\n|[ \t]+[-–][ \t])[ \t]*", after)
    if sep is None:
        return False
    rest = after[sep.end() :]
    if "\n" in sep.group(0) and FORM_LABEL_LINE.match(rest):
        return False  # the line below is another form field, not this name's role
    phrase = re.split(r"[,.;:()\n“”\"]", rest, maxsplit=1)[0]
    words = re.findall(r"[A-Za-z’']+", phrase)[:7]
    if words and words[0].lower() in {"a", "an", "the"}:
        words = words[1:]  # ", a social worker", ", the council's director"
    for i, word in enumerate(words):
        if word.lower().strip("’'") in ROLE_HEADS or word.lower() in ROLE_HEADS:
            return i <= 2 or all(
                w[0].isupper()
                or w.lower() in ROLE_WORD_LINKS
                or w.lower() in ROLE_HEADS
                or w.endswith(("'s", "’s"))
                for w in words[:i]
            )
    return False


def _cues(text: str, c: NameCandidate) -> set[str]:
    before = text[max(0, c.start - 80) : c.start]
    after = text[c.end : c.end + 160]
    cues = set()
    hon = HONORIFIC_BEFORE.search(before)
    rank = RANK_BEFORE.search(before)
    if hon or rank:
        cues.add("honorific")
        c.honorific = (hon or rank).group(0).strip().rstrip(".")  # type: ignore[union-attr]
    if ROLE_COMPLEMENT_BEFORE.search(before) and not hon:
        return set()
    if FIELD_BEFORE.search(before) or _role_field_before(before):
        cues.add("form field")
    post = POST_NOMINALS_AFTER.match(after)
    if post:
        cues.add("post-nominal")
        after = after[post.end() :]
    if SPEECH_AFTER.match(after) or SPEECH_BEFORE.search(before):
        cues.add("speech")
    if _role_follows(after) or ROLE_BEFORE.search(before) or SUCCESSION_BEFORE.search(before):
        cues.add("role beside")
    for clause in (
        WHO_ROLE_AFTER.match(after),
        AS_ROLE_AFTER.match(after),
        PREDICATE_ROLE_AFTER.match(after),
    ):
        if clause and any(
            w.lower() in ROLE_HEADS for w in re.findall(r"[A-Za-z’']+", clause.group("rest"))[:4]
        ):
            cues.add("role beside")
    if KIN_BEFORE.search(before) or CASE_BEFORE.search(before) or CASE_AFTER.match(after):
        cues.add("family or case")
    if _own_line(text, c) and _line_context_is_personal(text, c):
        cues.add("own line")
    return cues


def _role_field_before(before: str) -> bool:
    """A form field whose label is a role: "Chief Executive: Tina Russo"."""
    m = ROLE_FIELD_BEFORE.search(before)
    return bool(m) and any(w.lower() in ROLE_HEADS for w in m.group("label").split())  # type: ignore[union-attr]


def _own_line(text: str, c: NameCandidate) -> bool:
    line_start = text.rfind("\n", 0, c.start) + 1
    line_end = text.find("\n", c.end)
    line_end = len(text) if line_end < 0 else line_end
    before = text[line_start : c.start].strip()
    after = POST_NOMINALS_AFTER.sub("", text[c.end : line_end]).strip()
    return (before == "" or bool(HONORIFIC_BEFORE.fullmatch(before + " "))) and after == ""


def _line_context_is_personal(text: str, c: NameCandidate) -> bool:
    """A name alone on its line beside a role, a date or a signature close (letters, bylines)."""
    prev_lines = [
        ln.strip() for ln in text[max(0, c.start - 200) : c.start].split("\n") if ln.strip()
    ]
    next_lines = [ln.strip() for ln in text[c.end : c.end + 200].split("\n") if ln.strip()]
    neighbours = prev_lines[-1:] + next_lines[:1]
    for line in neighbours:
        words = {w.lower().strip(",.:'’") for w in line.split()}
        if words & {"sincerely", "faithfully", "regards"}:
            return True
        if words & {w for w in ROLE_HEADS if len(w) > 3} and len(words) <= 8:
            return True
        if (
            re.search(r"\b(?:19|20)\d\d\b", line)
            and len(words) <= 6
            and re.search(
                r"(?:day|January|February|March|April|May|June|July|August|September|October|November|December)",
                line,
            )
        ):
            return True
    return False


def _join_lists(text: str, candidates: list[NameCandidate]) -> None:
    """A name listed with an accepted person is a person: "Priya Raman and Owen Fletcher"."""
    for left, right in itertools.pairwise(candidates):
        between = text[left.end : right.start]
        if (
            re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", between)
            and len(left.tokens) >= 2
            and len(right.tokens) >= 2
        ):
            if left.accepted_by and not right.accepted_by:
                right.accepted_by.add("listed with a person")
            elif right.accepted_by and not left.accepted_by:
                left.accepted_by.add("listed with a person")


def _supported_by_later_mentions(text: str, candidates: list[NameCandidate]) -> None:
    """A surname used later as a person's backs the full name: "appointed Jo Bloggs ... Ms Bloggs said"."""
    singles = [c for c in candidates if len(c.tokens) == 1]
    for c in candidates:
        if len(c.tokens) < 2 or c.accepted_by:
            continue
        later = [s for s in singles if s.tokens[0] == c.tokens[-1] and s.start > c.end]
        if any(_cues(text, s) & (STRONG_CUES | {"role beside"}) for s in later):
            c.accepted_by.add("surname used later as a person's")


def is_person_name(text: str, start: int, end: int) -> bool:
    """Whether the place name at [start, end) is part of a person's name here ("Sarah Bradford said")."""
    before = re.search(
        r"(?<![\w’'-])([A-Z][a-z]+(?:-[A-Z][a-z]+)?)[ \t]+$", text[max(0, start - 40) : start]
    )
    after = re.match(r"[ \t]+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w’'-])", text[end : end + 40])
    if re.search(r"(?<![\w.])[A-Z]\.?[ \t]+$", text[max(0, start - 4) : start]):
        return True  # an initial before it: "Councillor J Brent"
    spans = []
    if before and _is_name_word(before.group(1)):
        spans.append(
            NameCandidate(start - len(before.group(0)), end, [before.group(1), text[start:end]])
        )
    if after and _is_name_word(after.group(1)):
        spans.append(
            NameCandidate(start, end + len(after.group(0)), [text[start:end], after.group(1)])
        )
    return any(_cues(text, c) & STRONG_CUES for c in spans)


def find_people(
    text: str, places: set[str], org_spans: list[Span]
) -> tuple[dict[str, PersonRef], dict[str, str]]:
    """People of one document by key, and how each was recognised (for explain-merge)."""
    candidates = _candidates(text, places, org_spans)
    for c in candidates:
        c.accepted_by = _cues(text, c)
    _join_lists(text, candidates)
    _supported_by_later_mentions(text, candidates)
    people: dict[str, PersonRef] = {}
    rules: dict[str, str] = {}
    full = [c for c in candidates if len(c.tokens) >= 2 and c.accepted_by]
    known_full = {fold(c.name) for c in full}
    for c in candidates:
        if len(c.tokens) >= 2 and not c.accepted_by and fold(c.name) in known_full:
            full.append(c)
    for c in sorted(full, key=lambda c: c.start):
        key = fold(c.name)
        ref = people.get(key)
        if ref is None:
            ref = people[key] = PersonRef(key=key, name=squeeze(c.name), honorific=c.honorific)
            rules[key] = ", ".join(sorted(c.accepted_by)) or "same full name as an accepted mention"
        elif ref.honorific is None:
            ref.honorific = c.honorific
        ref.spans.append(Span(c.start, c.end))
        ref.mentioned_as.add(squeeze(text[c.start : c.end]))
    singles = [(c.start, c.end, c.tokens[0]) for c in candidates if len(c.tokens) == 1]
    for key, reasons in link_short_mentions(text, singles, people).items():
        rules[key] = f"{rules[key]}; short mentions {'; '.join(sorted(reasons))}"
    return people, rules


def email_for(text: str, person: PersonRef) -> str | None:
    """An e-mail address whose local part spells the person's name ("jo.tanner@...")."""
    words = [fold(w) for w in person.name.split()]
    for m in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text):
        local = fold(m.group(0).split("@")[0].replace(".", " "))
        if local.split() == words or local.replace(" ", "") == "".join(words):
            return m.group(0)
    return None
