"""What named people are reported to have said: quoted speech and the person it is attributed to.

The shapes news and council documents use:
    X, Chair of Y, said: “...”                  (attribution before, with a colon)
    ‘...,’ said X, Chair of Y.                  (attribution after the quote)
    “...,” X told the BBC.  /  "...," he added. (subject first; a pronoun is the last speaker)
    X said:                                     (a paragraph ending with a colon, the quote below)
    "First paragraph                            (news convention: an unclosed paragraph-opening
    "Second paragraph."                          quote continues into the next one that opens
                                                 with a quote mark)
    "A later paragraph."                        (no attribution: still the last speaker, unless
                                                 someone or something else spoke in between)
Quotes attributed to something that is not a person ("said the report", "The report stated:",
"it concluded") are not statements, and they end the run of the last speaker.  Scare quotes
of one or two words ('good') are never statements.  Apostrophes inside or after words
(children’s, parents’) are told apart from single quote marks by the letters around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ofsted_kg.loaders.context import DocContext
from ofsted_kg.loaders.lexicon import SPEECH_VERBS
from ofsted_kg.loaders.model import Span, StatementFact
from ofsted_kg.loaders.normalise import squeeze

# -- word lists of this reader ------------------------------------------------
VERBS = rf"(?:{SPEECH_VERBS}|concluded|announced|remarked|asked|tweeted)"
DOUBLE, SINGLE = "D", "S"
OPEN_PUNCT = "([{—–-/"
# Subjects that speak but are not people: the quote is theirs, not a statement of a person.
NOT_A_PERSON = re.compile(
    r"\b(?:report|reports|letter|document|review|statement|findings|inspectors|inspection|"
    r"judgement|judgment|it|they|which|this)\s+(?:also\s+|further\s+|then\s+)?$",
    re.IGNORECASE,
)
NOT_A_PERSON_AFTER = re.compile(
    r"\b(?:report|letter|document|review|statement|findings|inspectors|inspection|it|they|which|"
    r"spokesperson|spokesman|spokeswoman)\b",
    re.IGNORECASE,
)
PRONOUN_SUBJECT = re.compile(
    r"\b(?:he|she)\s+(?:also\s+|then\s+|later\s+|further\s+)?$", re.IGNORECASE
)
PRONOUN_START = re.compile(r"^\s*(?:he|she)\b", re.IGNORECASE)
REPORT_WORDS = re.compile(
    r"\b(?:report|inspection|inspectors?|inspected|Ofsted|judge?ments?|judged|rated|rating|graded|grading|"
    r"monitoring\s+visit|focused\s+visit)\b",
    re.IGNORECASE,
)
SENTENCE_BREAK = re.compile(r"[.!?][\"'’”)]*\s+")
SENTENCE_END_AFTER = re.compile(r"[.!?](?=[\"'’”)]*(?:\s|$))")
MIN_WORDS = 3
MAX_GAP_PARAGRAPHS = 2


@dataclass
class QuoteRun:
    """One stretch of quoted words, possibly over several paragraphs (news convention)."""

    start: int
    end: int
    family: str
    paragraphs: list[int]
    pieces: list[tuple[int, int]] = field(default_factory=list)
    opens_paragraph: bool = False

    @property
    def span(self) -> Span:
        """From the opening mark to the closing one (or the end of the last paragraph)."""
        return Span(self.start, self.end)

    def words(self, text: str) -> str:
        """The quoted words without the marks, paragraphs joined, a trailing comma dropped."""
        return " ".join(squeeze(text[s:e]) for s, e in self.pieces).strip().rstrip(",").strip()


@dataclass
class Attribution:
    """Who a quote is attributed to: ``found`` with no ``speaker`` means a non-person (a report)."""

    found: bool
    speaker: str | None = None
    pronoun: bool = False
    start: int | None = None
    end: int | None = None


# -- paragraphs and quote marks ---------------------------------------------------
def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph ranges: a blank line always breaks; one line break only after a finished line.

    Hard-wrapped text (a line ending mid-sentence) stays one paragraph, so that a quote wrapped
    over lines is not cut; a line ending in . ! ? : or a quote mark, or a next line opening with
    a quote mark, starts a new paragraph (scraped news often has one line per paragraph).
    """
    out: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    pos = 0
    for line in text.split("\n"):
        ls, le = pos, pos + len(line)
        pos = le + 1
        stripped = line.strip()
        if not stripped:
            if start is not None:
                out.append((start, end))
                start = None
            continue
        first = ls + (len(line) - len(line.lstrip()))
        last = ls + len(line.rstrip())
        if start is not None:
            previous = text[start:end].rstrip()
            if previous[-1] in ".!?:\"'’”" or stripped[0] in "\"“‘'•":
                out.append((start, end))
                start = None
        if start is None:
            start = first
        end = last
    if start is not None:
        out.append((start, end))
    return out


