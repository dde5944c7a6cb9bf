"""Evaluator for tempeval3 (being written)."""
