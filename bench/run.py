"""Benchmarks: print a table of figures and write bench/results.json.

    python bench/run.py [--quick] [--skip-browser]

Every timing is the median of several runs (a cold build is timed once). Timings on a shared
machine are noisy, so each rerun figure is set beside a floor measured in the same run: the same
output written by a static script, and an empty script. The curation section times a checked
save, suggestions, and their leave-one-out recall on the embedded corpus (with and without the
lexicon, which was written from the same quotes).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.app_server import launch_options, serve  # noqa: E402
from bench.floor import floor_script  # noqa: E402
from bench.hostile import HOSTILE_TARGET_S, hostile_figures  # noqa: E402
from bench.synth import generate  # noqa: E402
from perspectives import curate, export, store, suggest  # noqa: E402
from perspectives.compare import select  # noqa: E402
from perspectives.corpus import load  # noqa: E402
from perspectives.paths import EMBEDDED_CORPUS  # noqa: E402
from perspectives.ui.frame import cached_load, files_stamp  # noqa: E402

IDLE = '[data-testid="stStatusWidget"]'
THEME_HEADING = '[data-testid="stMain"] h2'


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# -- 1. load + validate -------------------------------------------------------------------------


def cold_load_seconds(root: Path, runs: int) -> float:
    """Load in a new process each time (imports excluded: they are the same for any corpus)."""
    code = (
        "import sys, time\nfrom perspectives.corpus import load\n"
        "start = time.perf_counter(); load(sys.argv[1]); print(time.perf_counter() - start)"
    )
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code, str(root)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(times)


def load_figures(name: str, root: Path, runs: int) -> dict[str, float]:
    """Cold: a new process parses and checks everything. Warm: what a rerun pays, the files'
    stamps and the app's cache lookup."""

    def warm() -> None:
        assert cached_load(str(root), files_stamp(root)).corpus is not None

    warm()
    return {
        f"load_cold_s[{name}]": cold_load_seconds(root, runs),
        f"load_warm_s[{name}]": median_seconds(warm, runs * 3),
    }


# -- 2. rerun after a filter change (AppTest) ---------------------------------------------------


def rerun_figures(name: str, root: Path, runs: int) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    os.environ["PERSPECTIVES_DATA"] = str(root)
    corpus = load(root)
    first, second = corpus.themes[0].id, corpus.themes[1].id
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.query_params["theme"] = first
    app.run()

    def toggle(test: AppTest, key: str | None = None) -> Callable[[], object]:
        choices = iter([[second], [first]] * runs)
        widget = (
            test.multiselect(key="compare_themes") if key is None else test.multiselect(key=key)
        )
        return lambda: widget.set_value(next(choices)).run()

    app_seconds = median_seconds(toggle(app), runs)
    assert not app.exception, app.exception
    shown = select(corpus, [first])
    sizes = {
        f"download_{format}": len(export.render(export.build(corpus, shown), format))
        for format in export.FORMATS
    }
    floor = AppTest.from_string(floor_script(app, sizes), default_timeout=120)
    floor.run()
    floor_seconds = median_seconds(toggle(floor), runs)
    empty = AppTest.from_string("", default_timeout=60)
    empty.run()
    empty_seconds = median_seconds(empty.run, runs)
    return {
        f"rerun_s[{name}]": app_seconds,
        f"rerun_floor_s[{name}]": floor_seconds,
        f"rerun_ratio_to_floor[{name}]": app_seconds / floor_seconds,
        f"rerun_empty_script_s[{name}]": empty_seconds,
    }


# -- 3–5. a real browser against a served app ---------------------------------------------------


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} for {pid}")


async def _idle(page) -> None:
    await page.wait_for_function(f"document.querySelectorAll('{IDLE}').length === 0")


