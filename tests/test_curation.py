"""The curation file end to end: an analyst corrects merges and names through a real build, without code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from ofsted_kg.errors import SourceError
from ofsted_kg.graph.build import build
from ofsted_kg.graph.curation import Curation, read_curation
from ofsted_kg.graph.store import open_store

CLI = Path(sys.executable).with_name("ofsted-kg")
DOCUMENTS = {
    "lister_march": "Trust chief praised\n\n4 March 2024\n\nAndy Lister, chief executive of Doncaster "
    "Children's Services Trust, said the trust was proud of its social workers.\n",
    "lister_may": "Trust chief to leave\n\n9 May 2024\n\nAndrew Lister, chief executive of Doncaster "
    "Children's Services Trust, said he would leave in the summer.\n",
    "smith_carer": "Foster carers honoured\n\n1 June 2024\n\nJane Smith, a foster carer from Kent, said she "
    "was proud to be recognised. Kent County Council thanked every carer.\n",
    "smith_director": "Council appoints director\n\n2 June 2024\n\nJane Smith, director of children's "
    "services at Kent County Council, said the council would improve quickly.\n",
}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    for name, text in DOCUMENTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _build(documents: Path, tmp_path: Path, curation: str | None) -> ox.Store:
    path = None
    if curation is not None:
        path = tmp_path / "curation.toml"
        path.write_text(curation, encoding="utf-8")
    store = tmp_path / "store"
    report = build([documents], store=store, curation=path or tmp_path / "none.toml")
    assert not report.problems, report.problems
    return open_store(store)


def _people(store: ox.Store) -> dict[str, set[str]]:
    """Each person's name → the documents it was derived from."""
    query = """PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?name ?doc WHERE { ?p a foaf:Person ; foaf:name ?name ; prov:wasDerivedFrom ?doc }"""
    out: dict[str, set[str]] = {}
    for s in store.query(query, use_default_graph_as_union=True):
        out.setdefault(s["name"].value, set()).add(s["doc"].value.rsplit("/", 1)[-1])
    return out


def test_without_corrections_the_same_written_name_is_one_person_and_different_names_two(
    documents: Path, tmp_path: Path
) -> None:
    people = _people(_build(documents, tmp_path, None))
    assert people["Andy Lister"] == {"lister_march"}
    assert people["Andrew Lister"] == {"lister_may"}
    # the wrong merge that a split corrects
    assert people["Jane Smith"] == {"smith_carer", "smith_director"}


def test_same_as_merges_two_written_names_into_one_person(documents: Path, tmp_path: Path) -> None:
    store = _build(documents, tmp_path, '[[same_as]]\na = "Andy Lister"\nb = "Andrew Lister"\n')
    people = _people(store)
    assert "Andy Lister" not in people
    assert people["Andrew Lister"] == {"lister_march", "lister_may"}


def test_not_same_as_corrects_a_wrong_merge_and_overrides_same_as(
    documents: Path, tmp_path: Path
) -> None:
    curation = (
        '[[same_as]]\na = "Andy Lister"\nb = "Andrew Lister"\n\n'
        '[[not_same_as]]\na = "Andy Lister"\nb = "Andrew Lister"\n'
    )
    people = _people(_build(documents, tmp_path, curation))
    assert people["Andy Lister"] == {"lister_march"}
    assert people["Andrew Lister"] == {"lister_may"}


def test_rename_sets_the_name_shown_for_a_node(documents: Path, tmp_path: Path) -> None:
    people = _people(
        _build(documents, tmp_path, '[[rename]]\nname = "Andy Lister"\nto = "Andy J. Lister"\n')
    )
    assert people["Andy J. Lister"] == {"lister_march"}
    assert "Andy Lister" not in people


def test_split_corrects_a_wrong_merge_of_two_people_who_share_a_written_name(
    documents: Path, tmp_path: Path
) -> None:
    curation = '[[split]]\nname = "Jane Smith"\ndocument = "smith_carer"\nas = "Jane Smith (foster carer)"\n'
    people = _people(_build(documents, tmp_path, curation))
    assert people["Jane Smith"] == {"smith_director"}
    assert people["Jane Smith (foster carer)"] == {"smith_carer"}


def test_a_split_is_its_own_person_key_and_names_its_rule() -> None:
    curation = Curation(splits={("jane smith", "smith_carer")})
    carer = curation.person_key_for("smith_carer", "jane smith")
    director = curation.person_key_for("smith_director", "jane smith")
    assert carer != director == "jane smith"
    assert curation.rule_for("jane smith", carer) == "curation: split"
    assert curation.rule_for("jane smith", director) == "same full name"


def test_explain_merge_names_the_rule_that_merged_each_mention(
    documents: Path, tmp_path: Path
) -> None:
    _build(documents, tmp_path, '[[same_as]]\na = "Andy Lister"\nb = "Andrew Lister"\n')
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    result = subprocess.run(
        [str(CLI), "explain-merge", "Andrew Lister", "--store", str(tmp_path / "store")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Andrew Lister <https://w3id.org/ofsted-kg/id/person/andrew-lister>")
    assert "  lister_march" in lines and "  lister_may" in lines
    march = lines[lines.index("  lister_march") + 1]
    assert "curation: same-as" in march and "recognised by role beside" in march
    assert "    seen: Andy Lister" in lines


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[[same_as]]\na = "X"\n', "needs 'a' and 'b'"),
        ('[[split]]\nname = "X"\n', "needs 'name' and 'document'"),
        ('[[rename]]\nname = "X"\n', "needs 'name' and 'to'"),
        ("[[merge]]\na = 1\n", "unknown table"),
        ("[[same_as]\n", "not a valid curation file"),
    ],
)
def test_a_bad_curation_file_is_reported_with_its_name(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "curation.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        read_curation(path)
    assert problem in str(raised.value) and "curation.toml" in str(raised.value)


def test_a_missing_curation_file_means_no_corrections(tmp_path: Path) -> None:
    assert read_curation(tmp_path / "absent.toml") == Curation()
