from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from nomentum.asks.access import get_ask_for_user
from nomentum.challenges.catalog import month_of
from nomentum.groups import board as reading
from nomentum.groups import services
from nomentum.groups.access import (
    get_event,
    get_group_by_invite,
    get_member,
    get_membership,
    get_organised,
    memberships_for_user,
)
from nomentum.groups.forms import (
    CheckInForm,
    GroupForm,
    InvitesForm,
    JoinForm,
    SharingForm,
)
from nomentum.groups.models import GroupWeek, Membership, SharedAsk
from nomentum.http import AuthedRequest
from nomentum.journal.access import lessons_shared_with


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    mine = memberships_for_user(request.user).order_by("-group__start")
    return render(request, "groups/index.html", {"memberships": mine})


@login_required
@require_http_methods(["GET", "POST"])
def create(request: AuthedRequest) -> HttpResponse:
    start, end = month_of(timezone.localdate())
    form = GroupForm(
        request.POST or None,
        initial={"name": f"{start:%B} of NO", "start": start, "end": end},
    )
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.create_group(request.user, form.cleaned_data)
        except services.GroupError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Your group is ready. Share the invite link below.")
            return redirect("groups:detail", code=membership.group.code)
    return render(request, "groups/create.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def join_code(request: AuthedRequest) -> HttpResponse:
    code = request.POST.get("code", "").strip().upper()
    if not code:
        messages.error(request, "Type the invite code you were given.")
        return redirect("groups:index")
    return redirect("groups:join", invite=code)


@login_required
@require_http_methods(["GET", "POST"])
def join(request: AuthedRequest, invite: str) -> HttpResponse:
    try:
        group = get_group_by_invite(invite)
    except Http404:
        messages.error(request, "No group has this invite code. Check it with the organiser.")
        return redirect("groups:index")
    existing = Membership.objects.filter(group=group, user=request.user, left_at=None).first()
    if existing is not None:
        return redirect("groups:detail", code=group.code)
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.join_group(
                request.user, group, form.cleaned_data["weekly_goal"], form.cleaned_data["on_board"]
            )
        except services.GroupError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Welcome to {group.name}.")
            return redirect("groups:detail", code=group.code)
    members = Membership.objects.filter(group=group, left_at=None).count()
    context = {"group": group, "form": form, "members": members}
    return render(request, "groups/join.html", context, status=400 if form.errors else 200)


@login_required
def detail(request: AuthedRequest, code) -> HttpResponse:
    membership = get_membership(request.user, code)
    group = membership.group
    by = request.GET.get("by", "nos")
    page = reading.board(group, membership, by, _page_number(request))
    today = timezone.localdate()
    this_week = group.week_of(min(max(today, group.start), group.end)) or 1
    shared_ids = set(
        SharedAsk.objects.filter(membership=membership).values_list("ask_id", flat=True)
    )
    context = {
        "membership": membership,
        "group": group,
        "board": page,
        "by": by,
        "feed": reading.feed(group, membership, limit=30),
        "sharing_form": SharingForm(
            initial={
                "on_board": membership.on_board,
                "share_all": membership.share_all,
                "show_names": membership.show_names,
            }
        ),
        "checkin_form": CheckInForm(group=group, initial={"week": this_week}),
        "my_weeks": [w for w in membership.weeks.all() if w.attempts or w.manual],
        "manual_weeks": list(
            GroupWeek.objects.filter(membership=membership, manual=True).values_list(
                "week", flat=True
            )
        ),
        "my_asks": [
            (a, a.pk in shared_ids) for a in services.asks_in_period(membership).reverse()[:20]
        ],
        "this_week": this_week,
        "weeks": range(1, group.weeks + 1),
        "invite_url": request.build_absolute_uri(
            reverse("groups:join", kwargs={"invite": group.invite_code})
        ),
        "board_minimum": reading.BOARD_MINIMUM,
        "lessons": lessons_shared_with(group),
    }
    return render(request, "groups/detail.html", context)


def _page_number(request: AuthedRequest) -> int:
    text = request.GET.get("page", "1")
    return int(text) if text.isdigit() else 1


def _act(request: AuthedRequest, code, action) -> HttpResponse:
    """Run an action on the user's membership; a refusal becomes a message."""
    membership = get_membership(request.user, code)
    try:
        done = action(membership)
    except services.GroupError as exc:
        messages.error(request, str(exc))
    else:
        if done:
            messages.success(request, done)
    return redirect("groups:detail", code=code)


@login_required
@require_POST
def sharing(request: AuthedRequest, code) -> HttpResponse:
    form = SharingForm(request.POST)
    form.is_valid()  # three tick boxes: always valid

    def save(membership):
        services.set_sharing(membership, **form.cleaned_data)
        return "Saved what you show the group."

    return _act(request, code, save)


@login_required
@require_POST
def check_in(request: AuthedRequest, code) -> HttpResponse:
    membership = get_membership(request.user, code)
    form = CheckInForm(request.POST, group=membership.group)
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label or 'Check-in'}: {errors[0]}")
        return redirect("groups:detail", code=code)

    def save(membership):
        services.check_in(membership, **form.cleaned_data)
        return f"Week {form.cleaned_data['week']} checked in."

    return _act(request, code, save)