async def browser_figures(
    url: str, labels: list[str], pages: list[str], runs: int
) -> dict[str, float]:
    """Navigation to the first theme; a sidebar filter change to the updated view; each page."""
    from playwright.async_api import async_playwright

    figures: dict[str, float] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**launch_options())
        first_visible, filter_change = [], []
        for _ in range(runs):
            page = await browser.new_page()
            start = time.perf_counter()
            await page.goto(url + "/")
            await page.locator(THEME_HEADING).first.wait_for()
            first_visible.append(time.perf_counter() - start)
            await _idle(page)
            await page.close()
            page = await browser.new_page()
            await page.goto(url + f"/?theme={quote(labels[0][0])}")
            await page.locator(THEME_HEADING).first.wait_for()
            await _idle(page)
            await page.get_by_role("combobox", name="Themes").click()
            option = page.get_by_role("option", name=labels[1][1])
            start = time.perf_counter()
            await option.click()
            await page.wait_for_function(
                f"document.querySelectorAll('{THEME_HEADING}').length === 2"
                f" && document.querySelectorAll('{IDLE}').length === 0"
            )
            filter_change.append(time.perf_counter() - start)
            await page.close()
        figures["browser_first_theme_visible_s"] = statistics.median(first_visible)
        figures["browser_filter_change_s"] = statistics.median(filter_change)
        for path in pages:
            times = []
            for _ in range(runs):
                page = await browser.new_page()
                start = time.perf_counter()
                await page.goto(f"{url}/{path}")
                await page.locator('[data-testid="stMain"] h1').first.wait_for()
                await _idle(page)
                times.append(time.perf_counter() - start)
                await page.close()
            figures[f"browser_page_s[{path or 'compare'}]"] = statistics.median(times)
        await browser.close()
    return figures


async def session_load(
    url: str, server_pid: int, labels: list[str], sessions: int, at_once: int
) -> dict[str, float]:
    """`sessions` browser sessions, `at_once` at a time; each must show every theme."""
    from playwright.async_api import async_playwright

    gate = asyncio.Semaphore(at_once)
    rss_before = rss_mb(server_pid)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**launch_options())

        async def one() -> tuple[float, bool]:
            async with gate:
                context = await browser.new_context()
                page = await context.new_page()
                start = time.perf_counter()
                await page.goto(url + "/", timeout=120_000)
                await page.wait_for_function(
                    f"document.querySelectorAll('{THEME_HEADING}').length === {len(labels)}"
                    f" && document.querySelectorAll('{IDLE}').length === 0",
                    timeout=120_000,
                )
                seconds = time.perf_counter() - start
                shown = await page.locator(THEME_HEADING).all_inner_texts()
                await context.close()
                return seconds, [text.strip() for text in shown] == labels

        results = await asyncio.gather(*(one() for _ in range(sessions)))
        await browser.close()
    return {
        "load_sessions": sessions,
        "load_sessions_at_once": at_once,
        "load_sessions_correct": sum(correct for _, correct in results),
        "load_slowest_session_s": max(seconds for seconds, _ in results),
        "load_server_rss_before_mb": rss_before,
        "load_server_rss_after_mb": rss_mb(server_pid),
        "load_server_rss_growth_mb": rss_mb(server_pid) - rss_before,
    }


async def synthetic_peak(url: str, server_pid: int) -> dict[str, float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**launch_options())
        page = await browser.new_page()
        start = time.perf_counter()
        await page.goto(url + "/", timeout=120_000)
        await page.locator(THEME_HEADING).first.wait_for(timeout=120_000)
        first = time.perf_counter() - start
        await _idle(page)
        await browser.close()
    return {
        "browser_first_theme_visible_s[synthetic]": first,
        "server_peak_rss_mb[synthetic]": rss_mb(server_pid, "VmHWM"),
    }


# -- 6. curation: a checked save, suggestions, and how well they find the curated quotes ---------


def save_seconds(root: Path, scratch: Path, runs: int) -> float:
    """A save as the Curate page makes it: the first position's stance changed, the change
    checked against the whole corpus and written, in a copy of the corpus."""
    copy = shutil.copytree(root, scratch)
    corpus = load(copy)
    position = corpus.positions[0]
    document = corpus.document(position.document_id)
    spans = tuple((q.anchor.start, q.anchor.end) for q in position.quotes)
    times = []
    for number in range(runs):
        draft = curate.PositionDraft(
            position.theme_id, position.document_id, position.coverage,
            f"{position.stance} ({number})", position.summary, position.rationale,
            position.scale_value, position.confidence, spans,
        )  # fmt: skip
        snapshot = curate.read(copy)
        start = time.perf_counter()
        store.save(copy, curate.set_position(snapshot, document, draft, position))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def curation_figures(name: str, root: Path, scratch: Path, runs: int) -> dict[str, float]:
    corpus = load(root)
    figures = {f"save_s[{name}]": save_seconds(root, scratch / f"curated-{name}", runs)}
    suggest.Index([])  # imports scikit-learn: the cold figure is the build, as for load
    start = time.perf_counter()
    index = suggest.Index(corpus.documents)
    figures[f"suggest_index_cold_s[{name}]"] = time.perf_counter() - start
    # A new theme × document (its theme's query and quotes not yet vectorised), then the same
    # one again, as each rerun of the page asks for it.
    pairs = iter([(p.theme_id, p.document_id) for p in corpus.positions] * runs)
    figures[f"suggest_new_pair_s[{name}]"] = median_seconds(
        lambda: index.suggest(corpus, *next(pairs)), runs
    )
    pair = (corpus.positions[0].theme_id, corpus.positions[0].document_id)
    figures[f"suggest_warm_s[{name}]"] = median_seconds(lambda: index.suggest(corpus, *pair), runs)
    if name == "embedded":
        for label, use_lexicon in (("", True), ("_no_lexicon", False)):
            measured = suggest.evaluate(corpus, index, use_lexicon)
            figures[f"suggest_recall_at_5{label}"] = measured.recall_at_5
            figures[f"suggest_recall_at_10{label}"] = measured.recall_at_10
    return figures


