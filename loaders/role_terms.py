"""A role as written, made ready for the graph: trimmed, "former" noted, its concept and its period.

Also where a role phrase begins before a name, and which of one person's roles in a body to keep.

    "the trust's former chair"                → "chair", former
    "Labour leader" at a council              → LeaderOfTheCouncil (party names are not the role)
    "DCS from 2019 to 2022" / "since 2020"    → period 2019 – 2022 / from 2020
    "His Majesty's Inspector of Constabulary" → HM Inspector at the inspectorate of constabulary
The role label stays as the document wrote it; only the concept and the flags are inferred.
"""

from __future__ import annotations

import re

from ofsted_kg.loaders.dates import MONTH, find_dates
from ofsted_kg.loaders.lexicon import ROLE_NOUNS
from ofsted_kg.loaders.model import Membership
from ofsted_kg.loaders.normalise import fold, squeeze
from ofsted_kg.loaders.schemes import RoleScheme

FORMER = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:former(?:ly)?|ex-|previously|until\s+recently)\s*", re.IGNORECASE
)
FORMER_INSIDE = re.compile(r"\b(?:former|ex-)\s*", re.IGNORECASE)
PARTIES = re.compile(
    r"\b(?:Labour|Conservative|Tory|Liberal\s+Democrats?|Lib\s+Dem|Green|Reform(?:\s+UK)?)\s+(?=\w)"
)
# "leader" alone is the council's leader; these qualifiers make it another kind of leader.
NOT_COUNCIL_LEADER = re.compile(
    r"\b(?:group|opposition|team|party|service|practice|deputy|youth)\b", re.IGNORECASE
)
YEARISH = rf"(?:(?:{MONTH})\s+)?(?:19|20)\d\d"
PERIODS = [
    re.compile(
        rf"\b(?:from|between)\s+(?P<a>{YEARISH})\s*(?:to|until|till|and|-|–)\s*(?P<b>{YEARISH})",
        re.IGNORECASE,
    ),
    re.compile(r"\((?P<a>(?:19|20)\d\d)\s*[-–]\s*(?P<b>(?:19|20)\d\d)\)"),
    re.compile(rf"\b(?:since|from)\s+(?P<a>{YEARISH})", re.IGNORECASE),
    re.compile(
        rf"\b(?:appointed|started|joined|took\s+up\s+the\s+post)\b[^.;\n]{{0,40}}?\bin\s+(?P<a>{YEARISH})",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?:until|till|left\s+in)\s+(?P<b>{YEARISH})", re.IGNORECASE),
]
# Words that open a clause, not a role: "X, has asked ...", "X, who ...", "X, and ...".
CLAUSE_STARTS = {
    "has", "have", "had", "was", "were", "is", "are", "will", "would", "can", "could", "said", "says",
    "told", "added", "did", "does", "who", "which", "that", "this", "he", "she", "they", "it", "we",
    "i", "and", "but", "or", "to", "of", "for", "by", "with", "in", "on", "at", "as", "if", "when",
}  # fmt: skip
PERIOD_TAIL = re.compile(
    rf"\s+(?:(?:from|since|between|until|till)\s+|in\s+(?=(?:{MONTH}\s+)?(?:19|20)\d\d)|\((?=(?:19|20)\d\d)).*$",
    re.IGNORECASE,
)
# Words that end a role phrase when read leftwards from its noun (verbs, prepositions).
CLAUSE_WORDS = {
    "said", "says", "told", "and", "but", "by", "with", "from", "to", "that", "which", "who", "when",
    "thank", "thanks", "praised", "welcomed", "asked", "added", "was", "is", "were", "are", "has", "had",
    "have", "as", "after", "before", "while", "including", "includes", "include", "led", "chaired",
}  # fmt: skip
# Words that may follow a role noun and still belong to the role ("of X", "with Responsibility for Y").
COMPLEMENT_STARTS = {"of", "for", "at", "with", "to", "in", "appointed", "on"}
SEGMENT_END = re.compile(
    r"[,;.()\n“”\"‘]|\s(?:said|says|told|added|who|which|and\s+(?:the|a)\s|will|would|has|had|did|does)\b"
)
INSPECTOR_OF = re.compile(r"\bInspector\s+of\s+(?P<field>[A-Z][\w ]{2,40})$", re.IGNORECASE)


