"""The analyst's corrections, applied on every build: ``curation.toml``.

    [[same_as]]        # two written names are one person or body
    a = "Andrew Hughes"
    b = "Andy Hughes"

    [[not_same_as]]    # never merge these (overrides every rule, same_as included)
    a = "Jane Smith"
    b = "Jane Smyth"

    [[split]]          # the "John Smith" of this document is not the John Smith of the others
    name = "John Smith"
    document = "2024-03-kent-news"
    as = "John Smith (foster carer)"    # optional: the name to show for the one split off

    [[rename]]         # the canonical name to show for a node
    name = "Jo Tanner"
    to = "Joanna Tanner"

Names are matched as written after folding (case, accents, quotes).  Body entries may use a
gazetteer key (``la/E08000025``) instead of a name.  Two documents that write the same full
name are one person by default; ``not_same_as`` cannot tell them apart (their names are the
same), so ``split`` does it by naming the document whose mention is someone else.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ofsted_kg.errors import SourceError
from ofsted_kg.loaders.normalise import fold

CURATION_NAME = "curation.toml"
SPLIT_MARK = " @ "


@dataclass
class Curation:
    same_as: dict[str, str] = field(default_factory=dict)
    not_same_as: set[frozenset[str]] = field(default_factory=set)
    splits: set[tuple[str, str]] = field(default_factory=set)
    rename: dict[str, str] = field(default_factory=dict)
    path: str | None = None

    def person_key(self, key: str) -> str:
        """The global key of a person written ``key``, after same_as and not_same_as."""
        target = self.same_as.get(key, key)
        if frozenset((key, target)) in self.not_same_as:
            return key
        return target

    def person_key_for(self, doc_id: str, key: str) -> str:
        """The global key of the person written ``key`` in document ``doc_id``.

        A split mention becomes a person of its own (``"<key> @ <doc_id>"``), whom no rule
        merges with the others of that name; every other mention resolves as ``person_key``.
        """
        if (key, doc_id) in self.splits:
            return f"{key}{SPLIT_MARK}{doc_id}"
        return self.person_key(key)

    def is_split(self, global_key: str) -> bool:
        return SPLIT_MARK in global_key

    def org_key(self, key: str) -> str:
        folded = key.removeprefix("name/")
        target = self.same_as.get(key) or self.same_as.get(folded)
        if target is None:
            return key
        if (
            frozenset((folded, target)) in self.not_same_as
            or frozenset((key, target)) in self.not_same_as
        ):
            return key
        return target if "/" in target else f"name/{target}"

    def rule_for(self, key: str, global_key: str) -> str:
        """The rule that put a mention written ``key`` into the node ``global_key`` (for explain-merge)."""
        if self.is_split(global_key):
            return "curation: split"
        if global_key != key:
            return "curation: same-as"
        if any(key in pair for pair in self.not_same_as):
            return "same full name (curation: not-same-as kept others apart)"
        return "same full name"


def read_curation(path: Path | None) -> Curation:
    """Read a curation file; a missing file means no corrections."""
    if path is None or not path.is_file():
        return Curation()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(str(path), f"not a valid curation file: {exc}") from None
    unknown = sorted(set(data) - {"same_as", "not_same_as", "split", "rename"})
    if unknown:
        raise SourceError(
            str(path),
            f"unknown table(s) {', '.join(unknown)}; expected same_as, not_same_as, split, rename",
        )
    curation = Curation(path=str(path))
    for entry in data.get("same_as", []):
        a, b = _pair(path, entry, "same_as")
        curation.same_as[a] = curation.same_as.get(b, b)
    for entry in data.get("not_same_as", []):
        curation.not_same_as.add(frozenset(_pair(path, entry, "not_same_as")))
    for entry in data.get("split", []):
        if "name" not in entry or "document" not in entry:
            raise SourceError(str(path), "a [[split]] entry needs 'name' and 'document'")
        key = _key(entry["name"])
        curation.splits.add((key, str(entry["document"])))
        if "as" in entry:
            curation.rename[f"{key}{SPLIT_MARK}{entry['document']}"] = str(entry["as"])
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
