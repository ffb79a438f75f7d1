// The Curate page's text, in which the curator selects a span with the mouse (or, where the
// browser gives the text a caret, with shift and the arrow keys). When the selection settles, its
// span goes back to Python as the state value "selection": the document's id, the version of its
// text, and the span's start and end as offsets in the text, counted in code points as Python
// counts a string (a JavaScript string counts UTF-16 units, two for an emoji).
//
// The HTML shown is built and escaped in Python (text_selection.marked_html): every run of the
// document's text is an element whose data-start is where the run begins in the text, and whose
// one text node holds exactly the text's characters there. An offset is that data-start plus the
// code points before the selection's edge in the node, whatever the browser shows of whitespace.
// A selection that begins or ends outside the runs (above the text, in a label) is clamped to
// the runs it covers; Python checks the span against the document and refuses what is not the
// author's.

const SETTLE_MS = 300;
const mounted = new WeakMap();

function codePoints(text) {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

function runStart(run) {
  return Number(run.dataset.start);
}

function runEnd(run) {
  return runStart(run) + codePoints(run.textContent);
}

// The offset in the document of a boundary point of the selection in this run; `otherwise`
// when the point lies outside it.
function offsetAt(run, container, offset, otherwise) {
  if (container === run.firstChild) {
    return runStart(run) + codePoints(container.data.slice(0, offset));
  }
  if (container === run) {
    return offset === 0 ? runStart(run) : runEnd(run);
  }
  return otherwise;
}

// The span of the document a range covers, clamped to the runs in it; null when it covers none.
function spanOf(view, range) {
  const runs = Array.from(view.querySelectorAll("[data-start]")).filter((run) =>
    range.intersectsNode(run),
  );
  if (runs.length === 0) {
    return null;
  }
  const first = runs[0];
  const last = runs[runs.length - 1];
  const start = offsetAt(first, range.startContainer, range.startOffset, runStart(first));
  const end = offsetAt(last, range.endContainer, range.endOffset, runEnd(last));
  return end > start ? [start, end] : null;
}

// Send the selection, when it touches the text and differs from what was last sent; a click in
// the text (a collapsed selection) clears it.
function report(state) {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0) {
    return;
  }
  const range = selection.getRangeAt(0);
  if (!range.intersectsNode(state.view)) {
    return;
  }
  const span = range.collapsed ? null : spanOf(state.view, range);
  const value = span && {
    document: state.data.document,
    version: state.data.version,
    start: span[0],
    end: span[1],
  };
  const sent = JSON.stringify(value);
  if (sent !== state.sent) {
    state.sent = sent;
    state.setStateValue("selection", value);
  }
}

function mount(parentElement) {
  const view = document.createElement("div");
  view.className = "perspectives-select";
  parentElement.appendChild(view);
  const state = { view, data: null, html: null, sent: undefined, timer: 0, pressed: false };
  const settle = (delay) => {
    clearTimeout(state.timer);
    state.timer = setTimeout(() => report(state), delay);
  };
  // A drag reports once, when the mouse is released (wherever that is); a selection made
  // otherwise (the keyboard, a script) once it has not changed for SETTLE_MS.
  const pressed = () => {
    state.pressed = true;
  };
  const released = () => {
    if (state.pressed) {
      state.pressed = false;
      settle(0);
    }
  };
  const changed = () => {
    if (!state.pressed) {
      settle(SETTLE_MS);
    }
  };
  const listeners = [
    [view, "mousedown", pressed],
    [document, "mouseup", released],
    [view, "keyup", () => settle(0)],
    [document, "selectionchange", changed],
  ];
  for (const [target, type, listener] of listeners) {
    target.addEventListener(type, listener);
  }
  state.cleanup = () => {
    clearTimeout(state.timer);
    for (const [target, type, listener] of listeners) {
      target.removeEventListener(type, listener);
    }
    mounted.delete(parentElement);
  };
  return state;
}

// Streamlit calls this on every run of the page: the text is replaced only when its HTML
// changes (a quote added, another page of it), so a selection survives the runs it causes.
export default function ({ parentElement, data, setStateValue }) {
  const state = mounted.get(parentElement) ?? mount(parentElement);
  mounted.set(parentElement, state);
  state.data = data;
  state.setStateValue = setStateValue;
  if (state.html !== data.html) {
    state.view.innerHTML = data.html; // escaped in Python: text_selection.marked_html
    state.html = data.html;
    state.sent = undefined;
  }
  return state.cleanup;
}
