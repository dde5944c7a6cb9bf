"""Evaluator for plover_gsr (being written)."""
