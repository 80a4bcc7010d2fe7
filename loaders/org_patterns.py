"""What organisations' names look like: head words by kind, short forms, and where a place is not a council.

Data for ``orgs.py``, kept apart so that a reader sees every signal in one place: the last
words of each kind of body's name ("... Constabulary" is a police force), the short forms
that refer back to a body ("the Trust"), and the shapes in which a place name means
something other than its council (an address, "Greater Manchester", "Leeds Beckett
University").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ofsted_kg.loaders.lexicon import NOT_COUNCIL_AFTER, NOT_COUNCIL_BEFORE


@dataclass(frozen=True)
class Head:
    """The last words of a kind of body's name; ``bare``: the head names a body on its own."""

    pattern: re.Pattern[str]
    kind: str
    bare: bool = False
    needs_place: bool = False

    def matches(self, text: str) -> list[re.Match[str]]:
        """Matches as written, and in headings set in capitals ("... SCRUTINY COMMITTEE")."""
        shouted = re.compile(self.pattern.pattern, re.IGNORECASE)
        return [
            *self.pattern.finditer(text),
            *(m for m in shouted.finditer(text) if m.group(0).isupper()),
        ]


def _head(regex: str, kind: str, *, bare: bool = False, needs_place: bool = False) -> Head:
    return Head(re.compile(regex.replace(" ", r"[ \t]+")), kind, bare, needs_place)


HEADS: list[Head] = [
    _head(r"Children['’]?s?(?: (?:Services|and Families))? Trust\b", "ChildrensTrust"),
    _head(r"NHS(?: Foundation)? Trust\b", "HealthService"),
    _head(r"Integrated Care (?:Board|System)\b|ICB\b|Clinical Commissioning Group\b|CCG\b", "HealthService"),
    _head(r"Police and Crime Commissioner\b", "PublicBody"),
    _head(r"(?:Police|Constabulary)(?: Service)?\b(?! and Crime)", "PoliceForce"),
    _head(r"Safeguarding (?:Children |Adults )?(?:Partnership|Board)\b|Safe Partnership\b", "SafeguardingPartnership"),
    _head(r"(?:Overview (?:and|&) )?Scrutiny (?:Committee|Sub-Committee|Panel|Board|Commission)\b", "Committee"),
    _head(r"(?:Committee|Sub-Committee)\b", "Committee"),
    _head(r"(?:Corporate Parenting|Health and Wellbeing) (?:Board|Panel|Committee)\b", "Committee", bare=True),
    _head(r"Directorate\b", "CouncilDirectorate"),
    Head(re.compile(r"(?<=Children in Care )Council\b"), "Committee"),
    _head(r"(?:Crown|Magistrates['’]?|Family|County|Youth) Court\b", "Court"),
    _head(r"(?:Evening|Daily|Weekly) (?:News|Post|Echo|Mail|Press|Telegraph|Chronicle|Star|Gazette|Herald)\b", "MediaOrganisation"),
    _head(r"(?:Echo|Gazette|Herald|Chronicle|Telegraph|Argus|Advertiser|Courier|Mercury|Sentinel|Live|Post)\b", "MediaOrganisation", needs_place=True),
]  # fmt: skip
MEDIA_REGIONAL = re.compile(
    r"\b(?:ITV|BBC)[ \t]+(?:News[ \t]+)?(?:Central|Midlands|London|Yorkshire|Tyne[ \t]+Tees|Granada|"
    r"Anglia|Meridian|West[ \t]+Country|Border|North[ \t]+West|North[ \t]+East|South[ \t]+East|"
    r"South[ \t]+West|East|West|Calendar)\b"
)
TOKEN_LEFT = re.compile(r"([A-Za-z][\w’'&.-]*|&)[ \t]+$")
LIST_COMMA_LEFT = re.compile(r"([A-Z][\w’'.-]*),[ \t]+$")
NAME_JOINERS = {"and", "of", "for", "&", "upon", "on", "in", "the"}
# Words before a place that still belong to a body's name ("NHS Leeds ...", "Greater Manchester Police").
PLACE_PREFIXES = {"nhs", "greater"}
STOP_LEFT = {
    "council", "trust", "chair", "chief", "executive", "director", "head", "leader", "member",
    "the", "a", "an", "at", "by", "from", "with", "to", "as", "our", "their", "its", "said",
    "report", "relevant", "subject", "dear", "image", "picture", "credit", "partnership", "board",
    "police", "constabulary", "committee", "panel", "ofsted", "today", "yesterday", "meanwhile",
    "inspector", "inspectors", "officer", "manager", "meeting", "minutes", "agenda", "item",
    "however", "but", "when", "while", "after", "before",
}  # fmt: skip
LEADING_JOINERS = re.compile(r"(?:(?:and|of|for|&|upon|on|in|the)\s+)+", re.IGNORECASE)
ADDRESS_LINE = re.compile(r"^[ \t]*(?:\d+[A-Za-z]?,?[ \t]+)?[A-Z][A-Za-z .'-]{0,40}[ \t]*$")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
# Short forms, the kind of body each denotes, and how far back (characters) a nearer body of
# that kind may be before the document's main one is assumed instead.  A council is the
# document's own unless another is named earlier in the same sentence: readers take "the
# council" to be the one the story is about.
SENTENCE_BREAK = re.compile(r"[.!?][\"'”’]?\s+[A-Z‘“\"']|\n\s*\n")
SHORT_FORMS: list[tuple[re.Pattern[str], str, int]] = [
    (re.compile(r"\b[Tt]he\s(?:[Cc]hildren['’]s\s)?(?:Trust|trust)\b"), "ChildrensTrust", 2000),
    (
        re.compile(
            r"\b[Tt]he\s(?:[Cc]ity\s|[Cc]ounty\s|[Bb]orough\s)?[Cc]ouncil\b(?!\s+(?:[Tt]ax|[Ll]eader|[Hh]ouse|[Cc]hamber))"
            r"|\b[Tt]he\s(?:local\s)?authority\b|\bCity\sCouncil\b"
        ),
        "LocalAuthority",
        600,
    ),
    (re.compile(r"\b[Tt]he\s[Pp]artnership\b"), "SafeguardingPartnership", 2000),
    (re.compile(r"\b[Tt]he\s(?:[Cc]ommittee|[Pp]anel)\b"), "Committee", 2000),
]  # fmt: skip
ACRONYM_DEFINITION = re.compile(
    r"(?P<name>(?:[A-Za-z’'-]+\s){1,8}(?:service|services|council|team|board|partnership|panel|hub))"
    r"\s\((?P<acr>[A-Z][A-Za-z]{1,7})\)"
)
NOT_BODIES = {"framework", "inspection", "inspecting", "plan", "strategy", "model", "assessment"}


