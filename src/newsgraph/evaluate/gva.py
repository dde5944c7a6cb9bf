"""Evaluator for gva (being written)."""
