import secrets
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from nomentum.http import AuthedRequest
from nomentum.portability import importer, services


class UploadForm(forms.Form):
    file = forms.FileField(label="Your spreadsheet (CSV or XLSX), or a JobSync or Loop export")
    anyway = forms.BooleanField(
        required=False, label="Import rows the text check objects to (noted on each ask)"
    )


def _stash(user_pk: int, token: str) -> Path:
    """Where an uploaded file waits between the preview and the import."""
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{user_pk}-{token}.upload"


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST" and request.POST.get("confirm"):
        return _confirm(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        if uploaded.size > importer.MAX_BYTES:
            form.add_error("file", "The file is larger than 10 MB; split it into smaller files.")
        else:
            content = uploaded.read()
            try:
                result = importer.preview(request.user, content, uploaded.name)
            except importer.ImportFileError as exc:
                form.add_error("file", str(exc))
            else:
                token = secrets.token_urlsafe(16)
                _stash(request.user.pk, token).write_bytes(content)
                request.session["import"] = {
                    "token": token,
                    "name": uploaded.name,
                    "anyway": form.cleaned_data["anyway"],
                }
                context = {"result": result, "name": uploaded.name}
                return render(request, "portability/import_preview.html", context)
    status = 400 if request.method == "POST" else 200
    return render(request, "portability/import.html", {"form": form}, status=status)


def _confirm(request: AuthedRequest) -> HttpResponse:
    pending = request.session.pop("import", None)
    path = _stash(request.user.pk, pending["token"]) if pending else None
    if path is None or not path.exists():
        messages.info(request, "That upload has expired; please choose the file again.")
        return redirect("portability:import")
    try:
        result = importer.run(
            request.user, path.read_bytes(), pending["name"], override=pending["anyway"]
        )
    finally:
        path.unlink(missing_ok=True)
    if result.problems:
        return render(
            request,
            "portability/import_preview.html",
            {"result": result, "name": pending["name"], "failed": True},
            status=400,
        )
    messages.success(
        request, f"Imported {len(result.new)} asks; {result.duplicates} were already in your log."
    )
    return redirect("asks:log")


@login_required
def download(request: AuthedRequest, fmt: str) -> HttpResponse:
    if fmt not in services.FORMATS:
        raise Http404("No such format.")
    return services.attachment(request.user, fmt)