def in_address_block(text: str, start: int, end: int) -> bool:
    """A place name alone on a line next to a postcode is an address, not the council."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    if POSTCODE.search(line):
        return True
    if not ADDRESS_LINE.match(line):
        return False
    window = text[max(0, line_start - 120) : min(len(text), line_end + 60)]
    return bool(POSTCODE.search(window))


def title_case(name: str) -> str:
    """A name set in capitals, as it is normally written: "CHILDREN AND YOUNG PEOPLE ..." → "Children and Young People ..."."""
    if not name.isupper():
        return name
    small = {"and", "of", "for", "the", "in", "on", "upon", "with"}
    words = [w.lower() if w.lower() in small else w.capitalize() for w in name.split()]
    return " ".join([words[0].capitalize(), *words[1:]]).replace("Nhs", "NHS")


def mid_sentence(text: str, start: int) -> bool:
    """A capitalised word inside a sentence ("the Keeping Bristol Safe ..."), not opening one."""
    before = text[max(0, start - 3) : start].rstrip(" \t")
    return bool(before) and (before[-1].islower() or before[-1] in ",(")


def after_modifier(text: str, start: int) -> bool:
    """A modifier before the place makes it another area: "Greater Manchester", "New York"."""
    m = re.search(r"([A-Z][a-z]+)[ \t]+$", text[max(0, start - 20) : start])
    return bool(m) and m.group(1) in NOT_COUNCIL_BEFORE  # type: ignore[union-attr]


def names_another_body(text: str, end: int) -> bool:
    """The place starts another body's name: "Leeds Beckett University", "Hull Daily Mail"."""
    after = re.match(r"[ \t]+([A-Z][\w’'-]*)", text[end : end + 40])
    return bool(after) and after.group(1) in NOT_COUNCIL_AFTER  # type: ignore[union-attr]
