"""Dates as the graph states them (day, month or year) turned into closed day ranges.

Why ranges: the sources often give only "December 2018" or "2008".  A year is neither before
nor after a day inside it, so ``--since``/``--until`` compare ranges: an item is shown when
its range overlaps the window.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from ofsted_kg.errors import FilterError

Span = tuple[date, date]

_PARTIAL = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def date_range(text: str | None) -> Span | None:
    """The days covered by an xsd:date, xsd:gYearMonth, xsd:gYear or xsd:dateTime value."""
    if not text:
        return None
    match = _PARTIAL.match(text)
    if match is None:
        return None
    year = int(match[1])
    try:
        if match[3]:
            day = date(year, int(match[2]), int(match[3]))
            return day, day
        if match[2]:
            month = int(match[2])
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def hull(*spans: Span | None) -> Span | None:
    """The smallest range covering every given range (None if none is given)."""
    known = [s for s in spans if s is not None]
    if not known:
        return None
    return min(s[0] for s in known), max(s[1] for s in known)


def window(since: str | date | None, until: str | date | None) -> Span | None:
    """The ``--since``/``--until`` window; each bound may be a year, a month or a day."""
    if since is None and until is None:
        return None
    lo = _bound(since, "--since", first=True) if since is not None else date.min
    hi = _bound(until, "--until", first=False) if until is not None else date.max
    if lo > hi:
        raise FilterError(f"--since {since} is after --until {until}: the window is empty")
    return lo, hi


def overlaps(span: Span, win: Span) -> bool:
    return span[0] <= win[1] and win[0] <= span[1]


def describe(span: Span | None) -> str:
    """A range as a reader would write it: one day, or "first – last"."""
    if span is None:
        return ""
    if span[0] == span[1]:
        return span[0].isoformat()
    return f"{span[0].isoformat()} – {span[1].isoformat()}"


def _bound(value: str | date, option: str, *, first: bool) -> date:
    if isinstance(value, date):
        return value
    span = date_range(value) if re.fullmatch(r"\s*\d{4}(-\d{1,2}){0,2}\s*", value) else None
    if span is None:
        raise FilterError(f"{option} {value!r}: not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return span[0] if first else span[1]
