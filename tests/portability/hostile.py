"""Files built to exhaust an importer, made by hand (openpyxl would take minutes to write
most of them): used by test_hostile_files.py and bench/hostile_imports.py."""

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator

MB = 1024 * 1024
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


# Zips written by hand: each member's declared size may lie ------------------------------


def raw_zip(members: Iterable[tuple[str, Iterable[bytes], int | None]]) -> bytes:
    """A zip of deflated members, each given as (name, its bytes in pieces, the size its
    headers declare — None for the true size). The checksum is the true one."""
    out = io.BytesIO()
    directory = []
    for name, pieces, declared in members:
        deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        packed = io.BytesIO()
        crc = size = 0
        for piece in pieces:
            crc = zlib.crc32(piece, crc)
            size += len(piece)
            packed.write(deflate.compress(piece))
        packed.write(deflate.flush())
        data = packed.getvalue()
        said = size if declared is None else declared
        encoded = name.encode()
        offset = out.tell()
        out.write(
            struct.pack(
                "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), said, len(encoded), 0
            )
        )
        out.write(encoded)
        out.write(data)
        directory.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(data),
                said,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = out.tell()
    for entry in directory:
        out.write(entry)
    size = out.tell() - start
    out.write(
        struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(directory), len(directory), size, start, 0)
    )
    return out.getvalue()


