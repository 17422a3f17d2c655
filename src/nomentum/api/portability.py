"""Import and export: parse, call ``portability.services``."""

from typing import Literal

from ninja import File, Form, Router, UploadedFile
from ninja.errors import HttpError
from ninja.responses import Status

from nomentum.accounts import reauth
from nomentum.api.core import ERRORS, writable
from nomentum.errors import Invalid
from nomentum.http import AuthedRequest
from nomentum.portability import services
from nomentum.portability.limits import MAX_BYTES, TOO_BIG
from nomentum.portability.schemas import ImportOut

router = Router(tags=["your data"])


@router.post("/import", response={200: ImportOut, **ERRORS})
def import_file(
    request: AuthedRequest,
    file: File[UploadedFile],
    dry_run: Form[bool] = False,
    anyway: Form[bool] = False,
):
    """Import a tracking spreadsheet (CSV or XLSX, up to 10 MB): every new row or none.
    `dry_run` checks every row and imports nothing; rows with problems give a 422 that
    lists them, and nothing is imported."""
    if not dry_run:
        writable(request)
    if (file.size or 0) > MAX_BYTES:  # before reading it into memory
        raise Invalid({"file": [TOO_BIG]})
    content = file.read()
    return Status(
        200, services.import_file(request.user, content, file.name or "", dry_run, anyway)
    )


@router.get(
    "/export",
    response={200: None, **ERRORS},
    openapi_extra={
        "responses": {
            200: {
                "description": "The file",
                "content": {f.content_type.split(";")[0]: {} for f in services.FORMATS.values()},
            }
        }
    },
)
def export(
    request: AuthedRequest,
    format: Literal["csv", "xlsx", "json", "ics", "journal-csv", "journal-md"] = "csv",
):
    """Your data as a file: `csv` or `xlsx` (your log in the seven spreadsheet columns
    and ours), `json` (everything you own), `ics` (open follow-ups), or your journal as
    `journal-csv` or `journal-md` (Markdown). From a browser session, `json` and the
    journal need your password confirmed in the last ten minutes."""
    session = getattr(request, "api_token", None) is None
    if format in services.CONFIRMED and session and not reauth.is_recent(request):
        raise HttpError(403, "Confirm it's you first (Settings asks for your password).")
    return services.attachment(request.user, format)
