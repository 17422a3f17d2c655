"""Importing the spreadsheet people keep: loose headers, messy values, all or nothing."""

import io
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook

from nomentum.accounts.models import User
from nomentum.asks import services
from nomentum.asks.models import Ask
from nomentum.portability import export, importer
from tests.portability.test_round_trip import FIELDS

MESSY = (
    b"Date;Ask;Who;Channel;Result;Notes;Next step\n"
    b"2026-11-01;Ask for a discount;Corner Books;in person;Nope;friendly;\n"
    b"11/22/2026;Pitch a talk;Jo Park, City Meetup;E-mail;ghosted;;Nudge once\n"
    b"22.11.2026;Apply for a senior role;Globex Inc;applied;Yes!;;\n"
    b'"Nov 20, 2026";Ask for a mentor;Sam Roe;LinkedIn;declined;;\n'
    b"Nov 21 2026;Ask for feedback;Kim Lee;phone;;;\n"
)


def test_loose_headers_and_messy_values(owner):
    result = importer.run(owner, MESSY, "log.csv")
    assert result.problems == []
    assert result.mapping == {
        "date": "Date",
        "request": "Ask",
        "to": "Who",
        "method": "Channel",
        "outcome": "Result",
        "notes": "Notes",
        "follow_up": "Next step",
    }
    asks = {a.request: a for a in Ask.objects.filter(owner=owner)}
    assert len(asks) == 5
    assert (asks["Ask for a discount"].outcome, asks["Ask for a discount"].method) == (
        "no",
        "in_person",
    )
    assert asks["Pitch a talk"].date == date(2026, 11, 22)
    assert asks["Pitch a talk"].outcome == "no_response"
    assert asks["Pitch a talk"].to == "Jo Park, City Meetup"
    assert asks["Apply for a senior role"].outcome == "yes"
    assert asks["Ask for a mentor"].date == date(2026, 11, 20)
    assert asks["Ask for feedback"].outcome == "pending"


def test_importing_the_same_file_twice_adds_nothing(owner):
    importer.run(owner, MESSY, "log.csv")
    again = importer.run(owner, MESSY, "log.csv")
    assert (len(again.new), again.duplicates) == (0, 5)
    assert Ask.objects.filter(owner=owner).count() == 5


def test_one_bad_row_means_nothing_is_imported(owner):
    bad = MESSY + b"31/31/2026;Ask for a table;Cafe;in person;who knows;;\n"
    result = importer.run(owner, bad, "log.csv")
    [row] = result.problems
    assert row.number == 7
    assert any("is not a date we can read" in p for p in row.problems)
    assert any("Response “who knows”" in p for p in row.problems)
    assert not Ask.objects.filter(owner=owner).exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("Date,Request\n2026-11-01,Café ask\n".encode("latin-1"), "x.csv", "isn't UTF-8"),
        (b"Date,Who\n2026-11-01,Dana\n", "x.csv", "No column for the request"),
        (b"", "x.csv", "The file is empty"),
        (b"x" * (10 * 1024 * 1024 + 1), "x.csv", "larger than 10 MB"),
        (b"PK\x03\x04 not really a zip", "x.xlsx", "doesn't read as an Excel"),
    ],
)
def test_unreadable_files_get_a_clear_reason(owner, content, name, message):
    with pytest.raises(importer.ImportFileError) as error:
        importer.preview(owner, content, name)
    assert message in str(error.value)


def _laughs_xlsx() -> bytes:
    """An XLSX whose sheet tries the billion-laughs entity expansion."""
    book = Workbook()
    book.active.append(["Request"])
    plain = io.BytesIO()
    book.save(plain)
    entities = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{entities}]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Request</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.endswith("worksheets/sheet1.xml"):
                data = sheet.encode()
            dst.writestr(item, data)
    return out.getvalue()


def test_a_csv_with_old_mac_line_endings(owner):
    content = b'Date,Request\r2026-11-01,Ask for a discount\r2026-11-02,"Ask\rtwice"\r'
    result = importer.preview(owner, content, "mac.csv")
    assert [r.data["request"] for r in result.rows] == ["Ask for a discount", "Ask\rtwice"]


def test_a_billion_laughs_xlsx_is_refused(owner):
    with pytest.raises(importer.ImportFileError):
        importer.preview(owner, _laughs_xlsx(), "evil.xlsx")


def test_xlsx_with_date_cells(owner):
    book = Workbook()
    book.active.append(["Date", "Request", "Person/Company", "Response"])
    book.active.append([date(2026, 11, 3), "Ask for a refund", "Power Co", "No"])
    out = io.BytesIO()
    book.save(out)
    importer.run(owner, out.getvalue(), "log.xlsx")
    ask = Ask.objects.get(owner=owner)
    assert (ask.date, ask.outcome, ask.to) == (date(2026, 11, 3), "no", "Power Co")


