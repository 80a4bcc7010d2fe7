"""The extractor on documents it was never tuned on: composed letters, reports and news about other councils.

Each ``tests/fixtures/unseen/*.txt`` has a gold file beside it (``*.json``) that lists what a
careful reader finds: the people, the bodies (by canonical name), the roles they hold, the
links between bodies and which short mentions ("Dr Patel", "Brennan") belong to whom.  The
documents use councils, names and layouts the bundled corpus does not: ILACS letters with
address blocks, cabinet and scrutiny reports with form fields, news with bylines, a press
release with PDF artefacts, two people sharing a surname, trusts with and without "Trust" in
their name.  Scores are micro-averaged over all documents; optional gold items count neither
way.  Run ``pytest -s tests/test_unseen_documents.py`` to see the figures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from ofsted_kg.loaders.extract import extract
from ofsted_kg.loaders.model import Extraction
from ofsted_kg.loaders.normalise import fold
from ofsted_kg.loaders.text import read_text_document

FIXTURES = Path(__file__).parent / "fixtures"
# unseen/: written first, the extractor was improved against them; unseen_heldout/: written
# later and scored before any change made for them (h*: after the unseen/ work, c*: after h*).
DOCUMENTS = sorted((FIXTURES / "unseen").glob("*.txt")) + sorted(
    (FIXTURES / "unseen_heldout").glob("*.txt")
)
# What "holds up" means on unseen text: most of what a reader finds, little that they would not.
MIN_PRECISION = {"people": 0.95, "orgs": 0.9, "memberships": 0.85}
MIN_RECALL = {"people": 0.95, "orgs": 0.9, "memberships": 0.85}


@dataclass
class Tally:
    matched: int = 0
    gold: int = 0
    predicted: int = 0
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    def add(self, other: Tally) -> None:
        self.matched += other.matched
        self.gold += other.gold
        self.predicted += other.predicted
        self.missing += other.missing
        self.extra += other.extra


def _names(value: str | list[str]) -> set[str]:
    return {fold(v) for v in ([value] if isinstance(value, str) else value)}


def _score(gold: list[Any], optional: list[Any], predicted: list[Any], ok) -> Tally:  # type: ignore[no-untyped-def]
    """One-to-one matching, greedy in gold order (gold items here are distinct enough)."""
    tally = Tally(gold=len(gold))
    used: set[int] = set()
    for item in gold:
        hit = next((j for j, p in enumerate(predicted) if j not in used and ok(item, p)), None)
        if hit is None:
            tally.missing.append(str(item))
        else:
            used.add(hit)
            tally.matched += 1
    optional_hits = 0
    for item in optional:
        hit = next((j for j, p in enumerate(predicted) if j not in used and ok(item, p)), None)
        if hit is not None:
            used.add(hit)
            optional_hits += 1
    tally.predicted = len(predicted) - optional_hits
    tally.extra = [str(p) for j, p in enumerate(predicted) if j not in used]
    return tally


def _membership_ok(ex: Extraction, gold: dict[str, Any], m: Any) -> bool:
    person = ex.people.get(m.person)
    org = ex.orgs.get(m.org)
    if person is None or org is None or fold(person.name) != fold(gold["person"]):
        return False
    if fold(org.name) not in _names(gold["org"]):
        return False
    role = f" {fold(m.role)} "
    if not all(f" {k} " in role or k in role for k in gold.get("role_keys", [])):
        return False
    if "concept" in gold and gold["concept"] != m.role_concept:
        return False
    if "former" in gold and gold["former"] != m.former:
        return False
    return all(
        gold.get(k) is None or gold[k] == getattr(m, f"period_{k}") for k in ("start", "end")
    )


def evaluate(path: Path) -> tuple[Extraction, dict[str, Any], dict[str, Tally]]:
    ex = extract(read_text_document(path))
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    people = [r.name for r in ex.people.values()]
    orgs = [r.name for r in ex.orgs.values()]
    members = [m for m in ex.memberships]
    required = [m for m in gold["memberships"] if not m.get("optional")]
    optional = [m for m in gold["memberships"] if m.get("optional")]
    tallies = {
        "people": _score(
            gold["people"], gold.get("people_optional", []), people, lambda g, p: fold(g) == fold(p)
        ),
        "orgs": _score(
            gold["orgs"], gold.get("orgs_optional", []), orgs, lambda g, p: fold(p) in _names(g)
        ),
        "memberships": _score(required, optional, members, lambda g, p: _membership_ok(ex, g, p)),
    }
    for tally, items in ((tallies["memberships"], members),):
        tally.extra = [f"{m.person}/{m.role}/{m.org}" for m in items if str(m) in tally.extra]
    return ex, gold, tallies


def totals(documents: list[Path] = DOCUMENTS) -> dict[str, Tally]:
    out = {k: Tally() for k in MIN_PRECISION}
    for path in documents:
        _, _, tallies = evaluate(path)
        for key, tally in tallies.items():
            out[key].add(tally)
    return out


def test_there_are_enough_composed_documents() -> None:
    assert len(DOCUMENTS) >= 20
    assert all(p.with_suffix(".json").is_file() for p in DOCUMENTS)


def test_precision_and_recall_hold_up_on_unseen_documents() -> None:
    scores = totals()
    report = "\n".join(
        f"{key:12} P={t.precision:.2f} R={t.recall:.2f} ({t.matched}/{t.gold} gold, {t.predicted} predicted)"
        f"\n    missing={t.missing}\n    extra={t.extra}"
        for key, t in scores.items()
    )
    print("\n" + report)
    for key, tally in scores.items():
        assert tally.precision >= MIN_PRECISION[key], report
        assert tally.recall >= MIN_RECALL[key], report


@pytest.mark.parametrize("folder", ["unseen", "unseen_heldout"])
def test_each_set_holds_up_on_its_own(folder: str) -> None:
    scores = totals([p for p in DOCUMENTS if p.parent.name == folder])
    for key, tally in scores.items():
        assert tally.precision >= MIN_PRECISION[key] and tally.recall >= MIN_RECALL[key], (
            key,
            tally,
        )


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_each_document_finds_most_of_its_people(path: Path) -> None:
    """No single document collapses, whatever the average says."""
    _, _, tallies = evaluate(path)
    people = tallies["people"]
    assert people.recall >= 0.8 and people.precision >= 0.8, (people.missing, people.extra)


def _owner_of(ex: Extraction, doc_text: str, surface: str) -> list[str]:
    """Keys of the people whose spans cover the first occurrence of ``surface``'s leading name."""
    at = doc_text.index(surface)
    return [
        k
        for k, r in ex.people.items()
        if any(s.start <= at + 3 < s.end or at <= s.start < at + len(surface) for s in r.spans)
    ]


