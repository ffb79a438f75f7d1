"""Benchmarks: print one table of figures with their targets, and write bench/results.json.

    python bench/run.py [--quick] [--skip-browser] [--pages compare,overview,...]

Every timing is the median of several runs (a cold build is timed once). Timings on a shared
machine are noisy, so each page's rerun is set beside a floor measured in the same run: the
same output written by a static script generated from the page's own element tree
(bench/floor.py), and an empty script's rerun for scale. The curation section times a checked
save, suggestions, and their leave-one-out recall on the embedded corpus (with and without the
lexicon, which was written from the same quotes). The run ends with one table: every figure,
each page's on both corpora first, with its floor, ratio, target and whether it meets it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.app_server import launch_options, serve  # noqa: E402
from bench.floor import Floor, elements, open_page  # noqa: E402
from bench.hostile import CASES, HOSTILE_TARGET_S, hostile_figures  # noqa: E402
from bench.synth import generate  # noqa: E402
from perspectives import compare, curate, store, suggest  # noqa: E402
from perspectives.corpus import load  # noqa: E402
from perspectives.model import Corpus  # noqa: E402
from perspectives.paging import paginate  # noqa: E402
from perspectives.paths import DATA_ENV, EMBEDDED_CORPUS  # noqa: E402
from perspectives.ui import (  # noqa: E402
    compare_page,
    coverage_page,
    links,
    overview_page,
    readability_page,
    source_page,
    timeline_page,
)
from perspectives.ui.frame import cached_load, files_stamp  # noqa: E402

APP = (ROOT / "app.py").read_text(encoding="utf-8")
CORPORA = ("embedded", "synthetic")
QUICK_SIZE = {
    "documents": 20,
    "positions": 500,
    "quotes": 2000,
    "text_bytes": 1_000_000,
    "events": 10,
}
IDLE = '[data-testid="stStatusWidget"]'
THEME_HEADING = '[data-testid="stMain"] h2'
FOOTER = "About this corpus: how to cite it"  # every page ends with it
BROWSER_TIMEOUT_MS = 300_000  # a page's first visit, its one-time work included
CHANGE_TIMEOUT_MS = 120_000


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


#: What every page of a corpus version builds once, for every session: every sentence tagged
#: with the lexicon, the coverage and quality tables, the perspectives' alignment.
ONE_TIME = """
import sys, time
from perspectives import coverage, overview
from perspectives.corpus import load
corpus = load(sys.argv[1])
start = time.perf_counter()
tagged = coverage.tag(corpus)
coverage.coverage_table(corpus, tagged)
coverage.untagged_table(corpus, tagged)
coverage.quality(corpus, tagged)
coverage.untagged_quotes(corpus, tagged)
coverage.rejected_rows(corpus, tagged)
overview.alignment(corpus)
overview.theme_spreads(corpus)
print(time.perf_counter() - start)
"""


def one_time_figure(name: str, root: Path) -> dict[str, float]:
    """The work done once per corpus version, cold, in a new process (the load left out)."""
    done = subprocess.run(
        [sys.executable, "-c", ONE_TIME, str(root)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return {f"one_time_s[{name}]": float(done.stdout)}


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


# -- 2. each page's rerun after a filter change (AppTest), beside its floor ------------------------


@dataclass(frozen=True)
class Change:
    """A filter change a reader makes: the address they open, the widget's value there and
    after the change, and the option they click for it in a browser."""

    query: dict[str, list[str]]
    before: Any
    after: Any
    option: str


@dataclass(frozen=True)
class PageChange:
    """The widget a reader changes on a page, and how (`change`, from the corpus)."""

    url_path: str
    widget: str  # AppTest's name for the kind of widget
    key: str
    label: str  # the widget's label in a browser
    change: Callable[[Corpus], Change]


def _themes(corpus: Corpus) -> list[str]:
    return [theme.id for theme in corpus.themes]


def _label(corpus: Corpus, theme_id: str) -> str:
    return corpus.theme(theme_id).label


def _add_theme(corpus: Corpus) -> Change:
    """Compare opened at the first theme; the reader adds the second."""
    first, second = _themes(corpus)[:2]
    return Change({links.THEME: [first]}, [first], [first, second], _label(corpus, second))


def _restore_theme(corpus: Corpus) -> Change:
    """The Overview opened without the last theme; the reader puts it back."""
    *rest, last = _themes(corpus)
    return Change({links.THEME: rest}, rest, [*rest, last], _label(corpus, last))


def _second_document(corpus: Corpus) -> Change:
    """The source reader at the first document; the reader opens the second beside it."""
    first, second = corpus.documents[:2]
    return Change({links.DOC: [first.id]}, [first.id], [first.id, second.id], second.perspective)


def _events_of_a_theme(corpus: Corpus) -> Change:
    """The timeline of every event; the reader keeps the first event's first theme."""
    theme_id = next(event.theme_ids[0] for event in corpus.events if event.theme_ids)
    return Change({}, [], [theme_id], _label(corpus, theme_id))