def test_our_export_round_trips_into_a_fresh_account(owner):
    for data in (
        {
            "request": "=cmd|' /C calc'!A0 is not a formula",
            "to": "Dana Lee, Acme",
            "outcome": "no",
            "method": "social",
            "tier": "moonshot",
            "category": "pitch",
            "fear_before": 8,
            "sting_after": 3,
            "lessons": 'Line one\nline, two "quoted"',
            "follow_up": "+ thank them",
            "notes": "@later",
            "game_changer": True,
            "date": date(2026, 10, 1),
        },
        {
            "request": "Ask Zoë for a café table",
            "to": "Le Café Bleu",
            "outcome": "partial",
            "method": "application",
            "date": date(2026, 10, 2),
        },
    ):
        services.log_ask(owner, data)
    fresh = User.objects.create_user("fresh")
    for content, name in ((export.asks_csv(owner), "x.csv"), (export.asks_xlsx(owner), "x.xlsx")):
        Ask.objects.filter(owner=fresh).delete()
        result = importer.run(fresh, content, name)
        assert result.problems == []
        for mine in Ask.objects.filter(owner=owner):
            theirs = Ask.objects.get(owner=fresh, request=mine.request)
            assert [getattr(theirs, f) for f in FIELDS] == [getattr(mine, f) for f in FIELDS]


def test_import_is_history_a_reask_after_a_no_is_imported_and_shown(owner, cli):
    services.log_ask(
        owner,
        {"request": "Ask Dana for a job", "to": "Dana Lee, Acme", "outcome": "no"}
        | {"date": date(2026, 9, 1)},
    )
    content = (
        b"Date,Request,Person/Company,Response\n"
        b'2026-10-01,Ask Sam for a referral,"Sam Ortiz, Initech",No\n'
        b'2026-10-20,Ask Sam about another role,"Sam Ortiz, Initech",No response\n'
        b'2026-11-01,Ask Dana again,"Dana Lee, Acme",\n'
    )
    preview = importer.preview(owner, content, "x.csv")
    assert [(r.number, r.reask) for r in preview.reasks] == [
        (3, date(2026, 10, 1)),
        (4, date(2026, 9, 1)),
    ]
    result = importer.run(owner, content, "x.csv")
    assert result.problems == []
    assert Ask.objects.filter(owner=owner).count() == 4
    # From now on the imported no's count: a new ask to Sam is refused.
    code, _, err = cli("log", "Ask Sam for coffee", "--to", "Sam Ortiz, Initech")
    assert code == 2 and "Sam Ortiz already said no" in err


def test_a_row_the_text_rules_question_needs_anyway_and_is_noted(owner):
    content = (
        b"Date,Request\n"
        b"2026-10-01,Ask the bakery for yesterday's bread\n"
        b"2026-10-02,Ask a stranger on the bus to give me money\n"
    )
    preview = importer.preview(owner, content, "x.csv")
    assert [r.number for r in preview.flagged] == [3]
    refused = importer.run(owner, content, "x.csv")
    assert refused.problems and not Ask.objects.filter(owner=owner).exists()
    importer.run(owner, content, "x.csv", override=True)
    noted = Ask.objects.get(owner=owner, request__contains="stranger")
    assert noted.guard_override == ["money"]


def test_web_import_previews_then_imports(owner_client, owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("log.csv", MESSY, content_type="text/csv")
    preview = owner_client.post("/asks/import/", {"file": upload})
    body = preview.content.decode()
    assert "5</strong> new asks" in body and "Import 5 asks" in body
    assert not Ask.objects.filter(owner=owner).exists()
    confirm = {"confirm": "1", "token": preview.context["token"]}
    done = owner_client.post("/asks/import/", confirm, follow=True)
    assert b"Imported 5 asks" in done.content
    assert Ask.objects.filter(owner=owner).count() == 5
    again = owner_client.post("/asks/import/", confirm, follow=True)
    assert b"That upload has expired" in again.content


def test_web_import_shows_problems_next_to_the_file(owner_client, owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("log.csv", b"Date,Who\n2026-11-01,Dana\n")
    response = owner_client.post("/asks/import/", {"file": upload})
    assert response.status_code == 400
    assert "No column for the request" in response.content.decode()


REAL_WORLD = (
    "My rejection log 2026,,,,,,\n"
    ",,,,,,\n"
    "Date,What did you ask?,Who,How,Result,Notes,\n"
    "22/11/2026,Ask for a raise,Priya,in person,No - budget,,\n"
    "2026-11-20 09:15,Pitch the podcast,Deep Dive Podcast,email,Rejected 😢,,\n"
    ",,,,,,\n"
    "11/19/2026,Ask a stranger for a photo tip,,in person,Yes!!,lovely,\n"
    "Nov 18 2026,Apply for the fellowship,Open Society,online,N/A,,\n"
).encode()


def test_a_real_world_sheet_with_a_title_row_blank_rows_and_chatty_answers(owner):
    result = importer.preview(owner, REAL_WORLD, "log.csv")
    assert result.mapping["request"] == "What did you ask?"
    assert result.problems == [], [r.problems for r in result.problems]
    got = {r.data["request"]: (str(r.data["date"]), r.data["outcome"]) for r in result.rows}
    assert got == {
        "Ask for a raise": ("2026-11-22", "no"),
        "Pitch the podcast": ("2026-11-20", "no"),
        "Ask a stranger for a photo tip": ("2026-11-19", "yes"),
        "Apply for the fellowship": ("2026-11-18", "pending"),
    }
    # Rows keep the numbers a spreadsheet shows, blank rows and the title included.
    assert [r.number for r in result.rows] == [4, 5, 7, 8]
    broken = REAL_WORLD.replace(b"Yes!!", b"who knows")
    problem = importer.preview(owner, broken, "log.csv").problems[0]
    assert problem.number == 7 and "who knows" in problem.problems[0]
