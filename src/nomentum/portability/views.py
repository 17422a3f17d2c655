from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from nomentum.accounts import reauth
from nomentum.http import AuthedRequest
from nomentum.portability import importer, limits, services


class UploadForm(forms.Form):
    file = forms.FileField(label="Your spreadsheet (CSV or XLSX), or a JobSync or Loop export")
    anyway = forms.BooleanField(
        required=False, label="Import rows the text check objects to (noted on each ask)"
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST" and request.POST.get("confirm"):
        return _confirm(request)
    if request.method == "POST" and request.POST.get("cancel"):
        importer.cancel_pending(request.user, request.POST.get("token", ""))
        messages.info(request, "Nothing was imported.")
        return redirect("portability:import")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        importer.purge_stale_previews()
        uploaded = form.cleaned_data["file"]
        if uploaded.size > importer.MAX_BYTES:
            form.add_error("file", limits.TOO_BIG)
        else:
            content = uploaded.read()
            try:
                result = importer.preview(request.user, content, uploaded.name)
            except importer.ImportFileError as exc:
                form.add_error("file", str(exc))
            else:
                anyway = form.cleaned_data["anyway"]
                context = {"result": result, "name": uploaded.name, "anyway": anyway}
                if result.new and not result.problems:  # something to confirm
                    context["token"] = importer.keep_for_confirmation(
                        request.user, content, uploaded.name, form.cleaned_data["anyway"]
                    )
                return render(request, "portability/import_preview.html", context)
    status = 400 if request.method == "POST" else 200
    return render(request, "portability/import.html", {"form": form}, status=status)


def _confirm(request: AuthedRequest) -> HttpResponse:
    pending = importer.take_pending(request.user, request.POST.get("token", ""))
    if pending is None:
        messages.info(request, "That upload has expired; please choose the file again.")
        return redirect("portability:import")
    anyway = pending.anyway or bool(request.POST.get("anyway"))
    result = importer.run(request.user, bytes(pending.content), pending.name, override=anyway)
    if result.problems:
        return render(
            request,
            "portability/import_preview.html",
            {"result": result, "name": pending.name, "failed": True},
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
    # Everything you own, in one file: only right after confirming it's you.
    if fmt in services.CONFIRMED and (confirm := reauth.needed(request)):
        return confirm
    return services.attachment(request.user, fmt)
