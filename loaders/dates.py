"""Dates as documents write them, turned into the most precise typed value the words allow.

"6 to 17 March 2023" → 2023-03-06 / 2023-03-17; "5 and 6 July 2022" →
2022-07-05 / 2022-07-06; "December 2018" → 2018-12 (gYearMonth); "in 2018" → 2018 (gYear);
"late February and early March" → months of the document's year.  Values are ISO strings:
``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; the graph layer types them by their length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}  # fmt: skip
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)\d\d"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+"

RANGE_PATTERNS = [
    # 6 March 2023 to 17 March 2023 / 6 March to 17 March 2023 / 6 to 17 March 2023
    re.compile(
        rf"(?P<d1>{DAY})(?:\s+(?P<m1>{MONTH}))?(?:\s+(?P<y1>{YEAR}))?\s*(?:to|until|and|-|–|—)\s*"
        rf"(?P<d2>{DAY})\s+(?P<m2>{MONTH})\s+(?P<y2>{YEAR})",
        re.IGNORECASE,
    ),
]
SINGLE_DATE = re.compile(
    rf"(?:{WEEKDAY})?(?:(?P<d>{DAY})\s+(?P<m>{MONTH}),?\s+(?P<y>{YEAR})"
    rf"|(?P<m2>{MONTH})\s+(?P<d2>{DAY}),?\s+(?P<y2>{YEAR}))",
    re.IGNORECASE,
)
MONTH_YEAR = re.compile(rf"(?P<m>{MONTH})(?:\s*/\s*{MONTH})?\s+(?P<y>{YEAR})", re.IGNORECASE)
YEAR_ONLY = re.compile(rf"(?<![\d/£-])(?P<y>{YEAR})(?![\d/-])")
NUMERIC_DATE = re.compile(r"(?<!\d)(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>(?:19|20)?\d\d)(?!\d)")
LOOSE_MONTHS = re.compile(
    rf"(?:(?:early|mid|late)[- ])?(?P<m1>{MONTH})(?:\s+and\s+(?:(?:early|mid|late)[- ])?(?P<m2>{MONTH}))?"
    rf"(?:\s+(?P<y>{YEAR}))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: str
    end_value: str | None = None


def _iso(
    year: str | int, month: str | int | None = None, day: str | int | None = None
) -> str | None:
    y = int(year)
    if y < 100:
        y += 2000
    if month is None:
        return f"{y:04d}"
    m = int(month) if str(month).isdigit() else MONTHS.get(str(month).lower().rstrip("."))
    if not m or not 1 <= m <= 12:
        return None
    if day is None:
        return f"{y:04d}-{m:02d}"
    d = int(re.sub(r"\D", "", str(day)))
    days_in_month = [31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28, 31, 30, 31, 30,
                     31, 31, 30, 31, 30, 31][m - 1]  # fmt: skip
    if not 1 <= d <= days_in_month:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def find_ranges(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Date ranges with both ends: the form inspections use for their fieldwork."""
    end = len(text) if end is None else end
    found = []
    for pattern in RANGE_PATTERNS:
        for m in pattern.finditer(text, start, end):
            year2 = m["y2"]
            first = _iso(m["y1"] or year2, m["m1"] or m["m2"], m["d1"])
            last = _iso(year2, m["m2"], m["d2"])
            if first and last and first <= last:
                found.append(DateMention(m.start(), m.end(), first, last))
    return found


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every date in a region, most precise first where two overlap (day > month > year)."""
    end = len(text) if end is None else end
    found: list[DateMention] = []
    for m in SINGLE_DATE.finditer(text, start, end):
        value = _iso(m["y"] or m["y2"], m["m"] or m["m2"], m["d"] or m["d2"])
        if value:
            found.append(DateMention(m.start(), m.end(), value))
    for m in NUMERIC_DATE.finditer(text, start, end):
        value = _iso(m["y"], m["m"], m["d"])
        if value:
            found.append(DateMention(m.start(), m.end(), value))
    for m in MONTH_YEAR.finditer(text, start, end):
        value = _iso(m["y"], m["m"])
        if value:
            found.append(DateMention(m.start(), m.end(), value))
    for m in YEAR_ONLY.finditer(text, start, end):
        found.append(DateMention(m.start(), m.end(), m["y"]))
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMention] = []
    for d in found:
        if kept and d.start < kept[-1].end:
            continue
        kept.append(d)
    return kept


def loose_months(text: str, start: int, end: int, year: str | None) -> DateMention | None:
    """ "in late February and early March" → the first month, in ``year`` when the text gives none."""
    for m in LOOSE_MONTHS.finditer(text, start, end):
        y = m["y"] or year
        if not y:
            continue
        first = _iso(y, m["m1"])
        last = _iso(y, m["m2"]) if m["m2"] else None
        if first:
            return DateMention(m.start(), m.end(), first, last)
    return None
