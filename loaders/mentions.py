"""Short mentions of people already named in full: "Ms Tanner", "Hughes", "Dr Patel", "Tomasz".

Readers resolve a short mention to someone the text has already introduced, so a mention
attaches only to a person whose full name came before it (or, with an honorific, to the one
person who fits at all).  Two people sharing a surname are told apart by the honorific when
it says which one is meant ("Dr Patel" is the doctor, "Cllr Patel" the councillor, "Mr" and
"Ms" by the honorific each was introduced with); otherwise the mention attaches to no one —
a wrong link is worse than a missing one.  A possessive ("Ellie's", "Mr Patel's") is a short
mention like any other; the people reader ends its span before the "'s".
"""

from __future__ import annotations

import re

from ofsted_kg.loaders.lexicon import HONORIFICS
from ofsted_kg.loaders.model import PersonRef, Span

HONORIFIC_BEFORE = re.compile(
    r"(?:\b(?:" + "|".join(sorted(HONORIFICS, key=len, reverse=True)) + r")\.?)[ \t]+$",
    re.IGNORECASE,
)
# Honorifics that say the same thing, and the two that exclude each other.
HONORIFIC_CLASS = {
    "cllr": "councillor", "councillor": "councillor", "prof": "professor", "professor": "professor",
    "dr": "doctor", "mr": "male", "sir": "male", "lord": "male", "ms": "female", "mrs": "female",
    "miss": "female", "dame": "female", "lady": "female", "baroness": "female",
}  # fmt: skip
EXCLUSIVE = {frozenset({"male", "female"})}


def honorific_class(honorific: str | None) -> str | None:
    if not honorific:
        return None
    word = honorific.split()[-1].lower().rstrip(".")
    return HONORIFIC_CLASS.get(word, word)


def _compatible(mention: str | None, person: str | None) -> bool:
    return mention is None or person is None or frozenset({mention, person}) not in EXCLUSIVE


def _first_full(ref: PersonRef) -> int:
    full = [s.start for s in ref.spans]
    return min(full) if full else 0


def _choose(
    owners: list[str], people: dict[str, PersonRef], start: int, honorific: str | None
) -> tuple[str, str] | None:
    """The one person a short mention at ``start`` can mean, and why; None when it is not one."""
    mention_class = honorific_class(honorific)
    introduced = [k for k in owners if _first_full(people[k]) < start]
    pool = introduced or (owners if honorific else [])
    pool = [k for k in pool if _compatible(mention_class, honorific_class(people[k].honorific))]
    if len(pool) > 1 and mention_class:
        exact = [k for k in pool if honorific_class(people[k].honorific) == mention_class]
        if len(exact) == 1:
            return exact[0], "its honorific matches"
    if len(pool) != 1:
        return None
    reason = "the only one of that name named before" if introduced else "the only one of that name"
    return pool[0], reason


def link_short_mentions(
    text: str, singles: list[tuple[int, int, str]], people: dict[str, PersonRef]
) -> dict[str, set[str]]:
    """Attach each one-word mention (start, end, word) to the person it unambiguously means.

    Returns, per person, how their short mentions were attached ("Dr Patel: its honorific
    matches"), for explain-merge.
    """
    by_surname: dict[str, list[str]] = {}
    by_first: dict[str, list[str]] = {}
    for key, ref in people.items():
        words = ref.name.split()
        by_surname.setdefault(words[-1], []).append(key)
        by_first.setdefault(words[0], []).append(key)
    found: list[tuple[str, int, int, str]] = []
    for start, end, word in singles:
        surname_owners = by_surname.get(word, [])
        first_owners = by_first.get(word, [])
        if surname_owners and first_owners and surname_owners != first_owners:
            continue
        honorific = HONORIFIC_BEFORE.search(text[max(0, start - 20) : start])
        owners = surname_owners or first_owners
        if (
            first_owners
            and not surname_owners
            and honorific
            and honorific_class(honorific.group(0))
            in {"male", "female", "councillor", "doctor", "professor"}
            and not honorific.group(0).lower().startswith(("sir", "dame", "lady", "lord"))
        ):
            continue  # "Ms Claire" is not how anyone is named; it is another person's surname
        chosen = _choose(owners, people, start, honorific.group(0) if honorific else None)
        if chosen is not None:
            written = f"{honorific.group(0) if honorific else ''}{word}"
            found.append((chosen[0], start, end, f"'{written}' ({chosen[1]})"))
    reasons: dict[str, set[str]] = {}
    for key, start, end, reason in found:
        people[key].spans.append(Span(start, end))
        people[key].mentioned_as.add(text[start:end])
        reasons.setdefault(key, set()).add(reason)
    return reasons
