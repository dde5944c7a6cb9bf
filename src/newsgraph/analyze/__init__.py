"""Analysis: stages over one spaCy Doc that add standoff records to a Document."""

from newsgraph.analyze.pipeline import analyze_document, analyze_documents, load_pipeline

__all__ = ["analyze_document", "analyze_documents", "load_pipeline"]
