"""Evaluator for geoparsing (being written)."""
