"""An uploaded file waits for its confirmation in the database, for its owner only, and
not for long: gone once imported, cancelled, or an hour old."""

import re
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from nomentum.asks.models import Ask
from nomentum.portability import importer
from nomentum.portability.models import PendingImport

LOG = b"Date,Request,Person/Company,Response\n2026-11-01,Ask for a discount,Corner Books,no\n"


def preview(client, content: bytes = LOG) -> str:
    """Upload a file for its preview; the token its confirmation form carries."""
    page = client.post("/asks/import/", {"file": SimpleUploadedFile("log.csv", content)})
    assert page.status_code == 200
    match = re.search(r'name="token" value="([^"]+)"', page.content.decode())
    assert match, "no confirmation form"
    return match.group(1)


def test_confirming_imports_the_file_and_deletes_what_was_kept(owner_client, owner):
    token = preview(owner_client)
    assert PendingImport.objects.filter(owner=owner, token=token).exists()
    done = owner_client.post("/asks/import/", {"confirm": "1", "token": token}, follow=True)
    assert b"Imported 1 asks" in done.content
    assert Ask.objects.filter(owner=owner).count() == 1
    assert not PendingImport.objects.exists()


def test_cancel_deletes_what_was_kept_and_imports_nothing(owner_client, owner):
    token = preview(owner_client)
    page = owner_client.post("/asks/import/", {"cancel": "1", "token": token}, follow=True)
    assert b"Nothing was imported" in page.content
    assert not PendingImport.objects.exists() and not Ask.objects.exists()
    again = owner_client.post("/asks/import/", {"confirm": "1", "token": token}, follow=True)
    assert b"That upload has expired" in again.content
    assert not Ask.objects.exists()


def test_the_preview_cancels_with_a_form_and_the_import_page_still_opens(owner_client):
    page = owner_client.post("/asks/import/", {"file": SimpleUploadedFile("log.csv", LOG)})
    assert re.search(r'<button[^>]*name="cancel"', page.content.decode())
    assert owner_client.get("/asks/import/").status_code == 200


def test_an_upload_older_than_an_hour_is_purged_and_cannot_be_confirmed(owner_client, owner):
    token = preview(owner_client)
    PendingImport.objects.update(created_at=timezone.now() - timedelta(hours=1, seconds=1))
    late = owner_client.post("/asks/import/", {"confirm": "1", "token": token}, follow=True)
    assert b"That upload has expired" in late.content
    assert not Ask.objects.exists()
    preview(owner_client)  # any upload purges what is older than an hour
    assert list(PendingImport.objects.values_list("token", flat=True)) != [token]
    assert PendingImport.objects.count() == 1


def test_another_users_preview_cannot_be_confirmed_or_cancelled(
    owner_client, owner, outsider_client
):
    token = preview(owner_client)
    stolen = outsider_client.post("/asks/import/", {"confirm": "1", "token": token}, follow=True)
    assert b"That upload has expired" in stolen.content
    outsider_client.post("/asks/import/", {"cancel": "1", "token": token})
    assert not Ask.objects.exists()
    assert PendingImport.objects.filter(owner=owner, token=token).exists()
    owner_client.post("/asks/import/", {"confirm": "1", "token": token})
    assert Ask.objects.filter(owner=owner).count() == 1


def test_a_preview_with_nothing_to_import_keeps_nothing(owner_client):
    page = owner_client.post(
        "/asks/import/", {"file": SimpleUploadedFile("log.csv", LOG + b"31/31/2026,Bad,,\n")}
    )
    assert b"Nothing has been imported" in page.content
    assert not PendingImport.objects.exists()


def test_purge_stale_previews_for_the_reminder_job(owner, settings, tmp_path):
    fresh = importer.keep_for_confirmation(owner, LOG, "log.csv", anyway=False)
    importer.keep_for_confirmation(owner, LOG, "old.csv", anyway=False)
    PendingImport.objects.exclude(token=fresh).update(
        created_at=timezone.now() - timedelta(hours=2)
    )
    # Versions before this one kept uploads as files in the data folder.
    settings.DATA_DIR = tmp_path
    (tmp_path / "imports").mkdir()
    (tmp_path / "imports" / "1-abc.upload").write_bytes(LOG)
    assert importer.purge_stale_previews() == 2
    assert list(PendingImport.objects.values_list("token", flat=True)) == [fresh]
    assert not list((tmp_path / "imports").iterdir())


def test_the_preview_shows_questioned_rows_and_imports_them_only_when_told(owner, owner_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from nomentum.asks.models import Ask

    content = b"Request\nAsk the bakery for bread\nAsk a stranger on the bus to give me money\n"
    preview = owner_client.post(
        "/asks/import/", {"file": SimpleUploadedFile("x.csv", content, content_type="text/csv")}
    )
    body = preview.content.decode()
    assert "Rows the ethics check questions" in body and "Row 3" in body
    token = preview.context["token"]
    owner_client.post("/asks/import/", {"confirm": "1", "token": token, "anyway": "1"})
    assert Ask.objects.filter(owner=owner).count() == 2
