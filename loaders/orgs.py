"""Organisations in a document: known bodies from the gazetteer, others found by the shape of their name.

Every candidate is collected first — bodies found by their head word ("... Children's Trust",
"... Constabulary", "... Integrated Care Board", "... Scrutiny Panel") and the gazetteer's
full names — and the longest wins where two overlap, so "His Majesty's Inspectorate of
Constabulary and Fire & Rescue Services" is the inspectorate, not a police force, and
"NHS Bristol, North Somerset and South Gloucestershire Integrated Care Board" is one board,
not two councils.  Bare place names ("Leeds") count only in the space left over, and not in
an address block, a person's name ("Sarah Bradford said") or another body's name ("Leeds
Beckett University").  Short forms ("the Trust", "the council", "the partnership") resolve
to the nearest body of that kind before them, or else to the one the document is about.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ofsted_kg.loaders.gazetteer import Body, BodyMention, Gazetteer
from ofsted_kg.loaders.model import OrgRef, Span
from ofsted_kg.loaders.normalise import fold, squeeze
from ofsted_kg.loaders.org_patterns import (
    ACRONYM_DEFINITION,
    HEADS,
    LEADING_JOINERS,
    LIST_COMMA_LEFT,
    MEDIA_REGIONAL,
    NAME_JOINERS,
    NOT_BODIES,
    PLACE_PREFIXES,
    SENTENCE_BREAK,
    SHORT_FORMS,
    STOP_LEFT,
    TOKEN_LEFT,
    after_modifier,
    in_address_block,
    mid_sentence,
    names_another_body,
    title_case,
)
from ofsted_kg.loaders.people import is_person_name


@dataclass(frozen=True)
class OrgMention:
    span: Span
    key: str
    surface: str
    short_form: bool = False


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    key: str
    name: str
    kind: str
    serves: tuple[str, ...] = ()
    from_gazetteer: bool = False


class OrgFinder:
    """Finds the organisations of one document and the spans that mention each."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def find(self, text: str) -> tuple[dict[str, OrgRef], list[OrgMention]]:
        refs: dict[str, OrgRef] = {}
        mentions: list[OrgMention] = []
        taken: list[tuple[int, int]] = []

        def free(start: int, end: int) -> bool:
            return all(end <= s or start >= e for s, e in taken)

        def add(
            key: str, name: str, kind: str, start: int, end: int, surface: str, short: bool = False
        ) -> None:
            ref = refs.get(key)
            if ref is None:
                ref = refs[key] = OrgRef(key=key, name=name, kind=kind)
            ref.spans.append(Span(start, end))
            ref.aliases.add(squeeze(surface))
            mentions.append(OrgMention(Span(start, end), key, surface, short))
            taken.append((start, end))

        gazetteer_mentions = self.gazetteer.find_mentions(text)
        candidates = self._named_bodies(text, gazetteer_mentions)
        for c in sorted(
            candidates, key=lambda c: (-(c.end - c.start), not c.from_gazetteer, c.start)
        ):
            if free(c.start, c.end):
                add(c.key, c.name, c.kind, c.start, c.end, text[c.start : c.end])
                if c.serves and refs[c.key].serves is None:
                    refs[c.key].serves = c.serves[0]
        for m in ACRONYM_DEFINITION.finditer(text):
            name = expansion_of(m["acr"], m["name"])
            if name and free(m.start("acr"), m.end("acr")):
                key = f"name/{fold(m['acr'])}"
                add(key, m["acr"], "ServiceProvider", m.start("acr"), m.end("acr"), m["acr"])
                refs[key].aliases.add(name)
        for mention in gazetteer_mentions:
            if not mention.bare_place or not free(mention.start, mention.end):
                continue
            if (
                in_address_block(text, mention.start, mention.end)
                or names_another_body(text, mention.end)
                or after_modifier(text, mention.start)
            ):
                continue
            if is_person_name(text, mention.start, mention.end):
                continue
            body = mention.body
            add(body.key, body.name, body.kind, mention.start, mention.end, mention.surface)
        self._serve_mentioned_council(refs, candidates)
        self._resolve_short_forms(text, refs, mentions, add, free)
        mentions.sort(key=lambda m: m.span)
        return refs, mentions

    def _named_bodies(self, text: str, gazetteer_mentions: list[BodyMention]) -> list[_Candidate]:
        """Bodies named in full: by their head word, as regional media, or by a gazetteer name."""
        found: list[_Candidate] = []
        for head in HEADS:
            for m in head.matches(text):
                start = self._extend_left(text, m.start())
                joiners = LEADING_JOINERS.match(text, start, m.start())
                start = joiners.end() if joiners else start
                if start == m.start() and not head.bare:
                    continue
                name = title_case(squeeze(text[start : m.end()]))
                if head.needs_place and not self._has_place(name):
                    continue
                found.append(self._pattern_body(name, head.kind, start, m.end()))
        for m in MEDIA_REGIONAL.finditer(text):
            found.append(
                self._pattern_body(squeeze(m.group(0)), "MediaOrganisation", m.start(), m.end())
            )
        for mention in gazetteer_mentions:
            if not mention.bare_place:
                body = mention.body
                found.append(
                    _Candidate(
                        mention.start,
                        mention.end,
                        body.key,
                        body.name,
                        body.kind,
                        body.serves,
                        True,
                    )
                )
        return found

    def _has_place(self, name: str) -> bool:
        words = name.split()
        return any(
            self._is_place(" ".join(words[i:j]))
            for i in range(len(words))
            for j in range(i + 1, len(words))
        )

    def _is_place(self, words: str) -> bool:
        body = self.gazetteer.lookup(words)
        return body is not None and body.kind == "LocalAuthority"

    def _extend_left(self, text: str, head_start: int) -> int:
        """Start of a body's name: capitalised words before its head.

        The name stops at a place name unless what comes before it still belongs to the name:
        "NHS" or "Greater" ("Greater Manchester Police"), another place joined by "and"
        ("Avon and Somerset Constabulary"), or a list of places ("NHS Bristol, North Somerset
        and South Gloucestershire Integrated Care Board").
        """
        start = head_start
        words: list[str] = []
        while True:
            m = TOKEN_LEFT.search(text, max(0, start - 60), start)
            if m is None:
                comma = LIST_COMMA_LEFT.search(text, max(0, start - 60), start)
                if (
                    comma
                    and "and" in words
                    and self._starts_with_place(words)
                    and self._is_place(comma.group(1))
                ):
                    words.insert(0, comma.group(1))
                    start = comma.start()
                    continue
                return start
            word = m.group(1)
            lower = word.lower()
            is_place_so_far = bool(words) and self._is_place(" ".join(words))
            if lower in NAME_JOINERS:
                before = TOKEN_LEFT.search(text, max(0, m.start() - 60), m.start())
                if (
                    before is None
                    or not before.group(1)[0].isupper()
                    or before.group(1).lower() in STOP_LEFT
                ):
                    return start
                if is_place_so_far and not (
                    lower in {"and", "&"} and self._could_be_place(before.group(1))
                ):
                    return start
                words.insert(0, word)
                start = m.start()
                continue
            if not word[0].isupper() or lower in STOP_LEFT or lower.rstrip("'’s") in STOP_LEFT:
                return start
            if (
                is_place_so_far
                and lower not in PLACE_PREFIXES
                and not self._is_place(" ".join([word, *words]))
                and not mid_sentence(text, m.start())
            ):
                return start
            words.insert(0, word)
            start = m.start()

    def _starts_with_place(self, words: list[str]) -> bool:
        return any(self._is_place(" ".join(words[:k])) for k in range(1, min(4, len(words)) + 1))

    def _could_be_place(self, word: str) -> bool:
        """A word that may name an area in a joint body's name: a place, or a word no body claims."""
        body = self.gazetteer.lookup(word)
        return body is None or body.kind == "LocalAuthority"

    def _pattern_body(self, name: str, kind: str, start: int, end: int) -> _Candidate:
        known = self.gazetteer.lookup(name)
        if known is not None:
            return _Candidate(start, end, known.key, known.name, known.kind, known.serves, True)
        if kind == "MediaOrganisation":
            national = self.gazetteer.lookup(name.split()[0])
            if national is not None and national.kind == "MediaOrganisation":
                return _Candidate(start, end, national.key, national.name, national.kind)
        return _Candidate(start, end, f"name/{fold(name)}", name, kind)

    def _serve_mentioned_council(
        self, refs: dict[str, OrgRef], candidates: list[_Candidate]
    ) -> None:
        """A company serving several councils is linked to the one the document names, if any.

        The council it serves is described in the extraction even when only the company is
        named, so that the link has a node to point to.
        """
        for c in candidates:
            ref = refs.get(c.key)
            if ref is None or not c.serves:
                continue
            named = [k for k in c.serves if k in refs]
            ref.serves = named[0] if named else c.serves[0]
            if ref.serves not in refs:
                body = self.gazetteer.bodies[ref.serves]
                refs[ref.serves] = OrgRef(
                    key=body.key, name=body.name, kind=body.kind, spans=[ref.spans[0]]
                )

    def _resolve_short_forms(self, text, refs, mentions, add, free) -> None:  # type: ignore[no-untyped-def]
        """Each short form to the nearest body of its kind before it, else the document's subject.

        A trust stands for the council it serves: in "the trust took over the city council's
        services", the council is the trust's.
        """
        for pattern, kind, reach in SHORT_FORMS:
            subject = subject_of_kind(refs, kind)
            of_kind = sorted(
                (m.span, m.key) for m in mentions if refs[m.key].kind == kind
            ) + self._served_councils(refs, mentions, kind)
            of_kind.sort()
            for m in pattern.finditer(text):
                if not free(m.start(), m.end()):
                    continue
                before = [
                    key
                    for span, key in of_kind
                    if span.end <= m.start()
                    and m.start() - span.end <= reach
                    and (
                        kind != "LocalAuthority"
                        or not SENTENCE_BREAK.search(text, span.end, m.start() + 1)
                    )
                ]
                target = refs[before[-1]] if before else subject
                if target is not None:
                    add(
                        target.key,
                        target.name,
                        target.kind,
                        m.start(),
                        m.end(),
                        m.group(0),
                        short=True,
                    )

    def _served_councils(self, refs, mentions, kind: str) -> list[tuple[Span, str]]:  # type: ignore[no-untyped-def]
        """Where a trust is mentioned, the council it serves is implied (for "the council" after it)."""
        if kind != "LocalAuthority":
            return []
        implied = []
        for m in mentions:
            ref = refs[m.key]
            if ref.kind != "ChildrensTrust":
                continue
            served = ref.serves
            if served is None:
                body = body_for_place(self.gazetteer, ref.name)
                served = body.key if body is not None else None
            if served in refs:
                implied.append((m.span, served))
        return implied


