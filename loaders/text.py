"""Read a plain-text document exactly as it is, so that character offsets stay true.

The text is decoded from bytes (not read in text mode) because universal-newline
translation would shift every offset after a CRLF; a UTF-8 byte-order mark is dropped.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ofsted_kg.errors import SourceError
from ofsted_kg.loaders.model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md"}


def document_id(path: Path) -> str:
    """A stable, readable identifier: the file name without its suffix."""
    return path.stem


def decode(raw: bytes, path: Path) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(str(path), f"not UTF-8 text (byte {exc.start})") from None


def read_text_document(path: Path) -> Document:
    """Load one text file as a Document; raise SourceError naming the file on bad input."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(str(path), exc.strerror or "cannot be read") from None
    if b"\x00" in raw[:4096]:
        raise SourceError(str(path), "looks binary, not text")
    text = decode(raw, path)
    if not text.strip():
        raise SourceError(str(path), "is empty")
    return Document(
        doc_id=document_id(path),
        path=str(path),
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )
