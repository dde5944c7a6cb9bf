"""Evaluator for polnear (being written)."""
