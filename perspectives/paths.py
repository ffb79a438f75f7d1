"""Where the embedded corpus lives, and how a caller chooses another one."""

from __future__ import annotations

import os
from pathlib import Path

EMBEDDED_CORPUS = Path(__file__).resolve().parent.parent / "data"
DATA_ENV = "PERSPECTIVES_DATA"


def corpus_dir(cli_value: str | None = None) -> Path:
    """The corpus to open: an explicit --data, else $PERSPECTIVES_DATA, else the embedded one."""
    if cli_value:
        return Path(cli_value)
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    return EMBEDDED_CORPUS
