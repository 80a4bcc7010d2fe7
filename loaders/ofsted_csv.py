"""The structured loader: Ofsted's published inspection history (one CSV row per report) as facts.

Why a loader of its own: the CSV states in columns what the text loaders have to find in
prose — which council, when, under which framework, who led it and every grade — for every
English authority since 2012.  Each data row becomes exactly one ``InspectionFact`` whose
span is that row's line in the file, so the graph can show a user the very row behind a fact.

The file is read as text (``loaders.text``), never in text mode, so offsets stay exact, and is
parsed with the ``csv`` module line by line, so each record knows where it starts and ends.
Nothing is dropped silently: a value that cannot be read is left out of the fact and reported
in a one-line warning naming the file and the data row; a row that cannot be parsed at all
(wrong number of fields, no authority) is reported and skipped.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ofsted_kg.errors import SourceError
from ofsted_kg.loaders.gazetteer import Body, Gazetteer, load_gazetteer
from ofsted_kg.loaders.model import (
    Document,
    Extraction,
    InspectionFact,
    JudgementFact,
    OrgRef,
    PersonRef,
    Span,
)
from ofsted_kg.loaders.normalise import fold, squeeze
from ofsted_kg.loaders.text import read_text_document

GENRE = "dataset"
MEDIA_TYPE = "text/csv"
INSPECTORATE_NAME = "Ofsted"
INSPECTORATE_FALLBACK_KEY = "national/ofsted"

# Judgement columns → area concepts (local names of okg: terms), in report order.
GRADE_COLUMNS = {
    "overall_effectiveness_grade": "OverallEffectiveness",
    "impact_of_leaders_grade": "ImpactOfLeaders",
    "help_and_protection_grade": "HelpAndProtection",
    "in_care_grade": "ChildrenInCare",
    "care_leavers_grade": "CareLeavers",
}
OVERALL_COLUMN = "overall_effectiveness_grade"
# Grades as the source writes them (folded) → grade concepts.
GRADES = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires improvement": "RequiresImprovement",
    "requires improvement to be good": "RequiresImprovement",
    "inadequate": "Inadequate",
}
GRADE_LABELS = {
    "Outstanding": "Outstanding",
    "Good": "Good",
    "RequiresImprovement": "Requires improvement",
    "Inadequate": "Inadequate",
}
# Markers the source writes instead of a grade.  Only ``data_unreadable`` means a grade was
# there and got lost; the others say there was no such judgement to give.
UNREADABLE = "data_unreadable"
NO_JUDGEMENT = {"", "not_reported_post_reform", "inspection_pre_dates_judgement"}
# Frameworks as the source writes them → (inspection-type concept, framework concept).
INSPECTION_KINDS = {
    "standard": ("StandardInspection", "ILACS"),
    "short": ("ShortInspection", "ILACS"),
}
FULL_INSPECTION = ("FullInspection", "ILACS")
SIF_INSPECTION = ("SIFInspection", "SIF")

REQUIRED_COLUMNS = (
    "urn",
    "local_authority",
    "publication_date",
    "inspection_framework",
    "inspector_name",
    "inspection_start_date",
    "inspection_end_date",
    *GRADE_COLUMNS,
)
# Columns every ILACS row should fill; a blank one is reported.
EXPECTED_COLUMNS = (
    "inspector_name",
    "inspection_start_date",
    "inspection_end_date",
    OVERALL_COLUMN,
)
# Fieldwork dates are dd/mm/yyyy, publication dates dd/mm/yy; either column may use either.
DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d")
FIELD_LABELS = {
    "publication_date": "a publication date",
    "inspection_start_date": "a start date",
    "inspection_end_date": "an end date",
}


@dataclass(frozen=True)
class _Record:
    """One CSV record with where it sits in the text (a record may span physical lines)."""

    fields: list[str]
    span: Span
    error: str | None = None


def load_ofsted_csv(path: Path) -> tuple[Extraction, list[str]]:
    """Every data row of an Ofsted inspection-history CSV as one inspection, plus warnings.

    Raises SourceError (naming the file) when the file cannot be read or lacks a required
    column; everything smaller is a warning and the rest of the file still loads.
    """
    path = Path(path)
    document = dataclasses.replace(
        read_text_document(path), title=path.name, genre=GENRE, media_type=MEDIA_TYPE
    )
    loader = _RowLoader(document, load_gazetteer())
    records = _records(document.text)
    header = next(records, None)
    if header is None or header.error:
        raise SourceError(str(path), "has no readable header row")
    columns = [squeeze(name).lower() for name in header.fields]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise SourceError(
            str(path), f"not an Ofsted inspection CSV: no column {', '.join(missing)}"
        )
    for number, record in enumerate(records, start=1):
        if record.error:
            loader.warn(number, f"is not valid CSV ({record.error}); row skipped")
        elif len(record.fields) != len(columns):
            loader.warn(
                number,
                f"has {len(record.fields)} fields, expected {len(columns)}; row skipped",
            )
        else:
            loader.add_row(number, dict(zip(columns, record.fields, strict=True)), record.span)
    return loader.extraction, loader.warnings


def _records(text: str) -> Iterator[_Record]:
    """CSV records with their spans; blank lines are not records and are passed over.

    A record the csv module cannot parse comes back with ``error`` set, so that the caller
    can report it and go on with the next line.
    """
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]*\n|[^\n]+$", text)]
    cursor = {"index": 0}

    def feed() -> Iterator[str]:
        while cursor["index"] < len(lines):
            cursor["index"] += 1
            yield lines[cursor["index"] - 1][1]

    reader = csv.reader(feed(), strict=True)
    first = 0
    while True:
        error = None
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            fields, error = [], str(exc)
        last = cursor["index"] - 1
        start = lines[first][0]
        end = lines[last][0] + len(lines[last][1].rstrip("\r\n"))
        first = cursor["index"]
        if error or any(f.strip() for f in fields):
            yield _Record(fields, Span(start, end), error)


class _RowLoader:
    """Turns rows into facts and collects the warnings, one line each, naming file and row."""

    def __init__(self, document: Document, gazetteer: Gazetteer) -> None:
        self.file_name = Path(document.path).name
        self.gazetteer = gazetteer
        self.extraction = Extraction(document=document)
        self.warnings: list[str] = []
        self._by_name: dict[str, Body | None] = {}
        inspectorate = _inspectorate(gazetteer)
        self.extraction.orgs[inspectorate.key] = inspectorate

    def warn(self, row: int, problem: str) -> None:
        self.warnings.append(f"{self.file_name} row {row}: {problem}")

    def add_row(self, row: int, values: dict[str, str], span: Span) -> None:
        values = {name: squeeze(value) for name, value in values.items()}
        body = self._body(row, values, span)
        if body is None:
            return
        fact = InspectionFact(body=body, kind="", spans=[span], source_row=row, is_subject=True)
        fact.published = self._date(row, values, "publication_date")
        fact.start = self._date(row, values, "inspection_start_date")
        fact.end = self._date(row, values, "inspection_end_date")
        if fact.start and fact.end and fact.end < fact.start:
            self.warn(row, f"inspection_end_date {fact.end} is before the start {fact.start}")
        fact.kind, fact.framework = self._kind(row, values)
        inspector = self._inspector(values, span)
        if inspector is not None:
            fact.inspectors.append(inspector)
        unreadable: list[str] = []
        for column, area in GRADE_COLUMNS.items():
            raw = values[column]
            if raw == UNREADABLE:
                unreadable.append(column)
                continue
            grade = self._grade(row, column, raw)
            if grade is None:
                continue
            fact.judgements.append(JudgementFact(area=area, grade=grade, span=span))
            if column == OVERALL_COLUMN:
                fact.overall_grade = grade
        if unreadable:
            self.warn(
                row, f"{UNREADABLE} in {', '.join(unreadable)}; kept without those judgements"
            )
        blank = [c for c in EXPECTED_COLUMNS if not values[c]]
        if blank and fact.framework != SIF_INSPECTION[1]:
            self.warn(row, f"no value in {', '.join(blank)}; kept with what is known")
        self.extraction.inspections.append(fact)

    def _body(self, row: int, values: dict[str, str], span: Span) -> str | None:
        urn, name = values["urn"], values["local_authority"]
        by_urn = self.gazetteer.by_urn(urn) if urn else None
        by_name = None
        if name and not (by_urn and _names(by_urn, name)):
            by_name = self._authority_named(name)
        if by_urn and by_name and by_urn.key != by_name.key:
            self.warn(
                row,
                f"urn {urn} is {by_urn.name} but local_authority '{name}' is {by_name.name}; "
                "kept under the urn",
            )
        body = by_urn or by_name
        if body is not None:
            org = self.extraction.orgs.setdefault(
                body.key, OrgRef(key=body.key, name=body.name, kind=body.kind)
            )
            org.spans.append(span)
            return body.key
        if not name:
            self.warn(
                row, f"urn '{urn}' is not a known authority and the row names none; row skipped"
            )
            return None
        key = f"name/{fold(name)}"
        self.warn(
            row, f"authority '{name}' (urn '{urn}') is not in the gazetteer; kept under its name"
        )
        org = self.extraction.orgs.setdefault(
            key, OrgRef(key=key, name=_title(name), kind="LocalAuthority")
        )
        org.spans.append(span)
        return key

    def _authority_named(self, name: str) -> Body | None:
        if name not in self._by_name:
            self._by_name[name] = _lookup_authority(self.gazetteer, name)
        return self._by_name[name]

    def _date(self, row: int, values: dict[str, str], column: str) -> str | None:
        raw = values[column]
        if not raw:
            return None
        parsed = _parse_date(raw)
        if parsed is None:
            self.warn(row, f"{column} '{raw}' is not a date; kept without {FIELD_LABELS[column]}")
            return None
        return parsed.isoformat()

    def _kind(self, row: int, values: dict[str, str]) -> tuple[str, str]:
        raw = values["inspection_framework"]
        known = INSPECTION_KINDS.get(raw.lower())
        if known is not None:
            return known
        if raw:
            self.warn(
                row,
                f"inspection_framework '{raw}' is not a known inspection type; "
                "kept as a full ILACS inspection",
            )
            return FULL_INSPECTION
        # The source parses only ILACS reports: an older (SIF) report has no framework, no
        # lead inspector and no fieldwork dates.  A blank framework beside parsed values is
        # an ILACS report whose type the source missed.
        if not (
            values["inspector_name"]
            or values["inspection_start_date"]
            or values["inspection_end_date"]
        ):
            return SIF_INSPECTION
        self.warn(row, "inspection_framework is blank; kept as a full ILACS inspection")
        return FULL_INSPECTION

    def _grade(self, row: int, column: str, raw: str) -> str | None:
        if raw in NO_JUDGEMENT:
            return None
        folded = fold(raw)
        if folded in GRADES:
            return GRADES[folded]
        found = _grades_within(folded)
        if len(found) == 1:
            grade = found[0]
            self.warn(row, f"{column} '{raw}' read as '{GRADE_LABELS[grade]}'")
            return grade
        self.warn(row, f"{column} '{raw}' is not a grade; kept without that judgement")
        return None

    def _inspector(self, values: dict[str, str], span: Span) -> str | None:
        written = values["inspector_name"]
        if not written:
            return None
        name = _title(written) if written == written.lower() else written
        key = fold(name)
        person = self.extraction.people.setdefault(key, PersonRef(key=key, name=name))
        person.spans.append(span)
        person.mentioned_as.add(written)
        return key


def _parse_date(raw: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    return None


def _grades_within(folded: str) -> list[str]:
    """Grades named inside a garbled value ('to requires improvement'), longest phrase first."""
    found: list[str] = []
    for phrase in sorted(GRADES, key=len, reverse=True):
        pattern = rf"\b{re.escape(phrase)}\b"
        if re.search(pattern, folded):
            found.append(GRADES[phrase])
            folded = re.sub(pattern, " ", folded)
    return sorted(set(found))


def _names(body: Body, name: str) -> bool:
    """Whether ``name`` is one of the body's own names or places (a cheap agreement check)."""
    folded = fold(name)
    return any(fold(n) == folded for n in (body.name, *body.places, *body.aliases))


