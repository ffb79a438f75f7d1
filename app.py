"""Perspectives dashboard: navigation only; each page lives in perspectives/ui."""

import streamlit as st

from perspectives.ui import compare_page, source_page, timeline_page

st.set_page_config(page_title="Perspectives", page_icon="🧭", layout="wide")

PAGES = [
    st.Page(compare_page.render, title="Compare", url_path="compare", default=True),
    st.Page(source_page.render, title="Source reader", url_path="source"),
    st.Page(timeline_page.render, title="Timeline", url_path="timeline"),
]

st.navigation(PAGES).run()
