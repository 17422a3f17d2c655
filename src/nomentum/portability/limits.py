"""Reading files people upload (CSV, XLSX, Loop zips) within bounds of time and memory.

Nothing a file says about itself is trusted. A zip member's bytes are counted as they
unpack, and a member whose real size or checksum differs from what the zip's directory
declares is refused, so that openpyxl, which reads some members whole, never meets one
larger than we counted. Every part of an XLSX is then read once by expat before openpyxl
opens the workbook, counting what openpyxl would hold in memory or spend time on (rows,
cells, elements, text); a file over any cap is refused before openpyxl parses anything.

The caps are data, here. Each lets through a file in our own export layout with
``MAX_ROWS`` rows (20 columns, a few hundred characters a row), and stops what is built
to be expensive.
"""

import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from xml.parsers import expat

MB = 1024 * 1024

MAX_BYTES = 10 * MB  # the upload itself
TOO_BIG = "The file is larger than 10 MB; split it into smaller files."
MAX_ROWS = 100_000  # rows below the header
MAX_COLUMNS = 100  # cells in one row, and the last column a cell may sit in (CV)
MAX_CELL_TEXT = 32_767  # characters in one cell: as many as Excel itself holds
MAX_MEMBERS = 1_000  # files inside a zip (an XLSX is a zip too)

# An XLSX, all sheets and parts together. Our export of 100,000 asks holds 2,000,000
# cells and up to 5,900,000 elements in its rows (59 a row, every field filled); with a few
# hundred characters an ask it unpacks to ~110 MB and holds ~25,000,000 characters.
XLSX_UNPACKED = 250 * MB
MAX_CELLS = 2_500_000  # MAX_ROWS rows of 25 columns
ROW_ELEMENTS_ALL = 6_000_000  # elements inside rows and shared strings
TEXT_ALL = 64_000_000  # characters of the cells' values (what stays in memory)
SHARED_STRINGS_BYTES = 40 * MB  # the part holding the shared strings, unpacked
MAX_STRINGS = 1_000_000  # MAX_ROWS rows of 10 different texts
# openpyxl lets go of each row (and each shared string) once read, but keeps the rest
# of a part in memory until the part is done, so the rest gets small caps.
ROW_ELEMENTS = 2_000  # elements inside one row or one shared string (cells, runs)
ROW_BYTES = 4 * MB  # one row or shared string, as written (a character takes a byte or more)
OTHER_ELEMENTS = 50_000  # elements of one part outside rows and shared strings
OTHER_ELEMENTS_ALL = 200_000  # … of all parts together
OTHER_BYTES = 8 * MB  # one part outside rows and shared strings, as written
TOKEN_BYTES = MB  # one tag or stretch of text: expat holds each whole
SMALL_PART = 4 * MB  # a part that says what the others are (manifest, workbook, links)

CHUNK = 64 * 1024

SPLIT = "split it into smaller files, or save it as CSV with just the columns you log"
ROWS = f"More than {MAX_ROWS:,} rows; split the file."
OTHER = (
    "This spreadsheet holds more formatting, links or other things besides its cells than "
    "we read; copy just the cells into a new sheet, or save it as CSV."
)
TEXT = f"This spreadsheet holds more text than we import at once; {SPLIT}."
NOT_XLSX = "This doesn't read as an Excel (.xlsx) file. Save it again as .xlsx or CSV."
DAMAGED = "This zip is damaged; make it again and choose the new file."


class Refused(Exception):
    """The file is larger, or built to cost more, than we read; the message says which,
    for a person."""


class TooLarge(Refused):
    pass


class Damaged(Refused):
    pass


# Zips -------------------------------------------------------------------------------


def open_zip(content: bytes, max_members: int = MAX_MEMBERS) -> zipfile.ZipFile:
    # zipfile makes an object of every entry in the zip's directory before we could count
    # them; every entry starts with this signature, so counting it first is a safe bound.
    if content.count(b"PK\x01\x02") > max_members:
        raise TooLarge(f"This file packs more than {max_members:,} files; {SPLIT}.")
    try:
        return zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise Damaged(DAMAGED) from None


_LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # signature … name length, extra field length


