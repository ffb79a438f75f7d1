"""Writing a CSV file back changes only the rows that changed, in the file's own style."""

from __future__ import annotations

import csv
import io

import pytest

from perspectives import csvtable
from perspectives.csvtable import Table, Unreadable, records

STYLES = {
    "lf": b'id,label\na,Alpha\nb,"Beta, with comma"\n',
    "crlf": b'id,label\r\na,Alpha\r\nb,"Beta, with comma"\r\n',
    "bom": b'\xef\xbb\xbfid,label\r\na,Alpha\r\nb,"Beta, with comma"\r\n',
    "quote-all": b'"id","label"\n"a","Alpha"\n"b","Beta, with comma"\n',
    "no-final-newline": b'id,label\na,Alpha\nb,"Beta, with comma"',
    "line-break-in-cell": b'id,label\na,"two\r\nlines"\nb,"Beta, with comma"\n',
    "blank-line": b'id,label\na,Alpha\n\nb,"Beta, with comma"\n',
    "short-row": b'id,label,note\na,Alpha\nb,"Beta, with comma",x\n',
    "mixed-endings": b'id,label\r\na,Alpha\nb,"Beta, with comma"\r\n',
    "odd-quoting": b'id,label\n"a",Alpha\nb,"Beta, with comma"\n',
    "unicode-line-separator": 'id,label\na,Al\u2028pha\x0c\nb,"Beta, with comma"\n'.encode(),
}


def cells(data: bytes) -> list[list[str]]:
    """The rows as csv.reader reads the whole text."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("data", STYLES.values(), ids=STYLES.keys())
def test_the_loader_and_an_edit_split_a_table_into_the_same_records(data):
    table = Table.parse(data)
    read = [list(record.cells) for record in (table.head, *table.records)]
    assert read == records(data.decode("utf-8-sig")) == cells(data)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param('id,label\na,"open\nb,Beta\n', (2, 2, 3), id="quote-left-open"),
        pytest.param('id,label\na,"x"y\nb,c\n', (2, 2, 2), id="text-after-closing-quote"),
        pytest.param('id,label\r\na,b\r\nc,"d\r\n\r\ne"f\r\n', (3, 3, 5), id="runs-on"),
    ],
)
def test_a_record_read_strictly_says_where_it_cannot_be_read(text, where):
    with pytest.raises(Unreadable) as raised:
        records(text)
    assert (raised.value.row, raised.value.first_line, raised.value.last_line) == where
    assert Table.parse(text.encode()).to_bytes() == text.encode()  # an edit keeps it as it is


@pytest.mark.parametrize("data", STYLES.values(), ids=STYLES.keys())
def test_an_untouched_table_is_written_back_byte_for_byte(data):
    assert Table.parse(data).to_bytes() == data


@pytest.mark.parametrize("data", STYLES.values(), ids=STYLES.keys())
def test_changing_a_cell_rewrites_that_row_only(data):
    table = Table.parse(data)
    (index,) = table.find({"id": "b"})
    written = table.updated(index, {"label": 'Beta "quoted"'}).to_bytes()
    before, after = data.decode("utf-8-sig"), written.decode("utf-8-sig")
    changed_from = before.index("b,") if "b," in before else before.index('"b"')
    assert after[:changed_from] == before[:changed_from], "rows before it are untouched"
    assert written.startswith(b"\xef\xbb\xbf") == data.startswith(b"\xef\xbb\xbf")
    assert after.endswith(("\n", '"')) == before.endswith(("\n", '"'))
    assert cells(written)[-1][:2] == ["b", 'Beta "quoted"']
    assert [row for row in cells(written) if row and row[0] != "b"] == [
        row for row in cells(data) if row and row[0] != "b"
    ]


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("lf", b'c,"Gamma, new"\n'),
        ("crlf", b'c,"Gamma, new"\r\n'),
        ("bom", b'c,"Gamma, new"\r\n'),
        ("quote-all", b'"c","Gamma, new"\n'),
        ("mixed-endings", b'c,"Gamma, new"\r\n'),
    ],
)
def test_an_appended_row_takes_the_files_quoting_and_line_ending(name, line):
    data = STYLES[name]
    written = Table.parse(data).appended({"id": "c", "label": "Gamma, new"}).to_bytes()
    assert written == data + line


def test_a_row_appended_to_a_file_without_final_newline_keeps_the_file_so():
    data = STYLES["no-final-newline"]
    written = Table.parse(data).appended({"id": "c", "label": "Gamma"}).to_bytes()
    assert written == data + b"\nc,Gamma"


def test_removing_a_row_leaves_the_others_as_they_were():
    data = STYLES["crlf"]
    table = Table.parse(data)
    assert table.without(table.find({"id": "a"})).to_bytes() == (
        b'id,label\r\nb,"Beta, with comma"\r\n'
    )


def test_a_new_column_changes_the_header_only():
    data = STYLES["crlf"]
    written = Table.parse(data).appended({"id": "c", "label": "Gamma", "note": "n"}).to_bytes()
    assert written == b'id,label,note\r\na,Alpha\r\nb,"Beta, with comma"\r\nc,Gamma,n\r\n'


def test_rows_read_by_column_are_trimmed_and_padded():
    table = Table.parse(STYLES["short-row"])
    assert table.rows() == [
        {"id": "a", "label": "Alpha", "note": ""},
        {"id": "b", "label": "Beta, with comma", "note": "x"},
    ]


def test_an_update_that_changes_nothing_returns_the_same_table():
    table = Table.parse(STYLES["odd-quoting"])
    assert table.updated(0, {"label": "Alpha"}) is table


def test_a_cell_over_the_limit_is_refused_whatever_limit_another_library_set():
    before = csv.field_size_limit(10 * csvtable.CELL_LIMIT)  # as frictionless does on import
    try:
        with pytest.raises(csvtable.Unreadable) as refused:
            csvtable.records("a,b\n1,2\n" + "x" * (csvtable.CELL_LIMIT + 1) + ",3\n")
        assert (refused.value.row, refused.value.error) == (3, csvtable.TOO_LONG)
        assert csvtable.records("a\n" + "x" * csvtable.CELL_LIMIT + "\n")[1][0].startswith("x")
    finally:
        csv.field_size_limit(before)