def _classify(text: str, i: int, para_start: int) -> tuple[str, str] | None:
    """(open | close | either, family) for a quote mark at ``i``; None for an apostrophe."""
    c = text[i]
    prev = text[i - 1] if i > para_start else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    after_gap = prev.isspace() or prev in OPEN_PUNCT
    if c == "“":
        return "open", DOUBLE
    if c == "”":
        return "close", DOUBLE
    if c == '"':
        if after_gap:
            return ("either", DOUBLE) if nxt.isspace() else ("open", DOUBLE)
        return "close", DOUBLE
    if c == "‘":
        return None if prev.isalpha() and nxt.isalpha() else ("open", SINGLE)
    # ’ or ': an apostrophe between letters (children’s, I'm), else a single quote mark
    if prev.isalnum() and nxt.isalpha():
        return None
    if after_gap and nxt.isalnum():
        return ("open", SINGLE) if c == "'" else None
    if not prev.isspace():
        return "close", SINGLE
    return None


def _plural_possessive(text: str, i: int, run_start: int) -> bool:
    """ "parents’ views" inside a long single-quoted passage is an apostrophe, not its end."""
    if text[i - 1] != "s" or not re.match(r" [a-z]", text[i + 1 : i + 3]):
        return False
    return len(text[run_start:i].split()) >= 4


def quote_runs(text: str) -> list[QuoteRun]:
    """Every quoted stretch of ``text`` in order, nested quotes inside their outer quote."""
    paras = paragraphs(text)
    runs: list[QuoteRun] = []
    run: QuoteRun | None = None
    stack: list[str] = []
    piece_start = 0
    for index, (ps, pe) in enumerate(paras):
        begin = ps
        if run is not None:  # an unclosed quote: continues only if this paragraph opens one
            kind = _classify(text, ps, ps)
            if kind is not None and kind[0] != "close" and kind[1] == run.family:
                run.paragraphs.append(index)
                begin = ps + 1
                piece_start = begin
                stack = [run.family]
            else:
                runs.append(run)
                run, stack = None, []
        if run is None:
            piece_start = ps
        for i in range(begin, pe):
            if text[i] not in "\"“”'‘’":
                continue
            kind = _classify(text, i, ps)
            if kind is None:
                continue
            action, family = kind
            if run is None:
                if action == "open":
                    run = QuoteRun(i, i + 1, family, [index], opens_paragraph=i == ps)
                    stack, piece_start = [family], i + 1
                continue
            if action == "open" and not (family == DOUBLE and DOUBLE in stack):
                stack.append(family)
                continue
            if family not in stack or (
                family == SINGLE and len(stack) == 1 and _plural_possessive(text, i, run.start)
            ):
                continue
            while stack and stack.pop() != family:
                pass
            if not stack:
                run.pieces.append((piece_start, i))
                run.end = i + 1
                runs.append(run)
                run = None
        if run is not None:
            run.pieces.append((piece_start, pe))
            run.end = pe
    if run is not None:
        runs.append(run)
    return runs


# -- attribution ------------------------------------------------------------------
def _sentence_start(text: str, pos: int, floor: int) -> int:
    """Start of the sentence holding ``pos``, never before ``floor``."""
    start = floor
    for m in SENTENCE_BREAK.finditer(text, floor, pos):
        start = m.end()
    return start