def _lookup_authority(gazetteer: Gazetteer, name: str) -> Body | None:
    """The authority a CSV name denotes: a gazetteer lookup, else the one authority whose
    name contains all its words in order ('london corporation' → City of London Corporation)."""
    body = gazetteer.lookup(name)
    if body is not None:
        return body
    words = fold(name).split()
    if not words:
        return None
    pattern = re.compile(r"\b" + r"\b.*\b".join(map(re.escape, words)) + r"\b")
    candidates = {
        b.key: b
        for b in gazetteer.local_authorities()
        if any(pattern.search(fold(alias)) for alias in (b.name, *b.aliases))
    }
    return next(iter(candidates.values())) if len(candidates) == 1 else None


def _inspectorate(gazetteer: Gazetteer) -> OrgRef:
    body = gazetteer.lookup(INSPECTORATE_NAME)
    if body is not None and body.kind != "LocalAuthority":
        return OrgRef(key=body.key, name=body.name, kind=body.kind)
    return OrgRef(key=INSPECTORATE_FALLBACK_KEY, name=INSPECTORATE_NAME, kind="Inspectorate")


def _title(text: str) -> str:
    """Title case keeping apostrophes and hyphens inside words ("o'neil-smith" → "O'Neil-Smith")."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), text)


__all__ = ["load_ofsted_csv"]