def _evidence_of_a_theme(corpus: Corpus) -> Change:
    """Readability of every theme's evidence together; the reader picks the first theme."""
    theme_id = _themes(corpus)[0]
    return Change({}, "", theme_id, _label(corpus, theme_id))


PAGES = (
    PageChange(links.COMPARE, "multiselect", compare_page.THEMES_KEY, "Themes", _add_theme),
    PageChange(links.OVERVIEW, "multiselect", overview_page.THEMES_KEY, "Themes", _restore_theme),
    PageChange(
        links.SOURCE, "multiselect", source_page.DOCUMENTS_KEY, "Documents", _second_document
    ),
    PageChange(
        links.TIMELINE, "multiselect", timeline_page.THEMES_KEY, "Themes", _events_of_a_theme
    ),
    PageChange(
        links.READABILITY,
        "selectbox",
        readability_page.THEME_KEY,
        "Evidence on",
        _evidence_of_a_theme,
    ),
    PageChange(
        links.COVERAGE,
        "button_group",
        coverage_page.MEASURE_KEY,
        "Share of each author's",
        lambda _: Change({}, "sentences", "words", "words"),
    ),
)


class FloorMismatch(AssertionError):
    """A floor did not write what the page wrote: its figure would not be a floor."""


def _ran(test, page: PageChange) -> None:
    if test.exception:
        raise RuntimeError(f"{page.url_path}: {test.exception[0].value}")


def set_widget(test, page: PageChange, value: Any) -> None:
    """Give the page's widget `value` (under AppTest) and rerun."""
    getattr(test, page.widget)(key=page.key).set_value(value).run()
    _ran(test, page)


def _seconds(test, page: PageChange, value: Any) -> float:
    start = time.perf_counter()
    set_widget(test, page, value)
    return time.perf_counter() - start


def page_rerun_figures(
    name: str, root: Path, page: PageChange, runs: int, folder: Path
) -> dict[str, float]:
    """The page's rerun after its filter change, once its first run has done the one-time work,
    and its floor's, which shows what the page showed before and after the change. The two are
    timed in turn, `runs` times each way, so that both meet the same load on a shared machine.
    The floor stays in `folder` as `floor_script(folder)`, for the browser to be timed on."""
    os.environ[DATA_ENV] = str(root)
    change = page.change(load(root))
    app = open_page(APP, page.url_path)
    for parameter, values in change.query.items():
        app.query_params[parameter] = values
    app.run()
    _ran(app, page)
    folder.mkdir(parents=True, exist_ok=True)
    floor = Floor(folder, page.key)
    held, shown = [], []
    for value in (change.before, change.after):  # the floor opens as the page does: before
        set_widget(app, page, value)
        held.append(floor.record(app, page.url_path))
        shown.append(elements(app))
    script = floor.script()
    floor_script(folder).write_text(script, encoding="utf-8")
    static = open_page(script, page.url_path)
    static.run()
    _ran(static, page)
    for value, expected in zip(held, shown, strict=True):
        set_widget(static, page, value)
        if elements(static) != expected:
            raise FloorMismatch(f"the floor of {page.url_path} writes other elements")
    app_times, floor_times = [], []
    for _ in range(runs):
        for value, floor_value in zip((change.before, change.after), held, strict=True):
            app_times.append(_seconds(app, page, value))
            floor_times.append(_seconds(static, page, floor_value))
    where = f"{page.url_path}/{name}"
    return {
        f"rerun_s[{where}]": statistics.median(app_times),
        f"rerun_floor_s[{where}]": statistics.median(floor_times),
    }