def _compressed(content: bytes, info: zipfile.ZipInfo) -> memoryview:
    at = info.header_offset
    header = content[at : at + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise Damaged(DAMAGED)
    *_, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    start = at + _LOCAL_HEADER.size + name_length + extra_length
    if start + info.compress_size > len(content):
        raise Damaged(DAMAGED)
    return memoryview(content)[start : start + info.compress_size]


def unpack(
    content: bytes, info: zipfile.ZipInfo, limit: int, too_large: str = ""
) -> Iterator[bytes]:
    """A member's bytes as they unpack, ``CHUNK`` at most at a time. Raises ``TooLarge``
    (with ``too_large`` as the message) as soon as more than ``limit`` bytes came out,
    and ``Damaged`` when what came out is not the size and checksum the zip declares."""
    if info.flag_bits & 0x1:
        raise Damaged("This zip is password-protected; save it again without a password.")
    raw = _compressed(content, info)
    inflating = None
    if info.compress_type == zipfile.ZIP_DEFLATED:
        inflating = zlib.decompressobj(-zlib.MAX_WBITS)
        pieces = _inflate(inflating, raw)
    elif info.compress_type == zipfile.ZIP_STORED:
        pieces = (bytes(raw[at : at + CHUNK]) for at in range(0, len(raw), CHUNK))
    else:
        raise Damaged("This zip uses a kind of compression we don't read; make it again.")
    total = crc = 0
    for piece in pieces:
        total += len(piece)
        if total > limit:
            raise TooLarge(too_large or f"This file unpacks to more than we read; {SPLIT}.")
        crc = zlib.crc32(piece, crc)
        yield piece
    ended = inflating is None or inflating.eof
    if not ended or total != info.file_size or crc != info.CRC:
        raise Damaged("This zip is damaged: a file in it is not what the zip says it is.")


def _inflate(inflating: "zlib._Decompress", raw: memoryview) -> Iterator[bytes]:
    at = 0
    while not inflating.eof:
        if inflating.unconsumed_tail:
            data: bytes | memoryview = inflating.unconsumed_tail
        elif at < len(raw):
            data, at = raw[at : at + CHUNK], at + CHUNK
        else:
            return  # the input ended before the stream did: unpack says it is damaged
        try:
            # max_length bounds what one call puts out, however well the input packs.
            piece = inflating.decompress(data, CHUNK)
        except zlib.error:
            raise Damaged(DAMAGED) from None
        if piece:
            yield piece


def read(content: bytes, info: zipfile.ZipInfo, limit: int, too_large: str = "") -> bytes:
    return b"".join(unpack(content, info, limit, too_large))


# XLSX -------------------------------------------------------------------------------


def check_xlsx(content: bytes) -> None:
    """Refuse an XLSX over any cap, before openpyxl reads any of it: every part is
    unpacked and counted, and every part that is XML is scanned by the rules of how
    openpyxl will read it (a worksheet row by row, the shared strings string by string,
    anything else whole)."""
    archive = open_zip(content)
    budget = _Budget()
    sheets, strings = _roles(content, archive, budget)
    for info in archive.infolist():
        if info.filename in sheets:
            budget.scan(content, info, _Scan(budget, "row"))
        elif info.filename == strings:
            budget.scan(content, info, _Scan(budget, "si"), SHARED_STRINGS_BYTES)
        elif id(info) not in budget.done:
            budget.scan(content, info, _Scan(budget))


@dataclass
class _Budget:
    """What the parts of one XLSX add up to."""

    unpacked: int = 0
    cells: int = 0
    elements: int = 0  # inside rows and shared strings
    text: int = 0  # of rows' own attributes (openpyxl keeps them)
    other: int = 0  # elements outside rows and shared strings

    def __post_init__(self) -> None:
        self.done: set[int] = set()

    def scan(
        self, content: bytes, info: zipfile.ZipInfo, scan: "_Scan", limit: int = 0
    ) -> bytes | None:
        """Unpack and scan one part; its bytes if it is small enough to keep, else None."""
        kept: list[bytes] = []
        part = 0
        too_large = f"This spreadsheet unpacks to more than {XLSX_UNPACKED // MB} MB; {SPLIT}."
        for piece in unpack(content, info, XLSX_UNPACKED - self.unpacked, too_large):
            self.unpacked += len(piece)
            part += len(piece)
            if limit and part > limit:
                raise TooLarge(
                    f"This spreadsheet holds more than {limit // MB} MB of text; {SPLIT}."
                )
            if part <= SMALL_PART:
                kept.append(piece)
            scan.feed(piece)
        scan.close()
        self.done.add(id(info))
        return b"".join(kept) if part <= SMALL_PART else None


def _roles(content: bytes, archive: zipfile.ZipFile, budget: _Budget) -> tuple[set[str], str]:
    """The parts openpyxl reads row by row as worksheets, and the one it reads string by
    string as the shared strings, found with openpyxl's own readers from the parts that
    name them (each of those checked as a part read whole, first). A part also read whole
    some other way gets no role: it is checked as read whole."""
    from openpyxl.packaging.manifest import Manifest
    from openpyxl.packaging.relationship import RelationshipList
    from openpyxl.packaging.workbook import WorkbookPackage
    from openpyxl.xml.constants import (
        ARC_CONTENT_TYPES,
        ARC_CORE,
        ARC_CUSTOM,
        ARC_STYLE,
        ARC_WORKBOOK,
        SHARED_STRINGS,
        XLSM,
        XLSX,
        XLTM,
        XLTX,
    )
    from openpyxl.xml.functions import fromstring

    names = set(archive.namelist())

    def whole(name: str) -> bytes:
        info = archive.getinfo(name)
        data = budget.scan(content, info, _Scan(budget))
        if data is None:
            raise TooLarge(OTHER)
        return data

    try:
        manifest = Manifest.from_tree(fromstring(whole(ARC_CONTENT_TYPES)))
        # The workbook part, found as openpyxl's reader finds it.
        types = (XLTM, XLTX, XLSM, XLSX)
        found = next((p for t in types if (p := manifest.find(t))), None)
        if found is not None:
            workbook = found.PartName[1:]
        elif {d.ContentType for d in manifest.Default} & set(types):
            workbook = ARC_WORKBOOK
        else:
            raise Damaged(NOT_XLSX)
        package = WorkbookPackage.from_tree(fromstring(whole(workbook)))
    except Refused:
        raise
    except Exception:  # what openpyxl can't read, it refuses too
        raise Damaged(NOT_XLSX) from None
    links: dict[str, RelationshipList] = {}
    for name in sorted(n for n in names if n.endswith(".rels")):
        data = whole(name)
        try:
            links[name] = RelationshipList.from_tree(fromstring(data))
        except Exception:  # openpyxl can't follow these links either
            links[name] = RelationshipList()
    shared = manifest.find(SHARED_STRINGS)
    strings = shared.PartName[1:] if shared is not None else ""

    folder, base = posixpath.split(workbook)
    own = links.get(posixpath.join(folder, "_rels", f"{base}.rels"), RelationshipList())
    by_id = {link.Id: link for link in own}
    sheet_links = {by_id[s.id].Id for s in package.sheets if s.id in by_id}
    sheets = set()
    read_whole = {ARC_CONTENT_TYPES, ARC_CORE, ARC_CUSTOM, ARC_STYLE, workbook, *links}
    for name, found_links in links.items():
        for link in found_links:
            target = _target(name, link.Target)
            if found_links is own and link.Id in sheet_links and "chartsheet" not in link.Type:
                sheets.add(target)
            else:
                read_whole.add(target)
    return sheets - read_whole - {strings}, "" if strings in read_whole | sheets else strings


def _target(rels: str, target: str) -> str:
    # As openpyxl's get_dependents finds a relationship's part.
    if target.startswith("/"):
        return target[1:]
    parent = posixpath.split(posixpath.dirname(rels))[0]
    return posixpath.normpath(posixpath.join(parent, target))


_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?\d+")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main "  # expat names: ns, space


def _column(ref: str) -> int | None:
    if len(ref) > 1 and "A" <= ref[0] <= "Z" and ref[1].isdigit() and ref[1:].isdigit():
        return ord(ref[0]) - 64  # A1 … Z99999, most cells
    match = _CELL_REF.fullmatch(ref)
    if match is None:
        return None  # openpyxl refuses it itself
    number = 0
    for letter in match.group(1).upper():
        number = number * 26 + ord(letter) - 64
    return number


def _row_number(text: str) -> int | None:
    try:
        return int(float(text))  # as openpyxl reads it
    except (ValueError, OverflowError):
        return None  # openpyxl refuses it itself


class _Scan:
    """What openpyxl would hold, or spend time on, in one part, counted as expat reads it.
    ``unit`` is what openpyxl reads and lets go of one at a time in this part ("row" in a
    worksheet, "si" in the shared strings, none in a part it reads whole); everything else
    in the part it keeps until the part is done.

    A sheet has millions of elements, so the handlers are closures over local counters,
    and text is bounded by bytes (a character takes at least one) between elements,
    without a handler of its own."""

    def __init__(self, budget: _Budget, unit: str = ""):
        self.xml = True
        self.fed = 0  # bytes of the part so far
        self.parser = parser = expat.ParserCreate(namespace_separator=" ")
        parser.ordered_attributes = True
        unit_name = _MAIN + unit if unit else None
        in_sheet = unit == "row"
        index = lambda: parser.CurrentByteIndex  # noqa: E731
        row_elements, columns = ROW_ELEMENTS, MAX_COLUMNS  # looked up once, not per element
        events = depth = unit_depth = unit_start = 0
        units = row = cells = column = unit_elements = 0
        other = outside = outside_from = 0

        def start(name: str, attributes: list[str]) -> None:
            nonlocal depth, unit_depth, unit_start, units, row, cells, column
            nonlocal unit_elements, other, outside
            depth += 1
            if unit_depth:  # most elements of a sheet: keep this path short
                unit_elements += 1
                if unit_elements > row_elements or name == unit_name:
                    _refuse_unit(in_sheet, row, name == unit_name)
                if in_sheet and depth == unit_depth + 1:  # openpyxl: every child is a cell
                    cells += 1
                    ref = attributes[1] if attributes and attributes[0] == "r" else None
                    if ref is None and attributes:
                        ref = _attribute(attributes, "r")
                    if ref and "A" <= ref[0] <= "Z" and ref[1:].isdigit():
                        column = ord(ref[0]) - 64  # A1 … Z100000: most cells
                    else:
                        found = _column(ref) if ref is not None else None
                        column = found if found is not None else column + 1
                    if cells > columns or column > columns:
                        raise TooLarge(
                            f"This spreadsheet has a row with more than {MAX_COLUMNS} columns "
                            f"(row {row:,}); delete the columns you don't log and choose the "
                            "file again."
                        )
            elif name == unit_name:
                units += 1
                unit_depth, unit_start = depth, index()
                outside += unit_start - outside_from
                unit_elements = cells = column = 0
                # A row's own attributes stay with openpyxl after the row (its height).
                budget.text += sum(map(len, attributes))
                if in_sheet:
                    given = _attribute(attributes, "r")
                    number = _row_number(given) if given is not None else None
                    row = number if number is not None else row + 1
                    if units > MAX_ROWS + 1 or row > MAX_ROWS + 1:
                        raise TooLarge(ROWS)
                elif units > MAX_STRINGS:
                    raise TooLarge(
                        f"This spreadsheet holds more than {MAX_STRINGS:,} different texts; "
                        f"{SPLIT}."
                    )
            else:
                other += 1
                budget.other += 1
                if other > OTHER_ELEMENTS or budget.other > OTHER_ELEMENTS_ALL:
                    raise TooLarge(OTHER)

        def end(name: str) -> None:
            nonlocal events, depth, unit_depth, outside_from
            events += 1  # every element ends, so this tells expat is moving
            if depth == unit_depth:
                unit_depth = 0
                outside_from = index()
                if outside_from - unit_start > ROW_BYTES:
                    raise TooLarge(_where(in_sheet, row, "holds more text than we read"))
                budget.elements += unit_elements
                budget.cells += cells
                if budget.elements > ROW_ELEMENTS_ALL:
                    raise TooLarge(f"This spreadsheet is more than we import at once; {SPLIT}.")
                if budget.cells > MAX_CELLS:
                    raise TooLarge(f"This spreadsheet has more than {MAX_CELLS:,} cells; {SPLIT}.")
                if budget.text > TEXT_ALL:
                    raise TooLarge(TEXT)
            depth -= 1

        def event(*_: object) -> None:
            nonlocal events
            events += 1

        def doctype(*_: object) -> None:
            raise Damaged(NOT_XLSX)  # openpyxl (through defusedxml) refuses these too

        def counted() -> tuple[int, int]:
            # events so far, and bytes outside units so far (the open stretch included)
            return events, outside + (0 if unit_depth else self.fed - outside_from)

        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CommentHandler = event
        parser.ProcessingInstructionHandler = event
        parser.StartDoctypeDeclHandler = doctype
        self.counted = counted
        self.quiet = 0  # bytes fed since expat last reported anything

    def feed(self, data: bytes) -> None:
        if not self.xml:
            return
        before, _ = self.counted()
        self.fed += len(data)
        try:
            self.parser.Parse(data, False)
        except expat.ExpatError:
            # Not XML (a picture, say), or broken: openpyxl stops at the same place.
            self.xml = False
            return
        events, outside = self.counted()
        # expat keeps an unfinished tag, text or declaration whole and reads it again with
        # every piece; a real one is at most a cell's text.
        self.quiet = 0 if events != before else self.quiet + len(data)
        if self.quiet > TOKEN_BYTES:
            raise Damaged(NOT_XLSX)
        if outside > OTHER_BYTES:
            raise TooLarge(OTHER)

    def close(self) -> None:
        if self.xml:
            try:
                self.parser.Parse(b"", True)
            except expat.ExpatError:
                self.xml = False


def _refuse_unit(in_sheet: bool, row: int, nested: bool) -> None:
    if nested:
        raise Damaged(NOT_XLSX)  # a row inside a row: nothing writes that
    raise TooLarge(_where(in_sheet, row, "holds more formatting than we read"))


def _where(in_sheet: bool, row: int, what: str) -> str:
    if not in_sheet:
        return f"A text in this spreadsheet {what}; shorten it and choose the file again."
    return f"Row {row:,} of this spreadsheet {what}; shorten it and choose the file again."


def _attribute(attributes: list[str], name: str) -> str | None:
    # expat gives them as [name, value, name, value, …]
    for at in range(0, len(attributes) - 1, 2):
        if attributes[at] == name:
            return attributes[at + 1]
    return None
