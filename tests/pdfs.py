"""Small text PDFs written byte by byte, for the tests: one Helvetica line per string, or each
page's own content stream (with Helvetica as /F1 and Courier, whose glyphs are all 600 units
wide, as /F2)."""

from __future__ import annotations


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _content(lines: list[str]) -> bytes:
    """A page's content stream: each line 14 points below the one before."""
    shown = "".join(f"({_escape(line)}) Tj T* " for line in lines)
    return f"BT /F1 11 Tf 14 TL 72 760 Td {shown}ET".encode("latin-1")


def shown(text: str, x: float, y: float, size: float = 11, matrix: str = "1 0 0 1") -> str:
    """Content that shows this text in Helvetica with its baseline starting at (x, y), turned
    by the matrix's first four numbers."""
    return f"BT /F1 {size} Tf {matrix} {x} {y} Tm ({_escape(text)}) Tj ET\n"


def build(pages: list[list[str]], info: dict[str, str] | None = None) -> bytes:
    """A PDF of these pages (each a list of lines; an empty list is a page without text)."""
    return build_streams([_content(lines) if lines else b"" for lines in pages], info)


def build_streams(pages: list[bytes], info: dict[str, str] | None = None) -> bytes:
    """A PDF of pages with these content streams."""
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: page tree, written once pages are known
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")  # 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>")  # 4
    kids = []
    for stream in pages:
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>" % (len(objects))
        )
        kids.append(f"{len(objects)} 0 R")
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    trailer_info = ""
    if info:
        entries = " ".join(f"/{key} ({_escape(value)})" for key, value in info.items())
        objects.append(f"<< {entries} >>".encode("latin-1"))
        trailer_info = f" /Info {len(objects)} 0 R"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{trailer_info} >>\n".encode()
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
