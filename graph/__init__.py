"""The graph: resolution across documents, quads with evidence, the store, exports and checks."""
