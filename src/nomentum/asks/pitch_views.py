"""Pitches: the versions of your message, and how each one is answered."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from nomentum.asks import services
from nomentum.asks.access import get_pitch_for_user
from nomentum.asks.forms import PitchForm
from nomentum.http import AuthedRequest
from nomentum.insights.figures import Rate


@login_required
@require_http_methods(["GET", "POST"])
def index(request: AuthedRequest) -> HttpResponse:
    form = PitchForm(request.POST or None, owner=request.user, initial=_copy_of(request))
    if request.method == "POST" and form.is_valid():
        pitch = services.save_pitch(request.user, form.cleaned_data)
        messages.success(request, f"Pitch “{pitch.name}” saved. Pick it when you log an ask.")
        return redirect("pitches:index")
    pitches = services.pitches_with_counts(request.user)
    rows = [(p, Rate(p.replied, p.settled), Rate(p.yes, p.settled)) for p in pitches]
    status = 400 if request.method == "POST" else 200
    return render(request, "asks/pitches.html", {"rows": rows, "form": form}, status=status)


def _copy_of(request: AuthedRequest) -> dict:
    """``?copy=CODE``: a new pitch starting from another's message."""
    code = request.GET.get("copy")
    if not code:
        return {}
    source = get_pitch_for_user(request.user, code)
    return {"name": f"{source.name} (new version)", "text": source.text}


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, code) -> HttpResponse:
    pitch = get_pitch_for_user(request.user, code)
    form = PitchForm(request.POST or None, instance=pitch, owner=request.user)
    if request.method == "POST" and form.is_valid():
        services.save_pitch(request.user, form.cleaned_data, pitch)
        messages.success(request, "Pitch saved.")
        return redirect("pitches:index")
    status = 400 if request.method == "POST" else 200
    return render(request, "asks/pitch.html", {"form": form, "pitch": pitch}, status=status)


@login_required
@require_POST
def retire(request: AuthedRequest, code) -> HttpResponse:
    pitch = get_pitch_for_user(request.user, code)
    services.retire_pitch(pitch, retired=request.POST.get("retired", "1") == "1")
    messages.success(request, f"“{pitch.name}” {'retired' if pitch.retired else 'back in use'}.")
    return redirect("pitches:index")
