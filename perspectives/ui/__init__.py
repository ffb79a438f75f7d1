"""Streamlit pages: layout and widgets only; everything they show is computed in the core."""
