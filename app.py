"""Perspectives dashboard: navigation only; each page lives in perspectives/ui."""

import streamlit as st

from perspectives.ui import compare_page, overview_page

st.set_page_config(page_title="Perspectives", page_icon="🧭", layout="wide")

PAGES = [
    st.Page(compare_page.render, title="Compare", url_path="compare", default=True),
    st.Page(overview_page.render, title="Overview", url_path="overview"),
]

st.navigation(PAGES).run()
