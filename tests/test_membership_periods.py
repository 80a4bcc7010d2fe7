"""A period stated in the text ("from 2019 to 2022") becomes org:memberDuring a time:Interval."""

from __future__ import annotations

from pathlib import Path

from ofsted_kg.graph.build import build
from ofsted_kg.graph.sparql import select
from ofsted_kg.graph.store import open_store
from ofsted_kg.graph.validate import validate

LETTER = """Kent County Council

Report to Cabinet

12 June 2023

Report author: Olivia Trent, Director of Children's Services from 2019 to 2022, Kent County Council

Ofsted rated Kent good in March 2022.
"""


def test_a_stated_period_is_written_as_an_interval_and_the_graph_conforms(tmp_path: Path) -> None:
    doc = tmp_path / "report.txt"
    doc.write_text(LETTER, encoding="utf-8")
    build([doc], store=tmp_path / "store")
    store = open_store(tmp_path / "store")
    rows = select(
        store,
        """SELECT ?name ?from ?until WHERE {
             ?m org:member/foaf:name ?name ; org:memberDuring ?p .
             ?p a time:Interval ; time:hasBeginning/time:inXSDgYear ?from ; time:hasEnd/time:inXSDgYear ?until }""",
    )
    assert {(r["name"], r["from"], r["until"]) for r in rows} == {("Olivia Trent", "2019", "2022")}
    report = validate(store)
    assert report.conforms, report.messages
