"""Evaluator for conll2003 (being written)."""
