"""Exports of other trackers, laid out as those apps write them (JobSync's job CSV,
Loop Habit Tracker's CSV zip), imported like any spreadsheet."""

import io
import zipfile

from nomentum.accounts.models import User
from nomentum.asks.models import Ask
from nomentum.portability import export, importer

# JobSync's columns and value shapes: ISO dates, "N/A" for a missing date, Yes/No.
JOBSYNC = (
    b"index,createdAt,applied,appliedDate,Company,JobTitle,jobType,Location,JobSource,Status\n"
    b"1,2026-10-02,Yes,2026-10-03,Globex,Data Analyst,Full Time,Berlin,LinkedIn,Rejected\n"
    b"2,2026-10-05,Yes,N/A,Initech,Support Lead,Contract,Remote,Indeed,Interview\n"
    b"3,2026-10-06,No,N/A,Umbrella,Chemist,Full Time,N/A,N/A,Draft\n"
    b'4,2026-10-07,Yes,2026-10-08,"Acme, Inc.",Engineer,Unknown,N/A,Company Career Page,Offer\n'
    b"5,2026-10-09,Yes,2026-10-09,Hooli,Designer,Part Time,Paris,Glassdoor,Applied\n"
    b"6,2026-10-10,Yes,2026-10-11,Soylent,Writer,Part Time,N/A,N/A,Expired\n"
)


def test_a_jobsync_export_becomes_job_applications(owner):
    result = importer.run(owner, JOBSYNC, "jobs.csv")
    assert result.problems == [] and result.source == "JobSync"
    asks = {a.to: a for a in Ask.objects.filter(owner=owner)}
    assert sorted(asks) == ["Acme, Inc.", "Globex", "Hooli", "Initech", "Soylent"]  # no draft
    globex = asks["Globex"]
    assert (globex.request, globex.outcome, globex.method, globex.category) == (
        "Apply for Data Analyst",
        "no",
        "application",
        "job",
    )
    assert str(globex.date) == "2026-10-03" and "Location: Berlin" in globex.notes
    assert str(asks["Initech"].date) == "2026-10-05"  # no applied date: the day it was added
    assert [asks[c].outcome for c in ("Initech", "Acme, Inc.", "Hooli", "Soylent")] == [
        "partial",
        "yes",
        "pending",
        "no_response",
    ]
    assert {(a.person, a.company.name) for a in asks.values()} == {
        (None, name) for name in asks
    }  # companies, even "Acme, Inc." with its comma
    assert importer.run(owner, JOBSYNC, "jobs.csv").new == []  # twice adds nothing

    # ...and our own export of them reads back the same into a fresh account.
    fresh = User.objects.create_user("fresh")
    assert importer.run(fresh, export.asks_csv(owner), "mine.csv").problems == []
    again = {a.to: (a.person, a.company.name, a.outcome) for a in Ask.objects.filter(owner=fresh)}
    assert again == {a.to: (None, a.company.name, a.outcome) for a in asks.values()}


def _loop_zip(habits: str, checkmarks: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Habits.csv", habits)
        for folder, text in checkmarks.items():
            archive.writestr(f"{folder}/Checkmarks.csv", text)
            archive.writestr(f"{folder}/Scores.csv", "Date,Score\n2026-11-02,0.5000\n")
        archive.writestr("Checkmarks.csv", "Date,Get rejected,\n2026-11-02,YES_MANUAL,\n")
        archive.writestr("Scores.csv", "Date,Get rejected,\n2026-11-02,0.5000,\n")
    return buffer.getvalue()


LOOP = _loop_zip(
    "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,"
    "Color,Unit,Target Type,Target Value,Archived?\n"
    "001,Get rejected!,YES_NO,Did you hear a no today?,,1,1,#D32F2F,,,,false\n"
    "002,Bold asks,NUMERICAL,How many bold asks?,,1,1,#1976D2,asks,AT_LEAST,3,false\n",
    {
        "001 Get rejected": (
            "Date,Value,Notes\n"
            "2026-11-03,YES_MANUAL,Asked the baker for a free croissant\n"
            "2026-11-02,YES_AUTO,\n"
            "2026-11-01,NO,\n"
            "2026-10-31,SKIP,\n"
            "2026-10-30,YES_MANUAL,\n"
        ),
        "002 Bold asks": "Date,Value,Notes\n2026-11-03,3000,\n2026-11-02,0,\n2026-11-01,1000,\n",
    },
)


def test_a_loop_habit_tracker_zip_becomes_asks(owner):
    result = importer.run(owner, LOOP, "Loop Habits CSV 2026-11-22.zip")
    assert result.problems == [] and result.source == "Loop Habit Tracker"
    asks = list(Ask.objects.filter(owner=owner).order_by("date", "request"))
    assert [(str(a.date), a.request, a.outcome) for a in asks] == [
        ("2026-10-30", "Get rejected!", "no"),
        ("2026-11-01", "Bold asks", "pending"),
        ("2026-11-03", "Bold asks (1 of 3)", "pending"),
        ("2026-11-03", "Bold asks (2 of 3)", "pending"),
        ("2026-11-03", "Bold asks (3 of 3)", "pending"),
        ("2026-11-03", "Get rejected!", "no"),
    ]
    assert asks[-1].notes == "Asked the baker for a free croissant"
    assert importer.run(owner, LOOP, "again.zip").new == []


def test_one_loop_checkmarks_file_alone(owner):
    single = b"Date,Value,Notes\n2026-11-03,YES_MANUAL,\n2026-11-02,NO,\n"
    result = importer.run(owner, single, "Checkmarks.csv")
    assert result.source == "Loop Habit Tracker"
    assert list(Ask.objects.values_list("request", "outcome")) == [("Loop habit", "pending")]


def test_a_zip_bomb_or_a_broken_zip_is_refused_with_nothing_imported(owner):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Habits.csv", "Position,Name,Type\n001,Huge,YES_NO\n")
        archive.writestr("001 Huge/Checkmarks.csv", "Date,Value\n" + "x" * (30 * 1024 * 1024))
    bomb = buffer.getvalue()
    assert len(bomb) < 1024 * 1024  # small on disk, 30 MB unpacked
    try:
        importer.run(owner, bomb, "bomb.zip")
    except importer.ImportFileError as exc:
        assert "20 MB" in str(exc)
    else:
        raise AssertionError("a zip bomb was read")
    assert not Ask.objects.exists()


def test_the_web_preview_says_where_each_field_came_from(owner_client, owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("jobs.csv", JOBSYNC, content_type="text/csv")
    preview = owner_client.post("/asks/import/", {"file": upload})
    page = preview.content.decode()
    assert "export of <strong>JobSync</strong>" in page
    assert "Status: Rejected → no" in page and "5</strong> new asks" in page
    assert not Ask.objects.exists()  # a preview writes nothing
    owner_client.post("/asks/import/", {"confirm": "1", "token": preview.context["token"]})
    assert Ask.objects.filter(owner=owner).count() == 5