def _subject_before(ctx: DocContext, start: int, verb: int) -> Attribution:
    """The person who speaks in "X, role, said:" — the nearest name before the verb.

    A name followed by a relative clause ("Jo Bloggs who was brought in ... told") is the
    subject even when another name sits inside the clause; a subject that is a report or a
    pronoun ("The report stated:", "He added:") is told apart.
    """
    before = ctx.text[start:verb]
    if NOT_A_PERSON.search(before):
        return Attribution(True)
    if PRONOUN_SUBJECT.search(before):
        return Attribution(True, pronoun=True, start=start)
    people = ctx.people_in(Span(start, verb))
    if not people:
        return Attribution(True)
    chosen = people[-1]
    for span, key in people[:-1]:
        if re.match(r",?\s+who\b", ctx.text[span.end : span.end + 8]):
            chosen = (span, key)
            break
    return Attribution(True, chosen[1], start=start)


def _before(
    ctx: DocContext, run: QuoteRun, floor: int, paras: list[tuple[int, int]]
) -> Attribution:
    """Attribution that ends right before the quote: 'X said: “' or 'X told Y, "'."""
    text = ctx.text
    region_start = floor
    if run.opens_paragraph and run.paragraphs[0] > 0:
        ps, pe = paras[run.paragraphs[0] - 1]
        if text[ps:pe].rstrip().endswith(":"):
            region_start = _sentence_start(text, pe - 1, ps)
            return _verb_before(ctx, region_start, pe) or Attribution(True)
    return _verb_before(ctx, region_start, run.start) or Attribution(False)


def _verb_before(ctx: DocContext, start: int, end: int) -> Attribution | None:
    """The last speech verb before ``end`` that only an object or a colon separates from it."""
    text = ctx.text
    last = None
    for m in re.finditer(rf"\b{VERBS}\b", text[start:end]):
        tail = text[start + m.end() : end]
        if re.fullmatch(r"[^.!?“”\"‘]{0,80}?\s*[:,]?\s*", tail):
            last = m
    if last is None:
        return None
    verb = start + last.start()
    sentence = _sentence_start(text, verb, start)
    found = _subject_before(ctx, sentence, verb)
    found.start = sentence
    return found


def _after(ctx: DocContext, run: QuoteRun, ceiling: int) -> Attribution:
    """Attribution right after the quote: '…,’ said X, role.' or '…,” X told Y.'"""
    text = ctx.text
    if text[run.pieces[-1][1] - 1 : run.pieces[-1][1]] == ".":
        return Attribution(False)  # '…."' ends a sentence: what follows is not its attribution
    tail = text[run.end : ceiling]
    end_match = SENTENCE_END_AFTER.search(tail)
    sentence_end = run.end + (end_match.end() if end_match else len(tail))
    verb_first = re.match(rf"\s*[,.]?\s*(?P<verb>{VERBS})\b\s+", tail)
    if verb_first:
        rest_start = run.end + verb_first.end()
        if PRONOUN_START.match(text[rest_start:sentence_end]):
            return Attribution(True, pronoun=True, end=sentence_end)
        people = ctx.people_in(Span(rest_start, sentence_end))
        if not people or NOT_A_PERSON_AFTER.search(text[rest_start : people[0][0].start]):
            return Attribution(True)
        return Attribution(True, people[0][1], end=sentence_end)
    subject_first = re.match(rf"\s*,?\s*(?P<who>[^.!?“”\"‘]{{1,100}}?)\s+(?P<verb>{VERBS})\b", tail)
    if subject_first:
        who = subject_first.group("who")
        who_start = run.end + subject_first.start("who")
        if re.fullmatch(r"\s*(?:he|she)\s*", who, re.IGNORECASE):
            return Attribution(True, pronoun=True, end=sentence_end)
        people = ctx.people_in(Span(who_start, who_start + len(who)))
        if people:
            return Attribution(True, people[-1][1], end=sentence_end)
        if len(who.split()) <= 8:
            return Attribution(True)  # "a council spokesperson said", "the report found"
    return Attribution(False)


# -- the reader -------------------------------------------------------------------
@dataclass
class _Chain:
    """The last person quoted, for later quotes that carry no attribution of their own."""

    speaker: str | None = None
    paragraph: int = -1
    end: int = -1


