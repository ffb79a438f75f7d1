"""Perspectives dashboard: the frame every page shares, around the page the reader opened."""

import pyarrow
import streamlit as st

from perspectives.ui import frame, pages

# Every table and chart goes to the browser through Arrow, whose own allocator keeps what it
# frees for later: the server would stay as large as the largest page ever made it.
pyarrow.set_memory_pool(pyarrow.system_memory_pool())
st.set_page_config(page_title="Perspectives", page_icon="🧭", layout="wide")

frame.style()
frame.reload_control()
loaded = frame.load_corpus()
served = pages.served(frame.curating())
page = st.navigation([spec.page(loaded.corpus, loaded.problems) for spec in served])
shown = pages.spec(page.url_path)
frame.heading(shown.heading, loaded.corpus)
if loaded.corpus is not None:
    page.run()
    frame.footer(loaded.corpus)
elif shown.repair is not None:  # Curate lists the errors and fixes them
    page.run()
else:
    frame.error_panel(loaded.problems)
