"""The journal's pages: past weeks, and the week in review with its reflection (saved
as you type), feedback and a lesson to share. Reflections are their author's alone."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from nomentum.errors import Invalid
from nomentum.groups.access import get_membership, memberships_for_user
from nomentum.journal import services
from nomentum.journal.access import get_shared_lesson_for_user, shared_lessons_for_user
from nomentum.journal.forms import ReflectionForm, ShareLessonForm
from nomentum.journal.weeks import Week, week_to_review


def _week(request, name: str) -> Week:
    try:
        return services.week_named(request.user, name)
    except Invalid:
        raise Http404("No such week.") from None


@login_required
def index(request) -> HttpResponse:
    today = timezone.localdate()
    ws = request.user.week_start
    return render(
        request,
        "journal/index.html",
        {
            "review_week": week_to_review(today, ws),
            "this_week": services.this_week(request.user, today),
            "past": services.past_reflections(request.user),
        },
    )


@sensitive_post_parameters()
@login_required
@require_http_methods(["GET", "POST"])
def week(request, week: str) -> HttpResponse:
    found = _week(request, week)
    form = ReflectionForm(request.POST or None, autosave=_autosave(found))
    if request.method == "POST" and _saved(request, found, form):
        messages.success(request, "Reflection saved.")
        return redirect("journal:week", found.name)
    status = 400 if request.method == "POST" else 200
    return render(request, "journal/week.html", _context(request, found, form), status=status)


def _context(request, found: Week, form: ReflectionForm | None = None) -> dict:
    review = services.review(request.user, found)
    if form is None or not form.is_bound:
        initial = {a["id"]: a["answer"] for a in services.answered(review.reflection)}
        form = ReflectionForm(initial=initial, autosave=_autosave(found))
    memberships = list(memberships_for_user(request.user).select_related("group"))
    return {
        "review": review,
        "form": form,
        "memberships": memberships,
        "share_form": ShareLessonForm(memberships) if memberships else None,
        "shared": [s for s in shared_lessons_for_user(request.user) if s.week == found.name],
        "today": timezone.localdate(),
        "previous": found.after(-1),
        "next": found.after(),
    }


def _autosave(found: Week) -> str:
    from django.urls import reverse

    return reverse("journal:save", args=[found.name])


def _saved(request, found: Week, form: ReflectionForm) -> bool:
    if not form.is_valid():
        return False
    try:
        services.save_answers(request.user, found, form.sent())
    except Invalid as exc:
        for field, problems in exc.errors.items():
            form.add_error(field if field in form.fields else None, problems[0])
        return False
    return True


@sensitive_post_parameters()
@login_required
@require_POST
def save(request, week: str) -> HttpResponse:
    """Autosave: the fields one edit sent. Answers with a short status for the page."""
    found = _week(request, week)
    form = ReflectionForm(request.POST)
    if not _saved(request, found, form):
        problem = next(iter(form.errors.values()))[0]
        return render(request, "journal/_saved.html", {"problem": problem}, status=400)
    return render(request, "journal/_saved.html", {"at": timezone.localtime()})


@login_required
@require_POST
def feedback(request, week: str) -> HttpResponse:
    found = _week(request, week)
    answer = services.feedback(request.user, found)
    if request.htmx:
        return render(request, "journal/_feedback.html", {"feedback": answer})
    context = _context(request, found) | {"feedback": answer}
    return render(request, "journal/week.html", context)


@sensitive_post_parameters()
@login_required
@require_POST
def share(request, week: str) -> HttpResponse:
    found = _week(request, week)
    memberships = list(memberships_for_user(request.user).select_related("group"))
    form = ShareLessonForm(memberships, request.POST)
    if form.is_valid():
        membership = get_membership(request.user, form.cleaned_data["group"])
        try:
            services.share_lesson(membership, found, form.cleaned_data["text"])
        except Invalid as exc:
            form.add_error("text", next(iter(exc.errors.values()))[0])
        else:
            messages.success(request, f"Shared with {membership.group.name}.")
            return redirect("journal:week", found.name)
    context = _context(request, found) | {"share_form": form}
    return render(request, "journal/week.html", context, status=400)


@login_required
@require_POST
def unshare(request, code: str) -> HttpResponse:
    shared = get_shared_lesson_for_user(request.user, code)
    week = shared.week
    services.unshare_lesson(shared)
    messages.success(request, "No longer shared.")
    return redirect("journal:week", week)
