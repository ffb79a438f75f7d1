"""Benchmarks: print a table of figures and write bench/results.json.

    python bench/run.py [--quick] [--skip-browser]

Every figure is the median of several runs. Timings on a shared machine are noisy, so each
page's rerun is set beside a floor measured in the same run: the same output written by a
static script (and an empty script's rerun, for scale). The run ends with one table: every page
on both corpora, its rerun, floor, ratio and target.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.app_server import launch_options, serve  # noqa: E402
from bench.floor import floor_script  # noqa: E402
from bench.synth import generate  # noqa: E402
from perspectives import coverage, export, overview  # noqa: E402
from perspectives.compare import select  # noqa: E402
from perspectives.corpus import load  # noqa: E402
from perspectives.model import Corpus  # noqa: E402
from perspectives.paths import EMBEDDED_CORPUS  # noqa: E402
from perspectives.ui.common import cached_load, files_stamp  # noqa: E402

IDLE = '[data-testid="stStatusWidget"]'
FOOTER = "About this corpus"
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


# -- 2. the one-time work on a corpus version ---------------------------------------------------

ANALYSIS_PARTS = {  # figure: the parts of coverage.Analysis it times, worked out in this order
    "tag": (),
    "coverage_tables": ("coverage", "untagged"),
    "sentence_rows": ("rows",),
    "quality": ("quality", "missed"),
}


def analysis_cold_figures(name: str, root: Path, runs: int) -> dict[str, float]:
    """In a new process each time, after loading: tagging every sentence, then each table Theme
    coverage and the Overview ask for, as the first page to need it does once per version. The
    processor time of the whole is given too: on a shared machine it varies less."""
    code = (
        "import json, sys, time\nfrom perspectives import coverage\n"
        "from perspectives.corpus import load\n"
        "corpus = load(sys.argv[1])\nparts = json.loads(sys.argv[2])\ntimes = {}\n"
        "cpu = time.process_time(); start = time.perf_counter()\n"
        "analysis = coverage.analysis(corpus)\n"
        "times['tag'] = time.perf_counter() - start\n"
        "for figure, names in parts.items():\n"
        "    start = time.perf_counter()\n"
        "    for part in names: getattr(analysis, part)\n"
        "    times[figure] = times.get(figure, 0) + time.perf_counter() - start\n"
        "times['cpu'] = time.process_time() - cpu\n"
        "print(json.dumps(times))"
    )
    parts = {figure: names for figure, names in ANALYSIS_PARTS.items() if names}
    measured = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", code, str(root), json.dumps(parts)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            ).stdout
        )
        for _ in range(runs)
    ]
    figures = {
        f"{figure}_cold_s[{name}]": statistics.median(times[figure] for times in measured)
        for figure in ANALYSIS_PARTS
    }
    figures[f"analysis_cold_s[{name}]"] = statistics.median(
        sum(times[figure] for figure in ANALYSIS_PARTS) for times in measured
    )
    figures[f"analysis_cold_cpu_s[{name}]"] = statistics.median(t["cpu"] for t in measured)
    return figures


# -- 3. what a rerun asks of the core, the work above done -----------------------------------------


def _themes(corpus: Corpus) -> list[str]:
    return [theme.id for theme in corpus.themes]


def _documents(corpus: Corpus) -> list[str]:
    return [document.id for document in corpus.documents]


CORE_CALLS: dict[str, Callable[[Corpus, tuple], object]] = {
    "coverage_table": coverage.coverage_table,
    "untagged_table": coverage.untagged_table,
    "sentence_rows": lambda corpus, tagged: coverage.sentence_rows(
        corpus, tagged, _themes(corpus), _documents(corpus)
    ),
    "sentence_rows_one_theme": lambda corpus, tagged: coverage.sentence_rows(
        corpus, tagged, _themes(corpus)[:1], _documents(corpus)
    ),
    "quality": coverage.quality,
    "untagged_quotes": coverage.untagged_quotes,
    "text_shares": lambda corpus, tagged: overview.text_shares(
        coverage.coverage_table(corpus, tagged)
    ),
}


def core_rerun_figures(name: str, root: Path, runs: int) -> dict[str, float]:
    """Each function a Theme coverage or Overview rerun calls, once the corpus is analysed."""
    corpus = load(root)
    tagged = coverage.tag(corpus)
    for call in CORE_CALLS.values():
        call(corpus, tagged)  # the first calls build what every later one shares
    return {
        f"{figure}_s[{name}]": median_seconds(lambda call=call: call(corpus, tagged), runs * 3)
        for figure, call in CORE_CALLS.items()
    }


# -- 4. page reruns after a widget change (AppTest), beside their floors --------------------------


@dataclass(frozen=True)
class Page:
    """How the benchmark reruns a page: the widget a reader changes and the two values it
    alternates between (both give output of the same size, so one floor fits both)."""

    script: str  # run with AppTest.from_string
    widget: str  # AppTest's name for the kind of widget
    key: str
    values: Callable[[Corpus], list]


def _one_page(module: str, path: str) -> str:
    """A page in a navigation of its own (AppTest cannot switch to a page given as a function),
    set up as app.py sets up every page."""
    return (
        "import streamlit as st\n"
        'st.set_page_config(page_title="Perspectives", page_icon="🧭", layout="wide")\n'
        f"from perspectives.ui import {module}\n"
        f"st.navigation([st.Page({module}.render, url_path={path!r})]).run()\n"
    )


PAGES = {
    "compare": Page(
        (ROOT / "app.py").read_text(encoding="utf-8"),
        "multiselect",
        "compare_themes",
        lambda corpus: [[corpus.themes[1].id], [corpus.themes[0].id]],
    ),
    "coverage": Page(
        _one_page("coverage_page", "coverage"),
        "button_group",
        "coverage_measure",
        lambda _: ["words", "sentences"],
    ),
    "overview": Page(
        _one_page("overview_page", "overview"),
        "button_group",
        "overview_order",
        lambda _: ["corpus", "divergence"],
    ),
}


def _rerun_seconds(test, page: Page, values: list, runs: int) -> float:
    choices = iter(values * runs)
    widget = getattr(test, page.widget)(key=page.key)
    return median_seconds(lambda: widget.set_value(next(choices)).run(), runs)


def page_rerun_figures(name: str, root: Path, page_name: str, runs: int) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    page = PAGES[page_name]
    os.environ["PERSPECTIVES_DATA"] = str(root)
    corpus = load(root)
    values = page.values(corpus)
    app = AppTest.from_string(page.script, default_timeout=300)
    if page_name == "compare":
        app.query_params["theme"] = values[-1][0]
    app.run()
    assert not app.exception, app.exception
    app_seconds = _rerun_seconds(app, page, values, runs)
    assert not app.exception, app.exception
    sizes = {}
    if page_name == "compare":
        shown = select(corpus, values[-1])
        sizes = {
            f"download_{format}": len(export.render(export.build(corpus, shown), format))
            for format in export.FORMATS
        }
    with tempfile.TemporaryDirectory() as scratch:
        floor = AppTest.from_string(
            floor_script(app, Path(scratch) / "floor.pickle", sizes), default_timeout=300
        )
        floor.run()
        assert not floor.exception, floor.exception
        floor_seconds = _rerun_seconds(floor, page, values, runs)
    where = f"{page_name}/{name}"
    return {
        f"rerun_s[{where}]": app_seconds,
        f"rerun_floor_s[{where}]": floor_seconds,
        f"rerun_ratio_to_floor[{where}]": app_seconds / floor_seconds,
    }


def empty_script_figure(runs: int) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    empty = AppTest.from_string("", default_timeout=60)
    empty.run()
    return {"rerun_empty_script_s": median_seconds(empty.run, runs)}


# -- 5–7. a real browser against a served app ---------------------------------------------------


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


async def synthetic_peak(url: str, server_pid: int, pages: list[str]) -> dict[str, float]:
    """On a fresh server: the first theme visible, then each page in turn to its content (Theme
    coverage and the Overview carry the lexicon's full load), and the server's peak memory."""
    from playwright.async_api import async_playwright

    figures: dict[str, float] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**launch_options())
        page = await browser.new_page()
        start = time.perf_counter()
        await page.goto(url + "/", timeout=300_000)
        await page.locator(THEME_HEADING).first.wait_for(timeout=300_000)
        figures["browser_first_theme_visible_s[synthetic]"] = time.perf_counter() - start
        await _idle(page)
        for path in filter(None, pages):
            start = time.perf_counter()
            await page.goto(f"{url}/{path}", timeout=300_000)
            # Every page ends with the corpus footer: the run is over when it shows.
            await page.get_by_text(FOOTER).first.wait_for(timeout=300_000)
            await _idle(page)
            figures[f"browser_page_s[{path}/synthetic]"] = time.perf_counter() - start
        await browser.close()
    figures["server_peak_rss_mb[synthetic]"] = rss_mb(server_pid, "VmHWM")
    return figures


# -- report ---------------------------------------------------------------------------------------

# (figure name prefix, suffix, operator, limit): a figure that starts and ends so has that target.
TARGETS = [
    ("rerun_ratio_to_floor[", "/embedded]", "<=", 1.5),
    ("rerun_s[", "/synthetic]", "<", 0.5),
    ("analysis_cold_s[synthetic]", "", "<", 5.0),
    *((f"{call}_s[", "[synthetic]", "<", 0.1) for call in CORE_CALLS),
    ("load_cold_s[synthetic]", "", "<", 2.0),
    ("load_warm_s[synthetic]", "", "<", 0.2),
    ("load_server_rss_growth_mb", "", "<", 100),
    ("server_peak_rss_mb[synthetic]", "", "<", 500),
    ("browser_first_theme_visible_s", "", "<", 2.0),
]


def target(name: str) -> tuple[str, float] | None:
    for prefix, suffix, operator, limit in TARGETS:
        if name.startswith(prefix) and name.endswith(suffix):
            return operator, limit
    return None


def verdict(name: str, value: float) -> str:
    found = target(name)
    if found is None:
        return ""
    operator, limit = found
    ok = value <= limit if operator == "<=" else value < limit
    return f"{'meets' if ok else 'MISSES'} {operator} {limit}"


def report(figures: dict[str, float]) -> dict[str, float]:
    """Print figures as they are measured (a long run shows progress), and pass them on."""
    for name, value in figures.items():
        print(f"{name:<48}  {value:>10.3f}  {verdict(name, value)}", flush=True)
    return figures


def page_table(figures: dict[str, float]) -> list[dict[str, object]]:
    """Every page on both corpora: its rerun, its floor, the ratio, the target and the verdict
    (on the embedded corpus the ratio is judged, on the synthetic one the rerun itself)."""
    rows = []
    for page in PAGES:
        for corpus in ("embedded", "synthetic"):
            where = f"{page}/{corpus}"
            judged = (
                f"rerun_ratio_to_floor[{where}]" if corpus == "embedded" else f"rerun_s[{where}]"
            )
            if judged not in figures:
                continue
            operator, limit = target(judged) or ("", 0.0)
            rows.append(
                {
                    "page": page,
                    "corpus": corpus,
                    "rerun_s": figures[f"rerun_s[{where}]"],
                    "floor_s": figures[f"rerun_floor_s[{where}]"],
                    "ratio": figures[f"rerun_ratio_to_floor[{where}]"],
                    "target": f"{'ratio' if corpus == 'embedded' else 'rerun'} {operator} {limit}",
                    "verdict": verdict(judged, figures[judged]).split(" ")[0],
                }
            )
    print()
    print(
        f"{'page':<10}{'corpus':<11}{'rerun_s':>9}{'floor_s':>9}{'ratio':>7}  {'target':<16}verdict"
    )
    for row in rows:
        print(
            f"{row['page']:<10}{row['corpus']:<11}{row['rerun_s']:>9.3f}{row['floor_s']:>9.3f}"
            f"{row['ratio']:>7.2f}  {row['target']:<16}{row['verdict']}"
        )
    return rows


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
    parser.add_argument("--skip-browser", action="store_true", help="leave out sections 5–7")
    parser.add_argument("--pages", default=",overview,source,timeline,readability,coverage")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    figures: dict[str, float] = {}
    print(f"{'figure':<48}  {'value':>10}  target", flush=True)
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
            figures |= report(analysis_cold_figures(name, root, runs))
            figures |= report(core_rerun_figures(name, root, runs))
            for page in PAGES:
                figures |= report(page_rerun_figures(name, root, page, runs))
        figures |= report(empty_script_figure(runs))
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
                figures |= report(
                    asyncio.run(synthetic_peak(url, server.pid, args.pages.split(",")))
                )
    pages = page_table(figures)
    args.out.write_text(
        json.dumps({"environment": versions(), "figures": figures, "pages": pages}, indent=2) + "\n"
    )
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
