"""Perspectives dashboard: navigation only; each page lives in perspectives/ui."""

import streamlit as st

from perspectives.ui import compare_page, coverage_page, readability_page

st.set_page_config(page_title="Perspectives", page_icon="🧭", layout="wide")

PAGES = [
    st.Page(compare_page.render, title="Compare", url_path="compare", default=True),
    st.Page(readability_page.render, title="Readability", url_path="readability"),
    st.Page(coverage_page.render, title="Theme coverage", url_path="coverage"),
]

st.navigation(PAGES).run()
