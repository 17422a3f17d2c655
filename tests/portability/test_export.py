"""Export: the seven spreadsheet columns first, formulas neutralised, and only the
owner's data."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from nomentum.asks import services
from nomentum.portability import cells, export

TRICKY = 'Ask “Zoë” for 10%, then say: "thanks",\nnewline'
FORMULA = '=HYPERLINK("http://evil.example","click")'
MARKER = "charlies-private-marker-7c1f"


@pytest.fixture
def logged(owner, outsider):
    services.log_ask(
        owner,
        {
            "request": TRICKY,
            "to": "Dana Lee, Acme",
            "outcome": "no",
            "lessons": FORMULA,
            "tier": "stretch",
            "fear_before": 7,
        },
    )
    services.log_ask(
        outsider, {"request": f"Their ask {MARKER}", "to": f"Secret {MARKER}", "lessons": MARKER}
    )


def test_csv_has_the_seven_columns_first_and_round_trips_text(owner, logged):
    rows = list(csv.reader(io.StringIO(export.asks_csv(owner).decode("utf-8-sig"))))
    assert tuple(rows[0][:7]) == export.SEVEN
    [row] = rows[1:]
    record = dict(zip(rows[0], row, strict=True))
    assert record["Request"] == TRICKY
    assert record["Person/Company"] == "Dana Lee, Acme"
    assert record["Response"] == "No"
    assert record["Lessons"] == "'" + FORMULA  # kept as text, not run as a formula
    assert (record["Tier"], record["Fear before"]) == ("stretch", "7")


def test_xlsx_opens_with_the_same_layout(owner, logged):
    book = load_workbook(io.BytesIO(export.asks_xlsx(owner)), read_only=True)
    header, row = list(book["Asks"].iter_rows(values_only=True))
    assert tuple(header[:7]) == export.SEVEN
    assert row[1] == TRICKY
    assert row[5] == "'" + FORMULA


def test_control_characters_are_left_out_of_the_xlsx_and_kept_in_the_csv(
    owner, owner_client, cli, tmp_path
):
    services.log_ask(
        owner,
        {
            "request": "\x07bell and \x1b[31mred\x1b[0m",
            "notes": "line\x0bbreak\x01\x1f",
            "lessons": "\x07=1+1",  # what is left must not run as a formula
        },
    )
    book = load_workbook(io.BytesIO(export.asks_xlsx(owner)), read_only=True)
    header, row = list(book["Asks"].iter_rows(values_only=True))
    record = dict(zip(header, row, strict=True))
    assert record["Request"] == "bell and [31mred[0m"
    assert record["Notes"] == "line\nbreak"
    assert record["Lessons"] == "'=1+1"
    rows = list(csv.reader(io.StringIO(export.asks_csv(owner).decode("utf-8-sig"))))
    assert rows[1][1] == "\x07bell and \x1b[31mred\x1b[0m"
    assert owner_client.get("/accounts/export/xlsx/").status_code == 200
    code, _, err = cli("export", "--format", "xlsx", "-o", str(tmp_path / "x.xlsx"))
    assert code == 0, err


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"])
def test_every_formula_start_is_neutralised(value):
    assert cells.neutralise(value) == "'" + value
    assert cells.neutralise("plain") == "plain"


def test_json_export_has_everything_of_mine_and_nothing_of_theirs(owner, logged):
    data = export.account_json(owner)
    assert data["account"]["username"] == "alice"
    assert [a["request"] for a in data["asks"]] == [TRICKY]
    assert {c["name"] for c in data["contacts"]} == {"Dana Lee", "Acme"}
    assert {f["kind"] for f in data["followups"]} == {"thank-you", "advice", "progress"}
    assert MARKER not in json.dumps(data)


def test_web_download(owner_client, logged):
    for fmt in ("csv", "xlsx", "json"):
        response = owner_client.get(f"/accounts/export/{fmt}/")
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert MARKER.encode() not in response.content
    assert owner_client.get("/accounts/export/pdf/").status_code == 404
    anonymous = Client().get("/accounts/export/json/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_cli_export(cli, owner, logged, tmp_path):
    for fmt in ("csv", "xlsx", "json", "ics"):
        target = tmp_path / f"out.{fmt}"
        code, out, err = cli(
            "export", "--format", fmt, "-o", str(target), "--json", "--user", "alice"
        )
        assert code == 0, err
        assert json.loads(out)["bytes"] == target.stat().st_size > 0
        assert MARKER.encode() not in target.read_bytes()
    code, _, err = cli(
        "export", "--format", "csv", "-o", str(tmp_path / "out.csv"), "--user", "alice"
    )
    assert code == 2 and "already exists" in err


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_backup_on_postgresql_points_to_pg_dump(cli, owner, tmp_path):
    code, _, err = cli("backup", str(tmp_path / "x.sqlite3"))
    assert code == 2 and "pg_dump" in err


def test_every_door_offers_the_same_formats_named_by_the_users_own_date(
    owner, owner_client, logged, settings
):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from nomentum.cli.portability import FORMATS as CLI_FORMATS
    from nomentum.portability.export import FORMATS

    assert set(CLI_FORMATS) == set(FORMATS)
    api_formats = Client().get("/api/openapi.json").json()["paths"]["/api/export"]["get"]
    listed = api_formats["parameters"][0]["schema"]
    assert set(listed.get("enum") or listed["anyOf"][0]["enum"]) == set(FORMATS)
    owner.timezone = "Pacific/Kiritimati"  # UTC+14: usually a day ahead of the server
    owner.save()
    their_day = datetime.now(ZoneInfo("Pacific/Kiritimati")).date().isoformat()
    response = owner_client.get("/accounts/export/csv/")
    assert response["Content-Disposition"] == (
        f'attachment; filename="nomentum-asks-{their_day}.csv"'
    )
    assert response["Cache-Control"] == "private, no-store"


def test_the_account_export_holds_my_groups_weeks_shares_and_cheers(owner, logged, outsider):
    from nomentum.asks import services as asks
    from nomentum.groups import services as groups
    from nomentum.groups.models import Event

    today = timezone.localdate()
    mine = groups.create_group(
        owner, {"name": "Mine", "start": today, "end": today, "weekly_goal": 2}
    )
    theirs = groups.join_group(outsider, mine.group, 2)
    ask = asks.log_ask(owner, {"request": "Pitch a podcast", "outcome": "no"}).ask
    groups.share_ask(mine, ask)
    groups.check_in(theirs, 1, 5, 4, 1)
    groups.toggle_cheer(mine, Event.objects.filter(membership=theirs).first())
    [record] = export.account_json(owner)["groups"]
    assert (record["name"], record["role"], record["you"]["nos"]) == ("Mine", "organiser", 2)
    assert record["shared_asks"] == [str(ask.code)]
    assert len(record["cheered"]) == 1
    assert [w["nos"] for w in record["weekly_counts"]] == [2]
    [theirs_record] = export.account_json(outsider)["groups"]
    assert theirs_record["weekly_counts"][0]["manual"] is True
    assert theirs_record["shared_asks"] == []
