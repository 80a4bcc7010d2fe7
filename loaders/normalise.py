"""Text normalisation shared by matching and identity: one place decides what counts as "the same name"."""

from __future__ import annotations

import re
import unicodedata

QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def fold(text: str) -> str:
    """Lower-case, accents and curly quotes folded, '&' as 'and', punctuation dropped, spaces squeezed."""
    text = unicodedata.normalize("NFKD", text.translate(QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("&", " and ")
    text = re.sub(r"'s\b", "s", text)
    text = re.sub(r"[^\w]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def slugify(text: str) -> str:
    """A readable IRI segment: ``Leeds City Council`` → ``leeds-city-council``."""
    return fold(text).replace(" ", "-") or "unnamed"


def squeeze(text: str) -> str:
    """Collapse runs of white space (line breaks inside a name) to one space."""
    return re.sub(r"\s+", " ", text).strip()