def floor_script(folder: Path) -> Path:
    """Where `page_rerun_figures` leaves a page's floor, to be served as the app is."""
    return folder / "floor_app.py"


def empty_script_figure(runs: int) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    empty = AppTest.from_string("", default_timeout=60)
    empty.run()
    return {"rerun_empty_script_s": median_seconds(empty.run, runs)}


# -- 3–5. a real browser against a served app ---------------------------------------------------


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} for {pid}")


#: The page is drawn: no run in progress, nothing faded from an earlier run, no skeleton
#: waiting for a widget's code, and every chart drawn.
DRAWN = (
    '() => !document.querySelector(\'[data-testid="stStatusWidget"], [data-stale="true"], '
    '[data-testid="stSkeleton"]\') && [...document.querySelectorAll('
    "'[data-testid=\"stVegaLiteChart\"]')].every(chart => chart.querySelector('canvas, svg'))"
)
#: Counts the runs that end from now on (the app's root says whether its script is running).
COUNT_RUNS = """() => {
    window.benchRuns = 0;
    const app = document.querySelector('[data-testid="stApp"]');
    new MutationObserver(() => {
        if (app.getAttribute('data-test-script-state') === 'notRunning') window.benchRuns += 1;
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


#: What the page shows while a run has not ended or not been drawn.
STATE = """() => `ended ${window.benchRuns} run(s); script ${document.querySelector(
    '[data-testid="stApp"]').getAttribute('data-test-script-state')}; ${document.querySelectorAll(
    '[data-testid="stStatusWidget"]').length} status, ${document.querySelectorAll(
    '[data-stale="true"]').length} stale, ${document.querySelectorAll(
    '[data-testid="stSkeleton"]').length} skeleton element(s), ${[...document.querySelectorAll(
    '[data-testid="stVegaLiteChart"]')].filter(chart => !chart.querySelector('canvas, svg'))
    .length} chart(s) not drawn`"""


def _address(url: str, page: PageChange, query: dict[str, list[str]]) -> str:
    path = "" if page.url_path == links.DEFAULT else page.url_path
    return f"{url}/{path}" + (f"?{urlencode(query, doseq=True)}" if query else "")


async def _drawn(page) -> None:
    """Wait until the page's content is visible: its footer shows and everything is drawn."""
    await page.get_by_text(FOOTER).first.wait_for(timeout=BROWSER_TIMEOUT_MS)
    await page.wait_for_function(DRAWN, timeout=BROWSER_TIMEOUT_MS)


async def _visible_seconds(
    browser, url: str, page: PageChange, query: dict[str, list[str]] | None = None
) -> float:
    """Seconds from opening the page (at `query`) to its content drawn."""
    return await _opened_seconds(browser, _address(url, page, query or {}))


async def _opened_seconds(browser, address: str) -> float:
    """Seconds from opening `address` in a new tab to its content drawn."""
    tab = await browser.new_page()
    try:
        start = time.perf_counter()
        await tab.goto(address, timeout=BROWSER_TIMEOUT_MS)
        await _drawn(tab)
        return time.perf_counter() - start
    finally:
        await tab.close()


