"""Rules of the house that a reader of the code relies on, checked rather than promised."""

from __future__ import annotations

import re
import tomllib

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "perspectives"
MAX_MODULE_LINES = 600
MODULES = sorted(PACKAGE.rglob("*.py"))


def dotted(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_module_is_longer_than_a_reader_can_hold(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, (
        f"{path.relative_to(ROOT)} has {lines} lines, more than {MAX_MODULE_LINES}: split it "
        "into modules whose names say what each part does"
    )


def layered_modules() -> set[str]:
    """Every module or package named in the layers of the import contract."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = settings["tool"]["importlinter"]["contracts"]
    layers = [layer for contract in contracts for layer in contract.get("layers", [])]
    return {name for layer in layers for name in re.split(r"[\s|:]+", layer) if name}


def test_every_core_module_sits_in_a_layer_of_the_import_contract():
    named = layered_modules()
    outside = [
        module
        for module in map(dotted, MODULES)
        if module not in {"perspectives", "perspectives.__main__"}
        and not any(module == name or module.startswith(name + ".") for name in named)
    ]
    assert outside == [], "add these to a layer in pyproject.toml's [tool.importlinter]"
