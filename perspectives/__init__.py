"""Perspectives: compare how authors from different countries read the same events."""

from perspectives.corpus import load, validate
from perspectives.model import CorpusError, Problem

__all__ = ["CorpusError", "Problem", "load", "validate"]
