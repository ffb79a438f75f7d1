"""Pages of a long list: clamped to the pages there are, and described in words."""

from perspectives import paging


def test_pages_of_themes_are_clamped_and_described():
    ids = tuple(f"t{n}" for n in range(23))
    first = paging.paginate(ids, 1, per_page=10)
    assert (first.items, first.count, first.describe("Themes")) == (
        ids[:10],
        3,
        "Themes 1–10 of 23 (page 1 of 3).",
    )
    last = paging.paginate(ids, 99, per_page=10)
    assert (last.number, last.items) == (3, ids[20:])
    assert last.describe("Themes") == "Themes 21–23 of 23 (page 3 of 3)."
    assert paging.paginate(ids[:4], 0, per_page=10).describe("Themes") == ""
    assert paging.paginate((), 2, per_page=10).items == ()