@pytest.mark.parametrize(
    "path",
    [p for p in DOCUMENTS if "mentions" in json.loads(p.with_suffix(".json").read_text())],
    ids=lambda p: p.stem,
)
def test_short_mentions_attach_to_the_right_person_or_to_no_one(path: Path) -> None:
    ex, gold, _ = evaluate(path)
    text = ex.document.text
    for person, surfaces in gold["mentions"].items():
        for surface in surfaces:
            owners = _owner_of(ex, text, surface)
            if person == "nobody":
                assert owners == [], f"{surface!r} is ambiguous but went to {owners}"
            else:
                assert owners == [fold(person)], f"{surface!r} should be {person}, got {owners}"


def _org_key(ex: Extraction, name: str | list[str]) -> set[str]:
    return {k for k, r in ex.orgs.items() if fold(r.name) in _names(name)}


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_links_between_bodies(path: Path) -> None:
    """A trust serves its council; a council's committee is part of it."""
    ex, gold, _ = evaluate(path)
    for link in gold["links"]:
        if link.get("optional"):
            continue
        sources = _org_key(ex, link["from"])
        targets = _org_key(ex, link["to"])
        assert sources, f"{link['from']} not found"
        attr = "serves" if link["rel"] == "serves" else "parent"
        assert any(getattr(ex.orgs[s], attr) in targets for s in sources), (
            link,
            [ex.orgs[s] for s in sources],
        )