def repeated(piece: bytes, total: int) -> Iterator[bytes]:
    block = piece * max(1, MB // len(piece))
    left = total
    while left > 0:
        yield block[:left]
        left -= len(block)


def lying_loop_zip(unpacked: int = 30 * MB) -> bytes:
    """A Loop Habit Tracker export whose habit file unpacks to ``unpacked`` bytes while
    the zip's directory says it holds 1 KB."""
    return raw_zip(
        [
            ("Habits.csv", [b"Position,Name,Type\n001,Huge,YES_NO\n"], None),
            (
                "001 Huge/Checkmarks.csv",
                [b"Date,Value\n", *repeated(b"0", unpacked - 11)],
                1024,
            ),
        ]
    )


# XLSX written as raw XML -----------------------------------------------------------------


def xlsx(sheet: Iterable[bytes], strings: Iterable[bytes] | None = None, extra=()) -> bytes:
    """A minimal workbook: one sheet (its XML in pieces), shared strings if given, and any
    extra (name, bytes) parts."""
    overrides = f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SHEET_TYPE}"/>'
    if strings is not None:
        overrides += f'<Override PartName="/xl/sharedStrings.xml" ContentType="{STRINGS_TYPE}"/>'
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{overrides}</Types>"
    )
    root_rels = (
        f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    workbook = (
        f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
        '<sheet name="Asks" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    workbook_rels = (
        f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
        f'Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", root_rels)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            for piece in sheet:
                part.write(piece)
        if strings is not None:
            with archive.open("xl/sharedStrings.xml", "w") as part:
                for piece in strings:
                    part.write(piece)
        for name, data in extra:
            archive.writestr(name, data)
    return out.getvalue()


def _sheet(rows: Iterable[bytes], before: bytes = b"", after: bytes = b"") -> Iterator[bytes]:
    yield f'<worksheet xmlns="{MAIN}">'.encode() + before + b"<sheetData>"
    yield from rows
    yield b"</sheetData>" + after + b"</worksheet>"


HEADER_ROW = b'<row r="1"><c r="A1" t="inlineStr"><is><t>Request</t></is></c></row>'


def wide_row_xlsx(cells: int = 3_000_000) -> bytes:
    """One row of ``cells`` cells, under a header naming the request column."""

    def row() -> Iterator[bytes]:
        yield HEADER_ROW + b'<row r="2">'
        yield from repeated(b"<c><v>1</v></c>", cells * 15)
        yield b"</row>"

    return xlsx(_sheet(row()))


def huge_strings_xlsx(unpacked: int = 400 * MB) -> bytes:
    """Shared strings that unpack to ``unpacked`` bytes of one text, said again and again."""
    one = b"<si><t>" + b"Ask for a discount at the corner bookshop. " * 20 + b"</t></si>"

    def strings() -> Iterator[bytes]:
        yield f'<sst xmlns="{MAIN}">'.encode()
        yield from repeated(one, unpacked)
        yield b"</sst>"

    sheet = _sheet([HEADER_ROW, b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'])
    return xlsx(sheet, strings())


def many_rows_xlsx(rows: int = 1_000_000) -> bytes:
    def all_rows() -> Iterator[bytes]:
        yield HEADER_ROW
        yield from repeated(b'<row><c t="inlineStr"><is><t>Ask</t></is></c></row>', rows * 52)

    return xlsx(_sheet(all_rows()))


def far_row_xlsx() -> bytes:
    """A sheet that states a size of 16,384 columns by 1,048,576 rows and writes its last
    row there: openpyxl pads every row to the stated width and fills the gap."""
    dimension = b'<dimension ref="A1:XFD1048576"/>'
    rows = [HEADER_ROW, b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>']
    return xlsx(_sheet(rows, before=dimension))


def far_column_xlsx() -> bytes:
    """One cell in the last column Excel has: openpyxl pads its row to 16,384 values."""
    return xlsx(_sheet([HEADER_ROW, b'<row r="2"><c r="XFD2"><v>1</v></c></row>']))


def stated_size_xlsx(rows: int = 50_000) -> bytes:
    """Modest rows under a stated size of 16,384 columns (openpyxl pads every row to it)."""
    dimension = f'<dimension ref="A1:XFD{rows + 1}"/>'.encode()
    body = (b'<row><c t="inlineStr"><is><t>Ask</t></is></c></row>' for _ in range(rows))
    return xlsx(_sheet([HEADER_ROW, *body], before=dimension))


def merge_flood_xlsx(merges: int = 1_000_000) -> bytes:
    """Few cells, and a million merged ranges (openpyxl keeps them all as one tree)."""

    def after() -> Iterator[bytes]:
        yield b"<mergeCells>"
        yield from repeated(b'<mergeCell ref="A1:B2"/>', merges * 24)
        yield b"</mergeCells>"

    def parts() -> Iterator[bytes]:
        yield f'<worksheet xmlns="{MAIN}"><sheetData>'.encode() + HEADER_ROW + b"</sheetData>"
        yield from after()
        yield b"</worksheet>"

    return xlsx(parts())


def huge_attribute_xlsx(size: int = 200 * MB) -> bytes:
    """One cell whose attribute is ``size`` bytes long: expat holds a whole tag."""

    def row() -> Iterator[bytes]:
        yield HEADER_ROW + b'<row r="2"><c r="A2" junk="'
        yield from repeated(b"x", size)
        yield b'"><v>1</v></c></row>'

    return xlsx(_sheet(row()))


def many_members_zip(members: int = 100_000) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for n in range(members):
            archive.writestr(f"{n}", b"")
    return out.getvalue()


def numbers_loop_zip(value: str = "1000000000000000") -> bytes:
    """A Loop export whose number habit counts a quadrillion asks on one day."""
    habits = b"Position,Name,Type\n001,Bold asks,NUMERICAL\n"
    checkmarks = f"Date,Value,Notes\n2026-11-03,{value},\n".encode()
    return raw_zip(
        [("Habits.csv", [habits], None), ("001 Bold asks/Checkmarks.csv", [checkmarks], None)]
    )


def one_cell_csv(size: int = 10 * MB) -> bytes:
    return b"Request\n" + b"x" * (size - 8)


def many_lines_csv(size: int = 10 * MB) -> bytes:
    return b"Request\n" + b"Ask\n" * ((size - 8) // 4)


def many_fields_csv(fields: int = 800_000) -> bytes:
    """A row of short, different fields, short enough as a line to reach the csv reader."""
    row = ",".join(f"{n % 1000:03}" for n in range(fields))
    return b"Request\n" + row.encode() + b"\n"
