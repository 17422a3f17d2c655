import zoneinfo

from django.utils import timezone

_CSP = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def content_security_policy(get_response):
    def middleware(request):
        response = get_response(request)
        # The admin and the API docs ship inline scripts and styles of their own; our
        # pages have none.
        if not request.path.startswith(("/admin/", "/api/docs")):
            response.headers.setdefault("Content-Security-Policy", _CSP)
        return response

    return middleware


def user_timezone(get_response):
    """Dates such as "today" are the user's today, not the server's."""

    def middleware(request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.timezone:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.timezone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return get_response(request)

    return middleware


NUL_REFUSED = "Text can't contain NUL characters (\\0)."
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def refuse_nul_characters(get_response):
    """A NUL character in the address, a query or a form is refused with a 400:
    PostgreSQL can't store or even compare text holding one. (Forms refuse it in their
    fields too; JSON bodies are checked by the API's parser.)"""
    from django.http import HttpResponseBadRequest, JsonResponse

    def middleware(request):
        values = [request.path, *request.GET.values()]
        # The API reads its own bodies (its parser refuses NUL there); reading a form
        # here would leave the API nothing to read.
        api = request.path.startswith("/api/")
        if request.method == "POST" and request.content_type in FORM_TYPES and not api:
            values += request.POST.values()  # (parsed once; CSRF checks read it anyway)
        if any("\x00" in v for v in values):
            if request.path.startswith("/api/"):  # the API speaks JSON, errors included
                refused = JsonResponse({"detail": NUL_REFUSED}, status=400)
                refused["Cache-Control"] = "private, no-store"
                return refused
            return HttpResponseBadRequest(NUL_REFUSED)
        return get_response(request)

    return middleware


def private_answers_are_not_stored(get_response):
    """A page for a signed-in person, or any API answer, is theirs alone: no browser or
    proxy keeps a copy (a shared computer's back button shows nothing)."""

    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith("/api/") or (user is not None and user.is_authenticated):
            response["Cache-Control"] = "private, no-store"
        return response

    return middleware
