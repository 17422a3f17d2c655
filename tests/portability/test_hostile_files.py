"""Files built to exhaust the server are refused, with a reason a person can act on,
before they are unpacked or parsed in full; nothing is imported. (How long each takes
and how much memory it needs: bench/hostile_imports.py.)"""

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nomentum.asks import services
from nomentum.asks.models import Ask
from nomentum.portability import export, importer, limits
from nomentum.portability.models import PendingImport
from tests.portability import hostile


def refusal(user, content: bytes, name: str) -> str:
    with pytest.raises(importer.ImportFileError) as refused:
        importer.run(user, content, name)
    assert not Ask.objects.exists()
    return str(refused.value)


def test_a_zip_whose_directory_lies_about_sizes_is_refused_as_it_unpacks(owner):
    bomb = hostile.lying_loop_zip(unpacked=30 * hostile.MB)
    declared = {i.filename: i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist()}
    assert declared["001 Huge/Checkmarks.csv"] == 1024  # what the old size check believed
    assert len(bomb) < 100 * 1024
    assert "unpacks to more than we import at once (20 MB)" in refusal(owner, bomb, "l.zip")


def test_a_zip_member_smaller_than_its_directory_says_is_damaged(owner):
    short = hostile.raw_zip([("Habits.csv", [b"Position,Name,Type\n001,Asks,YES_NO\n"], 4096)])
    assert "damaged" in refusal(owner, short, "loop.zip")


def test_an_xlsx_row_of_three_million_cells_is_refused_before_it_is_parsed(owner):
    wide = hostile.wide_row_xlsx(cells=3_000_000)
    message = refusal(owner, wide, "wide.xlsx")
    assert message.startswith("This spreadsheet has a row with more than 100 columns (row 2)")


def test_an_xlsx_whose_shared_strings_unpack_to_hundreds_of_megabytes_is_refused(owner):
    huge = hostile.huge_strings_xlsx(unpacked=100 * hostile.MB)
    assert len(huge) < hostile.MB
    assert "holds more than 40 MB of text" in refusal(owner, huge, "strings.xlsx")


def test_a_10_mb_csv_of_one_cell_is_refused(owner):
    message = refusal(owner, hostile.one_cell_csv(), "one.csv")
    assert message.startswith("Line 2 of this file has a cell of more than 32,767 characters")


def test_a_10_mb_csv_of_one_column_is_refused_past_the_row_limit(owner):
    assert refusal(owner, hostile.many_lines_csv(), "lines.csv") == limits.ROWS


def test_a_csv_row_of_many_fields_is_refused(owner):
    assert "a row with more than 100 columns (row 2)" in refusal(
        owner, hostile.many_fields_csv(), "fields.csv"
    )


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (hostile.many_rows_xlsx, limits.ROWS),
        (hostile.far_row_xlsx, limits.ROWS),
        (hostile.far_column_xlsx, "a row with more than 100 columns (row 2)"),
        (hostile.merge_flood_xlsx, "more formatting, links or other things besides its cells"),
        (hostile.huge_attribute_xlsx, "doesn't read as an Excel (.xlsx) file"),
        (hostile.many_members_zip, "packs more than 1,000 files"),
        (hostile.numbers_loop_zip, limits.ROWS),
    ],
    ids=[
        "million-rows",
        "far-row",
        "far-column",
        "merged-cells",
        "huge-tag",
        "many-files",
        "loop-numbers",
    ],
)
def test_other_files_built_to_cost_too_much_are_refused(owner, build, message):
    assert message in refusal(owner, build(), "x.xlsx")


def test_a_sheet_stating_a_huge_size_is_read_as_written(owner):
    # openpyxl would pad each row to the 16,384 columns the sheet claims.
    rows = importer.read_table(hostile.stated_size_xlsx(rows=2_000), "x.xlsx").rows
    assert len(rows) == 2_001 and {len(r) for r in rows} == {1}


def test_an_over_long_cell_in_an_xlsx_is_refused(owner):
    cell = f'<row r="2"><c r="A2" t="inlineStr"><is><t>{"x" * 40_000}</t></is></c></row>'
    content = hostile.xlsx([b"".join(hostile._sheet([hostile.HEADER_ROW, cell.encode()]))])
    message = refusal(owner, content, "long.xlsx")
    assert message.startswith("Row 2 of this file has a cell of more than 32,767 characters")


def test_a_hostile_upload_on_the_web_is_refused_next_to_the_file(owner_client, owner):
    upload = SimpleUploadedFile("wide.xlsx", hostile.wide_row_xlsx(cells=200_000))
    response = owner_client.post("/asks/import/", {"file": upload})
    assert response.status_code == 400
    assert "more than 100 columns" in response.content.decode()
    assert not Ask.objects.exists() and not PendingImport.objects.exists()


def test_our_own_export_of_the_most_rows_we_import_stays_under_every_cap(owner):
    """Measured on 200 asks with every field filled, scaled to MAX_ROWS."""
    for n in range(200):
        services.log_ask(
            owner,
            {
                "request": f"Ask the editor of a magazine to publish my essay, number {n}",
                "to": f"Dana Lee {n}, Acme Publishing {n}",
                "date": date(2026, 1, 1),
                "outcome": "no",
                "method": "email",
                "tier": "moonshot",
                "category": "creative",
                "fear_before": 8,
                "sting_after": 3,
                "lessons": "Pitch a shorter piece first; they like data.",
                "follow_up": "Thank them and ask who else to pitch",
                "notes": "Met at the conference in spring.",
                "game_changer": True,
                "objections": ["timing"],
                "missing_skill": "Clips in big outlets",
                "who_else": "Sam Roe",
                "invited_after": date(2026, 6, 1),
                "override": True,
            },
            history=True,
        )
    content = export.asks_xlsx(owner)
    budget = limits._Budget()
    archive = zipfile.ZipFile(io.BytesIO(content))
    [sheet] = [i for i in archive.infolist() if i.filename.startswith("xl/worksheets/")]
    budget.scan(content, sheet, limits._Scan(budget, "row"))
    per_row = limits.MAX_ROWS / 200
    assert budget.cells * per_row <= limits.MAX_CELLS
    assert budget.elements * per_row <= limits.ROW_ELEMENTS_ALL
    assert budget.unpacked * per_row <= limits.XLSX_UNPACKED / 2
    assert importer.preview(owner, content, "ours.xlsx").duplicates == 200