def clean_role(raw: str) -> str:
    role = squeeze(raw).strip(" ,;:-–")
    role = re.sub(
        r"^\d+(?:\.\d+)*\s+", "", role
    )  # a paragraph number: "1.2 The Strategic Director"
    role = re.sub(
        r"^(?:(?:the|its|their)\s+)?new\s+", "", role, flags=re.IGNORECASE
    )  # "its new director"
    role = re.sub(
        r"^(?:the|a|an|its|their|(?:his|her)(?!\s+majesty))\s+", "", role, flags=re.IGNORECASE
    )
    role = re.sub(r"\s+(?:of|at|for|to|and|in|with)(?:\s+the)?$", "", role, flags=re.IGNORECASE)
    return role


def strip_period(role: str) -> str:
    """The period kept apart from the role's label: "DCS from 2015 to 2020" → "DCS"."""
    return PERIOD_TAIL.sub("", role)


def split_former(role: str) -> tuple[str, bool]:
    """("former chair", ...) → ("chair", True): the flag carries what the word said."""
    m = FORMER.match(role)
    if m:
        return role[m.end() :], True
    inside = FORMER_INSIDE.search(role)
    if inside and inside.start() > 0 and len(role[: inside.start()].split()) <= 3:
        return role[inside.end() :], True
    return role, False


def singular(role: str) -> str:
    return re.sub(r"(Inspector|Director|Member|Officer|Worker|Manager|Leader)s\b", r"\1", role)


def has_role_noun(phrase: str) -> bool:
    words = re.findall(r"[A-Za-z][\w’'-]*", phrase)
    return any(
        w.lower() in ROLE_NOUNS or re.sub(r"['’]s?$", "", w.lower()) in ROLE_NOUNS for w in words
    )


def reads_as_role(role: str) -> bool:
    """A noun phrase naming a post, not a clause ("has asked the Head of ...", "told the director")."""
    first = role.split()[0].lower() if role.split() else ""
    return first not in CLAUSE_STARTS and not (
        first.endswith("ed") and first not in {"elected", "appointed"}
    )


def less_specific(a: str, b: str) -> bool:
    """Role ``a`` says less than role ``b`` of the same body ("Strategic Director" ⊂ "Strategic Director for ...")."""
    wa, wb = set(fold(a).split()), set(fold(b).split())
    return wa < wb


def concept_for(scheme: RoleScheme, role: str, org_kind: str | None) -> str | None:
    """The role's concept; a council's plain "leader" ("Labour leader") is its leader."""
    plain = PARTIES.sub("", role)
    concept = scheme.concept_for(plain)
    if concept is None and re.match(
        r"(?:deputy\s+|assistant\s+)?head\s+of\b", plain, re.IGNORECASE
    ):
        return "HeadOfService"
    council_leader = re.search(
        r"\bleader\b", plain, re.IGNORECASE
    ) and not NOT_COUNCIL_LEADER.search(plain)
    if concept is None and org_kind == "LocalAuthority" and council_leader:
        return "LeaderOfTheCouncil"
    return concept


