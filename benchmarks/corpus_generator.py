"""Generate realistic documents about random English councils, for scale benchmarks and tests.

Names of people are drawn from small lists here (not from any real document); councils
from the gazetteer. The same seed gives the same corpus.
"""

from __future__ import annotations

import random
from pathlib import Path

from ofsted_kg.loaders.gazetteer import load_gazetteer

FIRST = ["Amira", "Ben", "Chloe", "Dev", "Elena", "Femi", "Grace", "Hamid", "Isla", "Jonah", "Kiran", "Laura",
         "Marcus", "Nadia", "Owen", "Priya", "Quentin", "Rosa", "Samir", "Tess", "Uma", "Victor", "Wendy", "Yusuf"]  # fmt: skip
LAST = ["Abbott", "Bhatt", "Carver", "Dlamini", "Evans", "Fairley", "Gould", "Hussein", "Ingram", "Jowett",
        "Khan", "Lister", "Mbeki", "Norris", "Okoro", "Pryce", "Quayle", "Rahman", "Sutton", "Thorne"]  # fmt: skip
GRADES = ["outstanding", "good", "requires improvement to be good", "inadequate"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "September",
    "October",
    "November",
]
IMPROVE = [
    "The timeliness of initial health assessments for children in care.",
    "The quality of supervision and management oversight of social work practice.",
    "Placement sufficiency for older children.",
    "The response to children who go missing, including return home interviews.",
    "The quality of pathway plans for care leavers.",
    "The effectiveness of the response to domestic abuse.",
]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def letter(rng: random.Random, council: str, place: str) -> str:
    year = rng.randint(2019, 2025)
    month = rng.choice(MONTHS)
    day = rng.randint(2, 20)
    dcs, hmi, hmi2 = _person(rng), _person(rng), _person(rng)
    items = "\n".join(f"- {line}" for line in rng.sample(IMPROVE, 3))
    return (
        f"{day + 7} {month} {year}\n\n{dcs}\nDirector of Children's Services\n{council}\n\nDear {dcs.split()[0]}\n\n"
        f"Focused visit to {place} children's services\n\nThis letter summarises the findings of the focused visit "
        f"to {place} children's services on {day} and {day + 1} {month} {year}. His Majesty's Inspectors for this "
        f"visit were {hmi} and {hmi2}.\n\nWhat needs to improve in this area of social work practice?\n\n{items}\n\n"
        f"Main findings\n\nMost children benefit from stable placements.\n\nYours sincerely\n\n{hmi}\nHis Majesty's Inspector\n"
    )


def news(rng: random.Random, council: str, place: str) -> str:
    year = rng.randint(2019, 2025)
    grade = rng.choice(GRADES)
    leader, dcs = _person(rng), _person(rng)
    return (
        f"{place} children's services rated {grade} by Ofsted\n\nBy {_person(rng)}\n\n{rng.randint(1, 28)} "
        f"{rng.choice(MONTHS)} {year}\n\n{council}'s children's services have been rated {grade} by Ofsted following "
        f'an inspection in {rng.choice(MONTHS)} {year}.\n\n"We are proud of our social workers," said {dcs}, '
        f"director of children's services at {council}.\n\nCllr {leader}, the council's cabinet member for children, "
        f'said: "There is more to do."\n'
    )


def generate(folder: Path, count: int, *, seed: int = 7) -> list[Path]:
    """Write ``count`` documents (letters and news, alternately) about random councils."""
    rng = random.Random(seed)
    councils = sorted(load_gazetteer().local_authorities(), key=lambda b: b.key)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        body = rng.choice(councils)
        place = body.places[0]
        text = (letter if n % 2 == 0 else news)(rng, body.name, place)
        path = folder / f"doc_{n:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