async def empty_page_seconds(runs: int, folder: Path) -> float:
    """Median seconds to open a served script that writes nothing but the footer the pages
    are timed to: the framework's own cost of a page in this browser, on this machine, below
    which no page's content can be drawn."""
    from playwright.async_api import async_playwright

    script = folder / "empty_app.py"
    script.write_text(f"import streamlit as st\n\nst.caption({FOOTER!r})\n", encoding="utf-8")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**launch_options())
        with serve(script=script) as (url, _):
            await _opened_seconds(browser, url + "/")  # the server's first session
            seconds = [await _opened_seconds(browser, url + "/") for _ in range(runs)]
        await browser.close()
    return statistics.median(seconds)


class ChangeLost(RuntimeError):
    """A filter change whose run never ended or was never drawn."""


async def _change_seconds(browser, url: str, page: PageChange, change: Change) -> float:
    """From the click on the option to the page drawn again after the run it starts."""
    from playwright.async_api import TimeoutError

    tab = await browser.new_page()
    await tab.goto(_address(url, page, change.query), timeout=BROWSER_TIMEOUT_MS)
    await _drawn(tab)
    await tab.evaluate(COUNT_RUNS)
    if page.widget == "button_group":
        group = tab.get_by_role("radiogroup", name=page.label)
        option = group.get_by_role("radio", name=change.option, exact=True)
    else:
        await tab.get_by_role("combobox", name=page.label).click()
        await tab.keyboard.type(change.option)  # a long list shows only the options that match
        option = tab.get_by_role("option", name=change.option, exact=True)
    await option.wait_for()
    start = time.perf_counter()
    await option.click()
    try:
        await tab.wait_for_function(
            f"window.benchRuns > 0 && ({DRAWN})()", timeout=CHANGE_TIMEOUT_MS
        )
        return time.perf_counter() - start
    except TimeoutError as error:
        state = await tab.evaluate(STATE)
        raise ChangeLost(f"{page.url_path}: the change to {change.option!r} {state}") from error
    finally:
        await tab.close()


async def _change_retried(browser, url: str, page: PageChange, change: Change) -> float:
    """A change, tried again once (and said so) if its run is lost: on a loaded machine one
    rarely is, and one should not cost the rest of a long run."""
    try:
        return await _change_seconds(browser, url, page, change)
    except ChangeLost as lost:
        print(f"trying again once: {lost}", flush=True)
        return await _change_seconds(browser, url, page, change)


async def browser_figures(
    url: str, name: str, corpus: Corpus, pages: list[PageChange], runs: int, floors: Path
) -> dict[str, float]:
    """On a served app: navigation to Compare's first theme (the first time on a fresh server,
    then warm); each page visited once, then each to its content visible, and its filter
    change to the page drawn again; the same for each page's floor (in `floors`, by URL path),
    served on its own, for what the browser and the framework take for that output. Each
    page's figures are printed as they are measured."""
    from playwright.async_api import TimeoutError, async_playwright

    figures: dict[str, float] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**launch_options())
        first_visible = await _first_theme_seconds(browser, url, runs + 1)
        figures |= report(
            {
                f"browser_cold_first_theme_s[compare/{name}]": first_visible[0],
                f"browser_first_theme_s[compare/{name}]": statistics.median(first_visible[1:]),
            }
        )
        for page in pages:
            with contextlib.suppress(TimeoutError):  # said when the page is measured
                await _visible_seconds(browser, url, page)  # the page's one-time work
        for page in pages:
            where = f"{page.url_path}/{name}"
            change = page.change(corpus)
            measured = await _page_in_browser(browser, url, page, change, runs)
            with serve(script=floor_script(floors / page.url_path)) as (floor_url, _):
                with contextlib.suppress(TimeoutError):  # said when the floor is measured
                    await _visible_seconds(browser, floor_url, page)  # its data read once
                floored = await _page_in_browser(browser, floor_url, page, change, runs)
                if page.url_path == links.DEFAULT and math.isfinite(floored[0]):
                    floor_first = await _first_theme_seconds(browser, floor_url, runs)
                    figures[f"browser_first_theme_floor_s[{where}]"] = statistics.median(
                        floor_first
                    )
            figures |= report(
                {
                    f"browser_page_visible_s[{where}]": measured[0],
                    f"browser_page_visible_floor_s[{where}]": floored[0],
                    f"browser_filter_change_s[{where}]": measured[1],
                    f"browser_filter_change_floor_s[{where}]": floored[1],
                }
            )
        await browser.close()
    return figures