def period_in(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """A period stated in text[start:end] ("from 2019 to 2022", "since March 2020"): ISO values."""
    clause = text[start:end]
    found_start: str | None = None
    found_end: str | None = None
    for pattern in PERIODS:
        m = pattern.search(clause)
        if m is None:
            continue
        groups = m.groupdict()
        if groups.get("a") and found_start is None:
            found_start = _value(groups["a"])
        if groups.get("b") and found_end is None:
            found_end = _value(groups["b"])
    if found_start and found_end and found_start > found_end:
        return None, None
    return found_start, found_end


def _value(written: str) -> str | None:
    dates = find_dates(written)
    return dates[0].value if dates else None


def segment_after(text: str, pos: int) -> tuple[int, int]:
    """The role-sized segment from ``pos``: up to punctuation or the verb that ends an apposition."""
    m = SEGMENT_END.search(text, pos)
    return pos, (m.start() if m else min(len(text), pos + 120))


def inspectorate_field(role: str) -> str | None:
    """The inspectorate's field of an "Inspector of ..." role: "... Inspector of Constabulary" → "Constabulary"."""
    m = INSPECTOR_OF.search(role)
    return m.group("field") if m else None


def role_phrase(clause: str) -> int | None:
    """Where the role ending ``clause`` begins ("... said the council's director of X" → "the council's ..."), if any.

    The role is the noun phrase around the last role noun: capitalised words, possessives
    ("Torbay's"), modifiers ("deputy", "shadow") and a complement after it ("of X", "for Y",
    "with Responsibility for Z", "appointed by W"); it stops at a verb or a clause boundary.
    """
    start = max(clause.rfind(c) for c in '.\n“”"(;:,') + 1
    # a portfolio may be a list with commas: "member for children, families and education"
    for _ in range(3):
        if has_role_noun(clause[start:]) or start == 0 or clause[start - 1] != ",":
            break
        earlier = max(clause.rfind(c, 0, start - 1) for c in '.\n“”"(;:,') + 1
        continuation = re.findall(r"[\w’']+", clause[start:].lower())
        if any(w in CLAUSE_WORDS - {"and"} or w.endswith(("ing", "ed")) for w in continuation):
            break  # ", replacing ...", ", who ...": a new clause, not more of the role
        if not re.search(r"\b(?:for|of)\b", clause[earlier : start - 1]):
            break
        start = earlier
    words = list(re.finditer(r"\S+", clause[start:]))
    nouns = [i for i, w in enumerate(words) if has_role_noun(w.group(0))]
    if not nouns:
        return None
    head = nouns[-1]
    complement = [w.group(0).lower() for w in words[head + 1 :]]
    if complement and complement[0] not in COMPLEMENT_STARTS:
        return None
    first = head
    for i in range(head - 1, max(-1, head - 7), -1):
        word = words[i].group(0)
        lower = word.lower().strip("’'")
        if lower in {"the", "its", "their", "his", "her", "a", "an"} and not word.startswith(
            ("His M", "Her M")
        ):
            first = i
            break
        if (
            word[0].isupper()
            or word.endswith(("'s", "’s", "s'"))
            or lower in {"of", "for", "and", "&"}
        ):
            first = i
            continue
        if lower in CLAUSE_WORDS or lower.endswith("ed") or not lower.isalpha():
            break
        first = i
    while first < head and words[first].group(0).lower() in {"of", "for", "and", "&"}:
        first += 1
    return start + words[first].start()


def _same_post(a: Membership, b: Membership) -> bool:
    """One post written twice ("HMI", "His Majesty's Inspector") by one person in one body."""
    return (
        a.role_concept is not None
        and a.role_concept == b.role_concept
        and (len(a.role), a.role) < (len(b.role), b.role)
    )


def most_specific(found: list[Membership]) -> list[Membership]:
    """Drop a role that a fuller one of the same person and body already says ("Strategic Director")."""
    kept = []
    for m in found:
        fuller = [
            o for o in found
            if o is not m and o.person == m.person and o.org == m.org and o.former == m.former
            and (less_specific(m.role, o.role) or _same_post(m, o))
        ]  # fmt: skip
        if fuller:
            fuller[0].period_start = fuller[0].period_start or m.period_start
            fuller[0].period_end = fuller[0].period_end or m.period_end
        else:
            kept.append(m)
    return kept
