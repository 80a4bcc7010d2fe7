"""Loaders: documents and data files → Extraction objects (facts with the spans that state them)."""