async def _first_theme_seconds(browser, url: str, runs: int) -> list[float]:
    """Seconds from opening the app's address to the default page's first theme heading."""
    seconds = []
    for _ in range(runs):
        tab = await browser.new_page()
        start = time.perf_counter()
        await tab.goto(url + "/", timeout=BROWSER_TIMEOUT_MS)
        await tab.locator(THEME_HEADING).first.wait_for(timeout=BROWSER_TIMEOUT_MS)
        seconds.append(time.perf_counter() - start)
        await _drawn(tab)
        await tab.close()
    return seconds


async def _page_in_browser(
    browser, url: str, page: PageChange, change: Change, runs: int
) -> tuple[float, float]:
    """Median seconds to the page's content visible, opened where its filter change starts (as
    its floor opens), and to its filter change drawn; infinite (a miss, and the run goes on to
    the next page) when one is not drawn in time."""
    from playwright.async_api import TimeoutError

    try:
        visible = [await _visible_seconds(browser, url, page, change.query) for _ in range(runs)]
        changes = [await _change_retried(browser, url, page, change) for _ in range(runs)]
    except (TimeoutError, ChangeLost) as error:
        print(f"{url}/{page.url_path} not drawn in time: {str(error).splitlines()[0]}", flush=True)
        return math.inf, math.inf
    return statistics.median(visible), statistics.median(changes)


