"""The two private Streamlit APIs the app and its tests rely on, each used by one function of
ours: these fail, saying which and what to do, when a Streamlit release changes one of them.
pyproject.toml bounds Streamlit at the newest minor release they passed on."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit
from streamlit.elements import vega_charts
from streamlit.testing.v1 import AppTest

from bench.floor import at_page
from perspectives.ui import widgets

CHANGED = (
    f"Streamlit {streamlit.__version__} changed a private API that {{ours}} uses: follow what "
    "Streamlit now does there, or keep Streamlit below this release in pyproject.toml."
)


def test_a_kept_chart_is_specified_as_st_altair_chart_specifies_it():
    convert = getattr(vega_charts, "_convert_altair_to_vega_lite_spec", None)
    assert callable(convert), CHANGED.format(ours="widgets.vega_lite_spec")

    def script() -> None:
        import altair as alt
        import pandas as pd
        import streamlit as st

        from perspectives.ui import widgets

        data = pd.DataFrame({"perspective": ["India", "Russia"], "words": [1271, 2040]})
        figure = alt.Chart(data).mark_bar().encode(x="perspective:N", y="words:Q")
        st.altair_chart(figure, width="stretch")
        st.vega_lite_chart(widgets.vega_lite_spec(figure), width="stretch")

    at = AppTest.from_function(script).run()
    assert not at.exception
    sent, ours = at.get("vega_lite_chart")
    assert ours.proto == sent.proto, CHANGED.format(ours="widgets.vega_lite_spec")
    data = pd.DataFrame({"words": [1]})
    spec = widgets.vega_lite_spec(alt.Chart(data).mark_bar().encode(y="words:Q"))
    assert isinstance(spec, dict) and spec["mark"] == {"type": "bar"}


def test_a_test_opens_a_page_by_the_hash_of_its_url_path():
    assert "_page_hash" in vars(AppTest.from_string("")), CHANGED.format(ours="bench.floor.at_page")

    def script() -> None:
        import streamlit as st

        pages = [
            st.Page(lambda: st.markdown("the first page"), title="First", url_path="first"),
            st.Page(lambda: st.markdown("the second page"), title="Second", url_path="second"),
        ]
        st.navigation(pages).run()

    assert AppTest.from_function(script).run().markdown[0].value == "the first page"
    at = at_page(AppTest.from_function(script), "second").run()
    assert not at.exception
    assert [m.value for m in at.markdown] == ["the second page"], CHANGED.format(
        ours="bench.floor.at_page"
    )
