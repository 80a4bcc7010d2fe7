"""Exceptions raised by ofsted-kg.

OfstedKGError              base: every error the CLI reports in one line, without a traceback
├── SourceError            a document or data file cannot be read or understood (names the file)
├── StoreError             the store is missing, locked or not an ofsted-kg store
├── QueryError             a named query is unknown, malformed or refused
│   ├── ParameterError     a parameter is missing, of the wrong type, or names nothing / several things
│   └── ReadOnlyError      an update (INSERT, DELETE, LOAD, CLEAR, DROP ...) was sent to a read-only command
├── FilterError            a filter (viz, timeline, path) matches nothing
└── ValidationFailed       SHACL validation ran and the graph does not conform
"""

from __future__ import annotations


class OfstedKGError(Exception):
    """Base class: ``str(error)`` is a complete one-line message for the user."""


class SourceError(OfstedKGError):
    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class StoreError(OfstedKGError):
    pass


class QueryError(OfstedKGError):
    pass


class ParameterError(QueryError):
    pass


class ReadOnlyError(QueryError):
    pass


class FilterError(OfstedKGError):
    pass


class ValidationFailed(OfstedKGError):
    pass
