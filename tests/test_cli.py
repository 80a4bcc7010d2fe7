"""The ofsted-kg command end to end, as a user runs it: real processes, the real corpus."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

REPO = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).with_name("ofsted-kg")


def run(*args: str | Path, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    result = subprocess.run(
        [str(CLI), *map(str, args)], cwd=cwd, capture_output=True, text=True, env=env
    )
    if check and result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user's folder with a store built by the CLI from the bundled corpus."""
    path = tmp_path_factory.mktemp("user")
    result = run("build", "--store", "store", REPO / "corpus", cwd=path)
    assert "5 sources" in result.stdout
    return path


def test_help_lists_every_command(tmp_path: Path) -> None:
    out = run("--help", cwd=tmp_path).stdout
    for command in (
        "build",
        "export",
        "query",
        "sparql",
        "viz",
        "validate",
        "stats",
        "entities",
        "explain-merge",
        "run",
        "timeline",
    ):
        assert command in out, command


def test_every_command_takes_store(tmp_path: Path) -> None:
    for command in (
        "build",
        "export",
        "validate",
        "stats",
        "entities",
        "explain-merge",
        "run",
        "query",
        "sparql",
        "viz",
        "timeline",
    ):
        assert "--store" in run(command, "--help", cwd=tmp_path).stdout, command


def test_stats_counts_the_corpus(workdir: Path) -> None:
    out = run("stats", "--store", "store", cwd=workdir).stdout
    counts = {
        line.split("│")[1].strip(): line.split("│")[2].strip()
        for line in out.splitlines()
        if line.count("│") == 3
    }
    assert counts["people"] == "17"
    assert counts["inspections"] == "6"
    assert counts["documents"] == "5"


@pytest.mark.parametrize(
    ("fmt", "suffix", "parser"),
    [
        ("turtle", "ttl", "turtle"),
        ("trig", "trig", "trig"),
        ("nt", "nt", "nt"),
        ("jsonld", "jsonld", "json-ld"),
    ],
)
def test_export_writes_each_format(workdir: Path, fmt: str, suffix: str, parser: str) -> None:
    out = workdir / f"graph.{suffix}"
    run("export", "--store", "store", "-f", fmt, "-o", out, cwd=workdir)
    if parser == "trig":
        from rdflib import Dataset

        data = Dataset()
        data.parse(out, format="trig")
        assert len(list(data.quads())) > 1000
    else:
        assert len(Graph().parse(out, format=parser)) > 1000


def test_validate_conforms_then_fails_on_a_broken_store(workdir: Path) -> None:
    ok = run("validate", "--store", "store", cwd=workdir)
    assert "conforms: 0 violations" in ok.stdout
    broken = workdir / "broken"
    shutil.copytree(workdir / "store", broken)
    store = ox.Store(str(broken / "data"))
    member = ox.NamedNode("http://www.w3.org/ns/org#member")
    for quad in list(store.quads_for_pattern(None, member, None)):
        store.remove(quad)
    store.flush()
    del store
    bad = run("validate", "--store", broken, cwd=workdir, check=False)
    assert bad.returncode == 1
    assert "does not conform" in bad.stdout
    assert "org:member" in bad.stdout


def test_entities_and_explain_merge(workdir: Path) -> None:
    listing = run(
        "entities", "--store", "store", "--type", "person", "--name", "Harrison", cwd=workdir
    ).stdout
    assert "Sue Harrison" in listing and "Director Children and Families" in listing
    explained = run("explain-merge", "Sue Harrison", "--store", "store", cwd=workdir).stdout
    assert explained.count("same full name") == 3
    assert "Dear Ms Harrison" in explained or "Harrison" in explained


def test_errors_are_one_line_with_exit_2(tmp_path: Path) -> None:
    missing = run("stats", "--store", tmp_path / "nowhere", cwd=tmp_path, check=False)
    assert missing.returncode == 2
    assert missing.stderr.strip().count("\n") == 0
    assert "no ofsted-kg store" in missing.stderr
    bad_format = run(
        "export", "--store", tmp_path / "nowhere", "-f", "docx", cwd=tmp_path, check=False
    )
    assert bad_format.returncode == 2


def test_build_reports_bad_files_and_goes_on(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(REPO / "corpus" / "002_794b3a418df09320.txt", docs)
    (docs / "scan.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    result = run("build", docs, "--store", tmp_path / "store", cwd=tmp_path)
    assert "1 sources" in result.stdout
    assert "scan.txt" in result.stderr


def test_run_is_the_main_job(tmp_path: Path) -> None:
    result = run("run", cwd=tmp_path)
    assert (tmp_path / "ofsted-kg-store").is_dir()
    ttl = tmp_path / "ofsted-kg-out" / "graph.ttl"
    html = tmp_path / "ofsted-kg-out" / "graph.html"
    assert len(Graph().parse(ttl, format="turtle")) > 1000
    assert "vis-network" in html.read_text(encoding="utf-8") or "vis.Network" in html.read_text(
        encoding="utf-8"
    )
    assert "Who held which role in Birmingham City Council?" in result.stdout
    assert "Sue Harrison" in result.stdout and "Alison Smale" in result.stdout
