"""`ofsted-kg entities` and `explain-merge` on documents about other councils: people across documents.

The same person written the same way in two documents is one node; people who share a surname
or a first name ("Anna Patel" and "Raj Patel", "Mike Hollis" and "Michael Hollis-Grant") are not.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ofsted_kg.graph.build import build
from ofsted_kg.graph.entities import explain_merge, list_entities
from ofsted_kg.graph.store import open_store

FIXTURES = Path(__file__).parent / "fixtures"
CLI = Path(sys.executable).with_name("ofsted-kg")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("entities") / "store"
    report = build([FIXTURES / "unseen", FIXTURES / "unseen_heldout"], store=path)
    assert not report.problems, report.problems
    return path


def run(*args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "240", "NO_COLOR": "1"}
    result = subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def test_the_same_person_in_two_documents_is_one_node(store_path: Path) -> None:
    rows = list_entities(open_store(store_path), kind="person", name="Brooke-Evans")
    assert [(r.name, sorted(r.documents)) for r in rows] == [
        ("Hannah Brooke-Evans", ["u05_community_care", "u12_follow_up_news"])
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Patel", ["Anna Patel", "Raj Patel"]),
        ("Hollis", ["Michael Hollis-Grant", "Mike Hollis"]),
        ("Andy Lister", ["Andy Lister"]),
        ("Andrew Lyle", ["Andrew Lyle"]),
        ("Khan", ["Imran Khan", "Sadia Khan"]),
    ],
)
def test_people_sharing_a_surname_or_first_name_are_never_merged(
    store_path: Path, text: str, names: list[str]
) -> None:
    rows = list_entities(open_store(store_path), kind="person", name=text)
    assert sorted(r.name for r in rows) == names


def test_entities_lists_names_seen_documents_and_roles(store_path: Path) -> None:
    out = run("entities", "--store", store_path, "--type", "person", "--name", "Anna Patel").stdout
    assert "Anna Patel" in out and "Patel" in out
    assert "Director of Children's Services, Bolton Metropolitan Borough Council" in out
    assert out.rstrip().endswith("1 entities")


def test_entities_of_type_org_lists_bodies_with_their_other_names(store_path: Path) -> None:
    rows = list_entities(open_store(store_path), kind="org", name="Doncaster")
    by_name = {r.name: r for r in rows}
    assert "Doncaster Children's Services Trust" in by_name
    assert {"the trust", "The trust"} & by_name["Doncaster Children's Services Trust"].names_seen


def test_explain_merge_shows_each_documents_mentions_and_rules(store_path: Path) -> None:
    explanation = explain_merge(open_store(store_path), "Anna Patel")
    docs = {doc: (rule, seen) for doc, rule, seen in explanation.per_document}
    assert set(docs) == {"u05_community_care", "u12_follow_up_news"}
    rule, seen = docs["u05_community_care"]
    assert "merged by same full name" in rule and "'Dr Patel' (its honorific matches)" in rule
    assert "Patel" in seen


def test_explain_merge_of_an_ambiguous_name_is_a_one_line_error(store_path: Path) -> None:
    result = run("explain-merge", "Patel", "--store", store_path, check=False)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert (
        "names several nodes" in result.stderr
        and "Anna Patel" in result.stderr
        and "Raj Patel" in result.stderr
    )


def test_entities_rejects_an_unknown_type(store_path: Path) -> None:
    result = run("entities", "--store", store_path, "--type", "place", check=False)
    assert result.returncode == 2 and "--type must be person or org" in result.stderr