async def session_load(
    url: str, name: str, server_pid: int, labels: list[str], sessions: int, at_once: int
) -> dict[str, float]:
    """`sessions` browser sessions, `at_once` at a time; each must show Compare's first page of
    themes, `labels`, within two minutes."""
    from playwright.async_api import TimeoutError, async_playwright

    gate = asyncio.Semaphore(at_once)
    rss_before = rss_mb(server_pid)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**launch_options())

        async def one() -> tuple[float, bool]:
            async with gate:
                context = await browser.new_context()
                page = await context.new_page()
                start = time.perf_counter()
                try:
                    await page.goto(url + "/", timeout=120_000)
                    await page.wait_for_function(
                        f"document.querySelectorAll('{THEME_HEADING}').length === {len(labels)}"
                        f" && document.querySelectorAll('{IDLE}').length === 0",
                        timeout=120_000,
                    )
                except TimeoutError:
                    shown = []
                else:
                    shown = await page.locator(THEME_HEADING).all_inner_texts()
                seconds = time.perf_counter() - start
                await context.close()
                return seconds, [text.strip() for text in shown] == labels

        results = await asyncio.gather(*(one() for _ in range(sessions)))
        await browser.close()
    return {
        f"load_sessions[{name}]": sessions,
        f"load_sessions_at_once[{name}]": at_once,
        f"load_sessions_correct[{name}]": sum(correct for _, correct in results),
        f"load_slowest_session_s[{name}]": max(seconds for seconds, _ in results),
        f"load_server_rss_before_mb[{name}]": rss_before,
        f"load_server_rss_after_mb[{name}]": rss_mb(server_pid),
        f"load_server_rss_growth_mb[{name}]": rss_mb(server_pid) - rss_before,
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


# -- report ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A figure's target: `measure` on `corpus` ("" for any), its value or its ratio to its
    floor compared with `limit`."""

    measure: str
    corpus: str
    judged: str  # "value" or "ratio"
    operator: str
    limit: float

    def describe(self) -> str:
        return f"{'ratio ' if self.judged == 'ratio' else ''}{self.operator} {self.limit:g}"

    def met(self, value: float, ratio: float | None) -> bool:
        judged = value if self.judged == "value" else ratio
        assert judged is not None, self
        return {"<=": judged <= self.limit, "<": judged < self.limit, ">=": judged >= self.limit}[
            self.operator
        ]


TARGETS = (
    Target("rerun_s", "embedded", "ratio", "<=", 1.5),
    Target("rerun_s", "synthetic", "value", "<", 0.5),
    Target("browser_page_visible_s", "synthetic", "value", "<", 2.0),
    Target("browser_filter_change_s", "synthetic", "value", "<", 1.0),
    Target("browser_first_theme_s", "embedded", "value", "<", 2.0),
    Target("load_cold_s", "synthetic", "value", "<", 2.0),
    Target("load_warm_s", "synthetic", "value", "<", 0.2),
    Target("one_time_s", "synthetic", "value", "<", 5.0),
    Target("load_sessions_correct", "", "value", ">=", 20),
    Target("load_server_rss_growth_mb", "", "value", "<", 100),
    Target("server_peak_rss_mb", "synthetic", "value", "<", 500),
    Target("save_s", "embedded", "value", "<", 0.3),
    Target("save_s", "synthetic", "value", "<", 1.5),
    Target("suggest_warm_s", "synthetic", "value", "<", 0.2),
    Target("suggest_recall_at_5", "", "value", ">=", 0.6),
    Target("suggest_recall_at_10", "", "value", ">=", 0.8),
    *(Target(name, "", "value", "<", HOSTILE_TARGET_S) for name, *_ in CASES),
)
#: Figures printed in the row of the figure they are the floor of.
FLOORS = {
    "rerun_s": "rerun_floor_s",
    "browser_first_theme_s": "browser_first_theme_floor_s",
    "browser_page_visible_s": "browser_page_visible_floor_s",
    "browser_filter_change_s": "browser_filter_change_floor_s",
}


@dataclass(frozen=True)
class Row:
    """One line of the final table (and of results.json)."""

    page: str
    corpus: str
    measure: str
    value: float
    floor: float | None
    ratio: float | None
    target: str
    met: bool | None


def split_name(name: str) -> tuple[str, str, str]:
    """A figure's name as (measure, page, corpus): `rerun_s[overview/synthetic]`,
    `load_cold_s[embedded]`; any other name is a measure of its own."""
    measure, bracket, where = name.partition("[")
    page, _, corpus = where.removesuffix("]").rpartition("/")
    if bracket and corpus in CORPORA:
        return measure, page, corpus
    return name, "", ""


def row(name: str, figures: dict[str, float]) -> Row:
    measure, page, corpus = split_name(name)
    value = figures[name]
    floor_name = FLOORS.get(measure)
    floor = figures.get(name.replace(measure, floor_name, 1)) if floor_name else None
    ratio = value / floor if floor else None
    target = next((t for t in TARGETS if t.measure == measure and t.corpus in ("", corpus)), None)
    if target is None:
        return Row(page, corpus, measure, value, floor, ratio, "", None)
    return Row(
        page, corpus, measure, value, floor, ratio, target.describe(), target.met(value, ratio)
    )


def table(figures: dict[str, float]) -> list[Row]:
    """Every figure once: each page's rows first (page by page, corpus by corpus), then the
    others in the order they were measured; a floor sits in the row of what it floors."""
    floors = set(FLOORS.values())
    rows = [row(name, figures) for name in figures if split_name(name)[0] not in floors]
    pages = [page.url_path for page in PAGES]
    by_page = [r for r in rows if r.page in pages]
    by_page.sort(key=lambda r: (pages.index(r.page), CORPORA.index(r.corpus)))
    return by_page + [r for r in rows if r.page not in pages]


def _cell(value: float | None, digits: int) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def format_table(rows: list[Row]) -> str:
    """The table as printed: a figure that misses its target is marked MISSES."""
    width = max(len(r.measure) for r in rows)
    aim = max(len("target"), *(len(r.target) for r in rows))
    lines = [
        f"{'page':<12}{'corpus':<10}{'measure':<{width}}  {'value':>9}  {'floor':>7}  "
        f"{'ratio':>5}  {'target':<{aim}}  met"
    ]
    for r in rows:
        verdict = "" if r.met is None else ("yes" if r.met else "MISSES")
        lines.append(
            f"{r.page:<12}{r.corpus:<10}{r.measure:<{width}}  {r.value:>9.3f}  "
            f"{_cell(r.floor, 3):>7}  {_cell(r.ratio, 2):>5}  {r.target:<{aim}}  {verdict}"
        )
    return "\n".join(lines)


def report(figures: dict[str, float]) -> dict[str, float]:
    """Print figures as they are measured (a long run shows progress), and pass them on."""
    for name in figures:
        r = row(name, figures)
        verdict = "" if r.met is None else ("meets" if r.met else "MISSES") + f" {r.target}"
        print(f"{name:<52}  {figures[name]:>10.3f}  {verdict}", flush=True)
    return figures


def environment() -> dict[str, str]:
    import pandas
    import streamlit

    return {
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "pandas": pandas.__version__,
        "cores": str(os.cpu_count()),
        "machine": platform.machine(),
        "load_average_at_start": " ".join(f"{load:.2f}" for load in os.getloadavg()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and a tenth-size corpus")
    parser.add_argument("--skip-browser", action="store_true", help="leave out sections 3–5")
    parser.add_argument(
        "--pages",
        default=",".join(page.url_path for page in PAGES),
        help="the pages to measure, by URL path",
    )
    parser.add_argument(
        "--corpora", default=",".join(CORPORA), help="the corpora to measure on, by name"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    args = parser.parse_args()
    # Cached functions called outside a page (the warm load) each log a warning to ignore.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(
        logging.ERROR
    )
    pages = [page for page in PAGES if page.url_path in args.pages.split(",")]
    chosen = args.corpora.split(",")
    runs = 3 if args.quick else 7
    figures: dict[str, float] = {}
    setting = environment()
    print(" · ".join(f"{key} {value}" for key, value in setting.items()), flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        floors = Path(scratch) / "floors"
        corpora = {"embedded": EMBEDDED_CORPUS}
        if "synthetic" in chosen:
            size = QUICK_SIZE if args.quick else {}
            corpora["synthetic"] = generate(Path(scratch) / "synthetic", **size)
        corpora = {name: root for name, root in corpora.items() if name in chosen}
        for name, root in corpora.items():
            figures |= report(load_figures(name, root, runs))
            figures |= report(one_time_figure(name, root))
            for page in pages:
                figures |= report(
                    page_rerun_figures(name, root, page, runs, floors / name / page.url_path)
                )
            figures |= report(curation_figures(name, root, Path(scratch), runs))
        figures |= report(empty_script_figure(runs))
        if not args.skip_browser:
            figures |= report(
                {"browser_empty_page_s": asyncio.run(empty_page_seconds(runs, Path(scratch)))}
            )
            for name, root in corpora.items():
                corpus = load(root)
                with serve(root) as (url, server):
                    figures |= asyncio.run(
                        browser_figures(url, name, corpus, pages, runs, floors / name)
                    )
                    if name == "embedded":
                        at_once = 4 if (os.cpu_count() or 1) <= 2 else 20
                        first = paginate(_themes(corpus), 1, compare.THEMES_PER_PAGE).items
                        labels = [_label(corpus, theme_id) for theme_id in first]
                        figures |= report(
                            asyncio.run(session_load(url, name, server.pid, labels, 20, at_once))
                        )
                    else:  # every page has been drawn, with the lexicon's full load
                        figures |= report(
                            {f"server_peak_rss_mb[{name}]": rss_mb(server.pid, "VmHWM")}
                        )
        figures |= report(hostile_figures(Path(scratch), args.quick))
    rows = table(figures)
    setting["load_average_at_end"] = " ".join(f"{load:.2f}" for load in os.getloadavg())
    print()
    print(format_table(rows))
    print(
        f"load average at start {setting['load_average_at_start']}, at end "
        f"{setting['load_average_at_end']}"
    )
    args.out.write_text(
        json.dumps({"environment": setting, "rows": [asdict(r) for r in rows]}, indent=2) + "\n"
    )
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
