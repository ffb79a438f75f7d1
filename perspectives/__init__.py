"""Perspectives: compare how authors from different countries read the same events."""

from perspectives.corpus import CorpusError, Problem, load, validate

__all__ = ["CorpusError", "Problem", "load", "validate"]