# -- 7. hostile input: each must be answered within its target -------------------------------------


def hostile_section(scratch: Path, quick: bool) -> dict[str, float]:
    """Inputs that once hung `validate` (bench/hostile.py), each against HOSTILE_TARGET_S."""
    figures = hostile_figures(scratch, quick)
    TARGETS.update({name: ("<", HOSTILE_TARGET_S) for name in figures})
    return figures


# -- report ---------------------------------------------------------------------------------------

TARGETS = {
    "rerun_ratio_to_floor[embedded]": ("<=", 1.5),
    "rerun_s[synthetic]": ("<=", 0.5),
    "load_cold_s[synthetic]": ("<", 2.0),
    "load_warm_s[synthetic]": ("<", 0.2),
    "load_server_rss_growth_mb": ("<", 100),
    "server_peak_rss_mb[synthetic]": ("<", 500),
    "browser_first_theme_visible_s": ("<", 2.0),
    "save_s[embedded]": ("<", 0.3),
    "save_s[synthetic]": ("<", 1.5),
    "suggest_warm_s[synthetic]": ("<", 0.2),
    "suggest_recall_at_5": (">=", 0.6),
    "suggest_recall_at_10": (">=", 0.8),
}


def verdict(name: str, value: float) -> str:
    if name not in TARGETS:
        return ""
    operator, limit = TARGETS[name]
    ok = {"<=": value <= limit, "<": value < limit, ">=": value >= limit}[operator]
    return f"{'meets' if ok else 'MISSES'} {operator} {limit}"


def report(figures: dict[str, float]) -> dict[str, float]:
    """Print figures as they are measured (a long run shows progress), and pass them on."""
    for name, value in figures.items():
        print(f"{name:<44}  {value:>10.3f}  {verdict(name, value)}", flush=True)
    return figures


def versions() -> dict[str, str]:
    import pandas
    import streamlit

    return {
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "pandas": pandas.__version__,
        "cores": str(os.cpu_count()),
        "machine": platform.machine(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and a tenth-size corpus")
    parser.add_argument("--skip-browser", action="store_true", help="leave out sections 3–5")
    parser.add_argument("--pages", default=",overview,source,timeline,readability,coverage")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    figures: dict[str, float] = {}
    print(f"{'figure':<44}  {'value':>10}  target", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        synthetic = generate(
            Path(scratch) / "synthetic",
            **(
                {"documents": 20, "positions": 500, "quotes": 2000, "text_bytes": 1_000_000}
                if args.quick
                else {}
            ),
        )
        for name, root in (("embedded", EMBEDDED_CORPUS), ("synthetic", synthetic)):
            figures |= report(load_figures(name, root, runs))
            figures |= report(rerun_figures(name, root, runs))
            figures |= report(curation_figures(name, root, Path(scratch), runs))
        if not args.skip_browser:
            themes = [(theme.id, theme.label) for theme in load(EMBEDDED_CORPUS).themes]
            embedded_labels = [label for _, label in themes]
            with serve(EMBEDDED_CORPUS) as (url, server):
                figures |= report(
                    asyncio.run(browser_figures(url, themes, args.pages.split(","), runs))
                )
                at_once = 4 if (os.cpu_count() or 1) <= 2 else 20
                figures |= report(
                    asyncio.run(session_load(url, server.pid, embedded_labels, 20, at_once))
                )
            with serve(synthetic) as (url, server):
                figures |= report(asyncio.run(synthetic_peak(url, server.pid)))
        figures |= report(hostile_section(Path(scratch), args.quick))
    args.out.write_text(
        json.dumps({"environment": versions(), "figures": figures}, indent=2) + "\n"
    )
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
