"""Bibliographic metadata for a folder of documents, from its ``manifest.toml``.

A manifest is optional: without one, metadata is read from the text itself
(see ``loaders.metadata``). Where both speak, the manifest wins, because a person wrote it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ofsted_kg.errors import SourceError

MANIFEST_NAME = "manifest.toml"


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    title: str | None = None
    date: str | None = None
    genre: str | None = None
    publisher: str | None = None
    source: str | None = None
    authors: tuple[str, ...] = field(default_factory=tuple)


def read_manifest(folder: Path) -> dict[str, ManifestEntry]:
    """Entries keyed by file name; an absent manifest gives an empty mapping."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(str(path), f"not a valid manifest: {exc}") from None
    entries: dict[str, ManifestEntry] = {}
    for item in data.get("document", []):
        if "file" not in item:
            raise SourceError(str(path), "a [[document]] entry has no 'file'")
        entries[item["file"]] = ManifestEntry(
            file=item["file"],
            title=item.get("title"),
            date=str(item["date"]) if item.get("date") else None,
            genre=item.get("genre"),
            publisher=item.get("publisher"),
            source=item.get("source"),
            authors=tuple(item.get("authors", ())),
        )
    return entries
