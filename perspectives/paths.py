"""Where the embedded corpus lives, and how a caller chooses another one."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

EMBEDDED_CORPUS = Path(__file__).resolve().parent.parent / "data"
DATA_ENV = "PERSPECTIVES_DATA"
#: Set to 1 (or pass --curate) to serve the Curate page, which writes to the corpus folder.
CURATE_ENV = "PERSPECTIVES_CURATE"


def corpus_dir(cli_value: str | None = None) -> Path:
    """The corpus to open: an explicit --data, else $PERSPECTIVES_DATA, else the embedded one."""
    if cli_value:
        return Path(cli_value)
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    return EMBEDDED_CORPUS


def curation_mode(cli_flag: bool = False) -> bool:
    """Whether to offer curation: an explicit --curate, else $PERSPECTIVES_CURATE set to 1."""
    return cli_flag or os.environ.get(CURATE_ENV, "").strip().lower() in ("1", "true", "yes")


def local_only(address: str | None) -> bool:
    """Whether a server listening on `address` (Streamlit's server.address) can be reached from
    this computer only: a loopback address, or localhost. Every other address is public: none
    or "" (every interface, as Streamlit reads an empty one), 0.0.0.0, ::, and a network's."""
    host = (address or "").strip().strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
