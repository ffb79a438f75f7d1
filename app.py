"""Perspectives dashboard: navigation only; each page lives in perspectives/ui."""

import streamlit as st

from perspectives.ui import (
    compare_page,
    coverage_page,
    overview_page,
    readability_page,
    source_page,
    timeline_page,
)

st.set_page_config(page_title="Perspectives", page_icon="🧭", layout="wide")

PAGES = [
    st.Page(compare_page.render, title="Compare", url_path="compare", default=True),
    st.Page(overview_page.render, title="Overview", url_path="overview"),
    st.Page(source_page.render, title="Source reader", url_path="source"),
    st.Page(timeline_page.render, title="Timeline", url_path="timeline"),
    st.Page(readability_page.render, title="Readability", url_path="readability"),
    st.Page(coverage_page.render, title="Theme coverage", url_path="coverage"),
]

st.navigation(PAGES).run()