def _continues(ctx: DocContext, chain: _Chain, run: QuoteRun, paras: list[tuple[int, int]]) -> bool:
    """An unattributed quote belongs to the last speaker when nobody else spoke in between."""
    if chain.speaker is None:
        return False
    first = run.paragraphs[0]
    if first == chain.paragraph:
        return ctx.text[chain.end : run.start].strip(" \t\n,;:–—-") == ""
    if not run.opens_paragraph or first - chain.paragraph - 1 > MAX_GAP_PARAGRAPHS:
        return False
    speaker_spans = ctx.people[chain.speaker].spans
    for ps, pe in paras[chain.paragraph + 1 : first]:
        if any(ps <= s.start < pe for s in speaker_spans) or PRONOUN_START.match(ctx.text[ps:pe]):
            continue
        if ctx.people_in(Span(ps, pe)) or re.search(rf"\b{VERBS}\b", ctx.text[ps:pe]):
            return False
        if ctx.text[ps:pe].rstrip().endswith(":"):
            return False
    return True


def _pronoun_speaker(ctx: DocContext, chain: _Chain, run: QuoteRun) -> str | None:
    """ "he said": the last person quoted, else the nearest person named just before."""
    if chain.speaker is not None:
        return chain.speaker
    people = ctx.people_in(Span(max(0, run.start - 400), run.start))
    return people[-1][1] if people else None


def _speaks_of_inspection(ctx: DocContext, run: QuoteRun, paras: list[tuple[int, int]]) -> bool:
    """The quote names the report or inspection, or its paragraph does about the subject body.

    A paragraph that names another council ("Kent, which received a damning Ofsted
    report") speaks of that council's report, not of the one the document is about.
    """
    if REPORT_WORDS.search(ctx.text[run.start : run.end]):
        return True
    start, end = paras[run.paragraphs[0]][0], paras[run.paragraphs[-1]][1]
    if not REPORT_WORDS.search(ctx.text[start:end]):
        return False
    own = {ctx.subject_la, ctx.subject_trust}
    others = [
        m
        for m in ctx.orgs_in(Span(start, end))
        if ctx.orgs[m.key].kind == "LocalAuthority" and m.key not in own
    ]
    return not others


def _about(ctx: DocContext, run: QuoteRun, paras: list[tuple[int, int]]) -> list[str]:
    """The subject inspection when the quote or its paragraph speaks of it, and bodies named."""
    about: list[str] = []
    if ctx.subject_inspection is not None and _speaks_of_inspection(ctx, run, paras):
        about.append(f"inspection:{ctx.subject_inspection}")
    for mention in ctx.orgs_in(run.span):
        if mention.key not in about:
            about.append(mention.key)
    return about


def _span(ctx: DocContext, run: QuoteRun, attribution: Attribution) -> Span:
    """The quote with its attribution when they share a sentence: evidence that names the speaker."""
    start = min(run.start, attribution.start if attribution.start is not None else run.start)
    end = max(run.end, attribution.end if attribution.end is not None else run.end)
    text = ctx.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return Span(start, end)


def find_statements(ctx: DocContext) -> list[StatementFact]:
    """Quoted speech of named people, in document order, each with the words that state it."""
    text = ctx.text
    paras = paragraphs(text)
    runs = quote_runs(text)
    chain = _Chain()
    out: list[StatementFact] = []
    previous_end = 0
    for index, run in enumerate(runs):
        quote = run.words(text)
        if len(quote.split()) < MIN_WORDS:
            continue
        para_start, _ = paras[run.paragraphs[0]]
        para_end = paras[run.paragraphs[-1]][1]
        next_start = runs[index + 1].start if index + 1 < len(runs) else len(text)
        attribution = _before(ctx, run, max(para_start, previous_end), paras)
        if not attribution.found:
            attribution = _after(ctx, run, min(para_end, next_start))
        previous_end = run.end
        speaker = attribution.speaker
        if attribution.pronoun:
            speaker = _pronoun_speaker(ctx, chain, run)
        elif not attribution.found and _continues(ctx, chain, run, paras):
            speaker = chain.speaker
        if speaker is None:
            chain = _Chain()
            continue
        span = _span(ctx, run, attribution)
        out.append(
            StatementFact(speaker=speaker, quote=quote, span=span, about=_about(ctx, run, paras))
        )
        chain = _Chain(speaker, run.paragraphs[-1], span.end)
        previous_end = span.end
    return out
