from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from nomentum.asks import services
from nomentum.asks.access import (
    asks_for_user,
    contacts_for_user,
    followups_for_user,
    get_contact_for_user,
)
from nomentum.asks.forms import ContactForm
from nomentum.asks.models import FollowUp, Outcome
from nomentum.errors import Invalid
from nomentum.http import AuthedRequest


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    contacts = (
        contacts_for_user(request.user)
        .annotate(
            asks=Count("asks_as_person", distinct=True) + Count("asks_as_company", distinct=True),
            nos=Count("asks_as_person", filter=Q(asks_as_person__outcome=Outcome.NO), distinct=True)
            + Count(
                "asks_as_company",
                filter=Q(asks_as_company__outcome=Outcome.NO, asks_as_company__person=None),
                distinct=True,
            ),
        )
        .select_related("company", "referred_by")
    )
    q = request.GET.get("q", "").strip()
    if q:
        contacts = contacts.filter(name__icontains=q)
    return render(request, "asks/contacts.html", {"contacts": contacts, "q": q})


@login_required
@require_http_methods(["GET", "POST"])
def detail(request: AuthedRequest, code) -> HttpResponse:
    contact = get_contact_for_user(request.user, code)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        services.update_contact(contact, form.cleaned_data)
        messages.success(request, "Saved.")
        return redirect("contacts:detail", code=contact.code)
    if request.method == "POST":
        contact.refresh_from_db()
    asks = asks_for_user(request.user).filter(Q(person=contact) | Q(company=contact))
    context = {
        "contact": contact,
        "verdict": services.may_ask(contact),
        "form": form,
        "asks": asks,
        "followups": followups_for_user(request.user).filter(
            contact=contact, status=FollowUp.Status.OPEN
        ),
        "referrals": contact.referrals.all(),
        "merge_options": contacts_for_user(request.user)
        .filter(kind=contact.kind)
        .exclude(pk=contact.pk),
    }
    return render(request, "asks/contact.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def merge(request: AuthedRequest, code) -> HttpResponse:
    keep = get_contact_for_user(request.user, code)
    other = get_contact_for_user(request.user, request.POST.get("other", ""))
    try:
        services.merge_contacts(keep, other)
    except Invalid as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Merged “{other.name}” into “{keep.name}”.")
    return redirect("contacts:detail", code=keep.code)