@login_required
@require_POST
def undo_check_in(request: AuthedRequest, code, week: int) -> HttpResponse:
    def undo(membership):
        services.undo_check_in(membership, week)
        return f"Week {week} counts from your log again."

    return _act(request, code, undo)


@login_required
@require_POST
def share(request: AuthedRequest, code, ask_code) -> HttpResponse:
    ask = get_ask_for_user(request.user, ask_code)
    unshare = request.POST.get("unshare") == "1"

    def toggle(membership):
        if unshare:
            services.unshare_ask(membership, ask)
            return "No longer shared."
        services.share_ask(membership, ask)
        return "Shared with the group."

    return _act(request, code, toggle)


@login_required
@require_POST
def cheer(request: AuthedRequest, code, event_id: int) -> HttpResponse:
    membership = get_membership(request.user, code)
    event = get_event(membership, event_id)
    try:
        services.toggle_cheer(membership, event)
    except services.GroupError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("groups:detail", kwargs={"code": code}) + "#feed")


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: AuthedRequest, code) -> HttpResponse:
    membership = get_membership(request.user, code)
    if request.method == "GET":
        return render(request, "groups/leave.html", {"group": membership.group})
    try:
        services.leave(membership)
    except services.GroupError as exc:
        messages.error(request, str(exc))
        return redirect("groups:detail", code=code)
    messages.info(request, f"You left {membership.group.name}. Your log is untouched.")
    return redirect("groups:index")


@login_required
def week(request: AuthedRequest, code, number: int) -> HttpResponse:
    membership = get_membership(request.user, code)
    group = membership.group
    if not 1 <= number <= group.weeks:
        raise Http404("No such week.")
    context = {
        "group": group,
        "digest": reading.digest(group, membership, number),
        "weeks": range(1, group.weeks + 1),
    }
    return render(request, "groups/week.html", context)


@login_required
def summary(request: AuthedRequest, code) -> HttpResponse:
    membership = get_membership(request.user, code)
    context = {"group": membership.group, "summary": reading.summary(membership.group)}
    return render(request, "groups/summary.html", context)


@login_required
def summary_csv(request: AuthedRequest, code) -> HttpResponse:
    group = get_membership(request.user, code).group
    response = HttpResponse(reading.summary_csv(group), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="group-{group.start}.csv"'
    return response


# The organiser ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def manage(request: AuthedRequest, code) -> HttpResponse:
    organiser = get_organised(request.user, code)
    group = organiser.group
    form = InvitesForm(
        request.POST or None,
        initial={
            "invites_open": group.invites_open,
            "invite_expires": group.invite_expires,
            "member_cap": group.member_cap,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_invites(organiser, form.cleaned_data)
        except services.GroupError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Invite settings saved.")
        return redirect("groups:manage", code=code)
    members = Membership.objects.filter(group=group, left_at=None).select_related("user")
    context = {
        "group": group,
        "organiser": organiser,
        "form": form,
        "members": members,
        "invite_url": request.build_absolute_uri(
            reverse("groups:join", kwargs={"invite": group.invite_code})
        ),
    }
    return render(request, "groups/manage.html", context, status=400 if form.errors else 200)


def _organise(request: AuthedRequest, code, action) -> HttpResponse:
    organiser = get_organised(request.user, code)
    try:
        done = action(organiser)
    except services.GroupError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("groups:manage", code=code)


@login_required
@require_POST
def remove_member(request: AuthedRequest, code, member_id: int) -> HttpResponse:
    def remove(organiser):
        member = get_member(organiser, member_id)
        services.remove_member(organiser, member)
        return f"{member.user.shown_name} is no longer in the group."

    return _organise(request, code, remove)


@login_required
@require_POST
def promote(request: AuthedRequest, code, member_id: int) -> HttpResponse:
    def promote_member(organiser):
        member = services.make_organiser(organiser, get_member(organiser, member_id))
        return f"{member.user.shown_name} is now an organiser too."

    return _organise(request, code, promote_member)


@login_required
@require_POST
def rotate(request: AuthedRequest, code) -> HttpResponse:
    def new_code(organiser):
        group = services.rotate_code(organiser)
        return f"New invite code {group.invite_code}: the old code and link no longer work."

    return _organise(request, code, new_code)


@login_required
@require_POST
def close(request: AuthedRequest, code) -> HttpResponse:
    def close_it(organiser):
        services.close_group(organiser)
        return "The group is closed: its history stays readable."

    return _organise(request, code, close_it)
