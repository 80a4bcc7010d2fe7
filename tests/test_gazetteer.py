"""The gazetteer: every English authority in the graph with its ONS code, and found in the names people write.

The sample of written forms and the all-authorities property test both go through the real
extractor; the graph tests through a real build into a temporary store.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph as ox
import pytest

from ofsted_kg.graph.build import build
from ofsted_kg.graph.iris import document_iri
from ofsted_kg.graph.store import GAZETTEER_GRAPH, open_store
from ofsted_kg.loaders.extract import extract
from ofsted_kg.loaders.gazetteer import load_gazetteer
from ofsted_kg.loaders.model import Document
from ofsted_kg.loaders.orgs import OrgFinder
from ofsted_kg.ontology import ONS_GEOGRAPHY, asset_path

OKG = "https://w3id.org/ofsted-kg/ontology#"
LOOKUP = asset_path("data/local_authorities.csv")

# (what a document writes, GSS code of the authority it means) — about 35 authorities.
WRITTEN_FORMS = [
    ("Kent County Council", "E10000016"),
    ("Kent", "E10000016"),
    ("Leeds City Council", "E08000035"),
    ("Leeds", "E08000035"),
    ("the London Borough of Hackney", "E09000012"),
    ("Hackney Council", "E09000012"),
    ("Bristol City Council", "E06000023"),
    ("Durham County Council", "E06000047"),
    ("County Durham", "E06000047"),
    ("Wirral Council", "E08000015"),
    ("St Helens", "E08000013"),
    ("St Helens Council", "E08000013"),
    ("Manchester City Council", "E08000003"),
    ("Liverpool City Council", "E08000012"),
    ("Newcastle City Council", "E08000021"),
    ("Newcastle upon Tyne", "E08000021"),
    ("Hull City Council", "E06000010"),
    ("Kingston upon Hull", "E06000010"),
    ("Stoke-on-Trent City Council", "E06000021"),
    ("Stoke on Trent", "E06000021"),
    ("Brighton & Hove City Council", "E06000043"),
    ("Bath and North East Somerset Council", "E06000022"),
    ("BCP Council", "E06000058"),
    ("Royal Borough of Kensington and Chelsea", "E09000020"),
    ("Kensington & Chelsea", "E09000020"),
    ("Tower Hamlets Council", "E09000030"),
    ("City of York Council", "E06000014"),
    ("Southend-on-Sea City Council", "E06000033"),
    ("Southend", "E06000033"),
    ("Telford & Wrekin Council", "E06000020"),
    ("Redcar and Cleveland Borough Council", "E06000003"),
    ("Cheshire West and Chester Council", "E06000050"),
    ("North Yorkshire Council", "E06000065"),
    ("North Yorkshire County Council", "E06000065"),
    ("Cumberland Council", "E06000063"),
    ("City of Doncaster Council", "E08000017"),
    ("Doncaster Council", "E08000017"),
    ("Milton Keynes City Council", "E06000042"),
    ("Council of the Isles of Scilly", "E06000053"),
    ("Reading Borough Council", "E06000038"),
    ("Bury Council", "E08000002"),
    ("London Borough of Sutton", "E09000029"),
    ("City of Wolverhampton Council", "E08000031"),
    ("Westminster City Council", "E09000033"),
    ("Blackburn with Darwen Borough Council", "E06000008"),
    ("Warrington Borough Council", "E06000007"),
    ("Halton Borough Council", "E06000006"),
]


def _lookup_rows() -> list[dict[str, str]]:
    with LOOKUP.open(encoding="utf-8-sig") as handle:
        return [row for row in csv.DictReader(handle) if row["la_code_new"].strip()]


def _council_gss(text: str) -> set[str]:
    doc = Document(doc_id="t", path="t.txt", text=text, sha256="0")
    ex = extract(doc)
    return {k.removeprefix("la/") for k, ref in ex.orgs.items() if ref.kind == "LocalAuthority"}


@pytest.fixture(scope="module")
def forms_store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    """A store built from one short document per written form."""
    folder = tmp_path_factory.mktemp("forms")
    for number, (form, _) in enumerate(WRITTEN_FORMS):
        text = f"Council news\n\nOfsted has published its report on {form}, which it inspected in March 2024.\n"
        (folder / f"form_{number:02d}.txt").write_text(text, encoding="utf-8")
    store_path = folder / "store"
    report = build([folder], store=store_path)
    assert not report.problems, report.problems
    return open_store(store_path)


def test_every_english_authority_is_in_the_graph_with_its_gss_code_and_ons_identity(
    forms_store: ox.Store,
) -> None:
    rows = _lookup_rows()
    assert len(rows) >= 150
    query = f"""
        SELECT ?gss ?same WHERE {{
          GRAPH <{GAZETTEER_GRAPH.value}> {{
            ?la a <{OKG}LocalAuthority> ; <{OKG}gssCode> ?gss ;
                <http://www.w3.org/2002/07/owl#sameAs> ?same ;
                <http://www.w3.org/2004/02/skos/core#prefLabel> ?name .
          }}
        }}"""
    found = {s["gss"].value: s["same"].value for s in forms_store.query(query)}
    for row in rows:
        gss = row["la_code_new"].strip()
        assert found.get(gss) == f"{ONS_GEOGRAPHY}{gss}", row["local_authority_ons_name"]


@pytest.mark.parametrize(("form", "gss"), WRITTEN_FORMS, ids=[f for f, _ in WRITTEN_FORMS])
def test_a_written_form_links_the_document_to_its_authority(
    forms_store: ox.Store, form: str, gss: str
) -> None:
    number = WRITTEN_FORMS.index((form, gss))
    doc = document_iri(f"form_{number:02d}").value
    query = f"""
        SELECT ?gss ?same WHERE {{
          GRAPH <{doc}> {{ ?la a <{OKG}LocalAuthority> ; <{OKG}gssCode> ?gss ;
                            <http://www.w3.org/2002/07/owl#sameAs> ?same }}
        }}"""
    rows = [(s["gss"].value, s["same"].value) for s in forms_store.query(query)]
    assert rows == [(gss, f"{ONS_GEOGRAPHY}{gss}")]


@pytest.mark.parametrize("row", _lookup_rows(), ids=lambda r: r["la_code_new"])
def test_every_authority_is_found_by_its_official_name_and_place_council(
    row: dict[str, str],
) -> None:
    """Property over the whole lookup: the official name and "<place> Council" resolve to it."""
    gazetteer = load_gazetteer()
    gss = row["la_code_new"].strip()
    body = gazetteer.by_gss(gss)
    assert body is not None
    place = row["ltla23nm"].strip().split(", City of")[0]
    for name in (body.name, f"{place} Council"):
        assert gazetteer.lookup(name) is body, name
        text = f"Inspectors said {name} had improved. A spokesperson for {name} welcomed it."
        refs, _ = OrgFinder(gazetteer).find(text)
        assert [k for k, r in refs.items() if r.kind == "LocalAuthority"] == [body.key], name


def test_official_names_are_the_councils_own_names() -> None:
    """Names the rules would get wrong are completed from council_names.csv."""
    gazetteer = load_gazetteer()
    expected = {
        "E06000007": "Warrington Borough Council",
        "E06000063": "Cumberland Council",
        "E06000065": "North Yorkshire Council",
        "E08000017": "City of Doncaster Council",
        "E06000042": "Milton Keynes City Council",
        "E06000038": "Reading Borough Council",
        "E10000021": "Northamptonshire County Council",
    }
    for gss, name in expected.items():
        body = gazetteer.by_gss(gss)
        assert body is not None and body.name == name


@pytest.mark.parametrize(
    ("text", "gss"),
    [
        ("Reading the report, inspectors found delays.", set()),
        ("Reading Borough Council was inspected.", {"E06000038"}),
        ("Councils must not bury bad news. Bury the past, she said.", set()),
        ("Bury Council was inspected.", {"E08000002"}),
        ("Sutton Hoo is a burial site.", set()),
    ],
)
def test_place_names_that_are_english_words_count_only_in_full_forms(
    text: str, gss: set[str]
) -> None:
    assert _council_gss(text) == gss


@pytest.mark.parametrize(
    ("text", "gss"),
    [
        ("Sarah Bradford, a social worker, said the service had improved.", set()),
        ("Councillor J Brent sent apologies.", set()),
        ("Children in Bradford wait too long, Ofsted said.", {"E08000032"}),
        ("Recruits will come to Greater Manchester next year.", set()),
        ("She studied at Leeds Beckett University.", set()),
        ("The Hull Daily Mail reported the findings.", set()),
        ("Ofsted\n6 Cumberland Place\nNottingham\nNG1 6HJ\n\nDear Sir", set()),
    ],
)
def test_a_place_name_that_means_something_else_is_not_the_council(
    text: str, gss: set[str]
) -> None:
    assert _council_gss(text) == gss


def test_a_capitalised_alias_is_a_name_only_when_capitalised() -> None:
    gazetteer = load_gazetteer()
    lower, _ = OrgFinder(gazetteer).find("Adults receive community care at home.")
    upper, _ = OrgFinder(gazetteer).find("Community Care reported the findings.")
    assert "national/community-care" not in lower
    assert "national/community-care" in upper


def test_companies_running_childrens_services_serve_their_councils() -> None:
    gazetteer = load_gazetteer()
    afc = gazetteer.lookup("Achieving for Children")
    assert afc is not None and afc.kind == "ChildrensTrust"
    served = {gazetteer.bodies[k].name for k in afc.serves}
    assert served == {
        "Royal Borough of Kingston upon Thames",
        "London Borough of Richmond upon Thames",
        "Royal Borough of Windsor and Maidenhead",
    }


def test_council_names_file_covers_places_of_the_lookup(tmp_path: Path) -> None:
    """Every row of council_names.csv names a place the lookup has (no stale or misspelt rows)."""
    places = {r["local_authority_ons_name"].strip() for r in _lookup_rows()} | {
        r["ltla23nm"].strip() for r in _lookup_rows()
    }
    places |= {p.split(", City of")[0].removesuffix(" Borough") for p in places}
    with asset_path("data/council_names.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 150
    assert [r["place"] for r in rows if r["place"] not in places] == []
