"""Saves and undos from many processes at once on one corpus folder: each holds the folder's
lock from the check to the last rename, so a reported success is in the files, the corpus
stays valid, and no text is left without its row."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from perspectives import curate, load, starter, store
from perspectives.schema import DOCUMENTS

from .conftest import ROOT

OPTIONS = [  # each document's author is its id: a perspective of its own
    *("--role", "R", "--affiliation", "F", "--country", "Chile"),
    *("--title", "T", "--outlet", "O", "--published", "2024-02", "--citation", "C."),
]

#: A save or an undo through the store, as the Curate page makes them: one JSON line out.
THROUGH_THE_STORE = """
import json, sys
from perspectives import curate, store
root, kind, document_id = sys.argv[1:]
try:
    if kind == "save":
        metadata = dict(id=document_id, author=document_id, role="R", affiliation="F",
                        country="Chile", title="T", outlet="O", published="2024-02", citation="C.")
        store.save(root, curate.add_document(curate.read(root), metadata, b"A text.\\n"))
        print(json.dumps({"added": document_id}))
    else:
        entry = store.undo(root)
        print(json.dumps({"undid": entry.description, "number": entry.number}))
except (store.StaleFilesError, store.NothingToUndoError) as refused:
    print(json.dumps({"refused": str(refused)}))
"""

#: (how, what) for each of the 20 processes.
PROCESSES = (
    [("cli", f"cli-{n}") for n in range(8)]
    + [("cli", "undo")] * 3
    + [("store", f"api-{n}") for n in range(7)]
    + [("store", "undo")] * 2
)


def command(root: Path, tmp_path: Path, how: str, what: str) -> list[str]:
    if how == "store":
        kind = "undo" if what == "undo" else "save"
        return [sys.executable, "-c", THROUGH_THE_STORE, str(root), kind, what]
    if what == "undo":
        return [sys.executable, "-m", "perspectives", "undo", str(root)]
    source = tmp_path / f"{what}.txt"
    source.write_bytes(b"A text.\n")
    adding = ["add-document", str(root), str(source), "--id", what, "--author", what, *OPTIONS]
    return [sys.executable, "-m", "perspectives", *adding]


def outcome(how: str, what: str, result: subprocess.CompletedProcess) -> dict[str, object]:
    """What the process reported: {"added": id}, {"undid": id, …} or {"refused": why}."""
    assert "Traceback" not in result.stderr, result.stderr
    if how == "store":
        found = json.loads(result.stdout)
        if "undid" in found:
            found["undid"] = found["undid"].removeprefix("add document ")
        return found
    if result.returncode != 0:
        return {"refused": result.stderr}
    if what == "undo":
        return {"undid": re.search(r"“add document (\S+)”", result.stdout)[1]}
    return {"added": what}


def test_twenty_processes_saving_and_undoing_at_once(tmp_path):
    root = tmp_path / "corpus"
    starter.write_starter(root, dt.date(2024, 6, 1))
    started = time.monotonic()
    running = [
        (
            how,
            what,
            subprocess.Popen(
                command(root, tmp_path, how, what),
                cwd=ROOT,
                text=True,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            ),
        )
        for how, what in PROCESSES
    ]
    outcomes = []
    for how, what, process in running:
        out, err = process.communicate(timeout=120)
        outcomes.append(
            outcome(how, what, subprocess.CompletedProcess([], process.returncode, out, err))
        )
    elapsed = time.monotonic() - started

    added = [o["added"] for o in outcomes if "added" in o]
    undone = [o["undid"] for o in outcomes if "undid" in o]
    assert added, "some saves succeed"
    assert len(set(undone)) == len(undone), "no save undone twice"
    assert set(undone) <= set(added), "only saves that succeeded are undone"

    corpus = load(root)  # valid: it loads
    present = {d.id for d in corpus.documents} - {"example-2024", "voorbeeld-2024"}
    assert present == set(added) - set(undone), "every success there, every undo done"
    texts = {p.name for p in (root / "texts").iterdir()}
    assert texts == {Path(d.text_file).name for d in corpus.documents}, "no orphan text"
    assert not list(root.rglob("*.part")) and not list(root.rglob(".building-*"))
    history = store.history(root)
    assert [e.description.removeprefix("add document ") for e in history] == [
        d.id for d in reversed(corpus.documents) if d.id in present
    ], "the journal holds each save left, latest first"
    assert [e.number for e in history] == sorted({e.number for e in history}, reverse=True)
    print(f"20 processes in {elapsed:.1f} s: {len(added)} added, {len(undone)} undone")
    assert (root / DOCUMENTS.file).read_bytes().count(b"\n") == 3 + len(present)


def test_threads_of_one_process_save_one_at_a_time(tmp_path):
    """As the sessions of one dashboard do: each retries a save refused as stale, and every
    save lands."""
    root = tmp_path / "corpus"
    starter.write_starter(root, dt.date(2024, 6, 1))
    metadata = {"role": "R", "affiliation": "F", "country": "Chile"}
    metadata |= {"title": "T", "outlet": "O", "published": "2024-02", "citation": "C."}

    def add(document_id: str) -> None:
        while True:
            snapshot = curate.read(root)
            change = curate.add_document(
                snapshot, {"id": document_id, "author": document_id, **metadata}, b"A text.\n"
            )
            try:
                store.save(root, change)
                return
            except store.StaleFilesError:
                continue

    ids = [f"thread-{n}" for n in range(6)]
    with ThreadPoolExecutor(max_workers=len(ids)) as pool:
        list(pool.map(add, ids))
    assert {d.id for d in load(root).documents} >= set(ids)
    assert sorted(e.number for e in store.history(root)) == list(range(1, len(ids) + 1))
