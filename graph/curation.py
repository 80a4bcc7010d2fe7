"""The analyst's corrections, applied on every build: ``curation.toml``.

    [[same_as]]        # two written names are one person or body
    a = "Andrew Couldrick"
    b = "Andy Couldrick"

    [[not_same_as]]    # never merge these (overrides every rule)
    a = "Jane Smith"
    b = "Jane Smyth"

    [[rename]]         # the canonical name to show for a node
    name = "Sue Harrison"
    to = "Susan Harrison"

Names are matched as written after folding (case, accents, quotes).  Body entries may use a
gazetteer key (``la/E08000025``) instead of a name.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ofsted_kg.errors import SourceError
from ofsted_kg.loaders.normalise import fold

CURATION_NAME = "curation.toml"


@dataclass
class Curation:
    same_as: dict[str, str] = field(default_factory=dict)
    not_same_as: set[frozenset[str]] = field(default_factory=set)
    rename: dict[str, str] = field(default_factory=dict)
    path: str | None = None

    def person_key(self, key: str) -> str:
        target = self.same_as.get(key, key)
        if frozenset((key, target)) in self.not_same_as:
            return key
        return target

    def org_key(self, key: str) -> str:
        folded = key.removeprefix("name/")
        target = self.same_as.get(key) or self.same_as.get(folded)
        if target is None:
            return key
        return target if "/" in target else f"name/{target}"


def read_curation(path: Path | None) -> Curation:
    """Read a curation file; a missing file means no corrections."""
    if path is None or not path.is_file():
        return Curation()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(str(path), f"not a valid curation file: {exc}") from None
    curation = Curation(path=str(path))
    for entry in data.get("same_as", []):
        a, b = _pair(path, entry, "same_as")
        curation.same_as[a] = curation.same_as.get(b, b)
    for entry in data.get("not_same_as", []):
        curation.not_same_as.add(frozenset(_pair(path, entry, "not_same_as")))
    for entry in data.get("rename", []):
        if "name" not in entry or "to" not in entry:
            raise SourceError(str(path), "a [[rename]] entry needs 'name' and 'to'")
        curation.rename[_key(entry["name"])] = entry["to"]
    return curation


def _key(name: str) -> str:
    return name if "/" in name else fold(name)


def _pair(path: Path, entry: dict[str, str], table: str) -> tuple[str, str]:
    if "a" not in entry or "b" not in entry:
        raise SourceError(str(path), f"a [[{table}]] entry needs 'a' and 'b'")
    return _key(entry["a"]), _key(entry["b"])