def expansion_of(acronym: str, phrase: str) -> str | None:
    """The words before "(ACR)" that spell it (Schwartz-Hearst): None when they do not."""
    letters = [c.lower() for c in acronym if c.isupper()] or [acronym[0].lower()]
    words = phrase.split()
    taken: list[str] = []
    needed = list(letters)
    while words and needed:
        word = words.pop()
        taken.insert(0, word)
        if word.lower() in {"and", "of", "for", "the", "&"}:
            continue
        if word[0].lower() == needed[-1]:
            needed.pop()
        elif word[0].lower() not in letters:
            return None
    if needed or any(w.lower() in NOT_BODIES for w in taken):
        return None
    return " ".join(taken)


def subject_of_kind(refs: dict[str, OrgRef], kind: str) -> OrgRef | None:
    """The body of a kind a document mentions most (its subject); of several, the first named."""
    counts = Counter({key: len(ref.spans) for key, ref in refs.items() if ref.kind == kind})
    if not counts:
        return None
    most = max(counts.values())
    tied = [refs[key] for key, count in counts.items() if count == most]
    return min(tied, key=lambda r: min(r.spans).start)


def body_for_place(gazetteer: Gazetteer, name: str) -> Body | None:
    """The local authority a pattern body's leading place name points to ("Leeds Children's Trust")."""
    known = gazetteer.lookup(name)
    if known is not None and known.serves:
        # a company the gazetteer knows serves the councils it lists; OrgFinder links it
        return None
    words = name.split()
    for size in range(min(4, len(words) - 1), 0, -1):
        body = gazetteer.lookup(" ".join(words[:size]))
        if body is not None and body.kind == "LocalAuthority":
            return body
    return None
