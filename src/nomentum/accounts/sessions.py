"""The browsers signed in to an account, listed in Settings (``UserSession``): one row
made at each sign-in, refreshed now and then as the browser comes back, removed at
sign-out. The session itself holds which row is its own (``MARK``), so the row follows
the session when Django gives it a new key (at a password change, say)."""

import re
import time

from django.contrib.auth import logout
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from nomentum.accounts import reauth
from nomentum.accounts.models import USER_AGENT_MAX, User, UserSession
from nomentum.http import client_address

MARK = "nomentum_session"  # {"id": UserSession.code, "key": its store key, "seen": time}
SEEN_EVERY = 60  # seconds: "last seen" is written at most this often per browser


def signed_in(sender, request: HttpRequest | None, user: User, **kwargs) -> None:
    """``user_logged_in``: the password (and code) were just given; list this browser."""
    if request is None or not hasattr(request, "session"):
        return
    reauth.confirmed(request)
    start(request, user)


def signed_out(sender, request: HttpRequest | None, user: User | None, **kwargs) -> None:
    """``user_logged_out``: this browser is no longer signed in."""
    if request is None or not hasattr(request, "session"):
        return
    _own_row(request).delete()


def _own_row(request: HttpRequest) -> QuerySet[UserSession]:
    """This browser's row, found by the code its session holds."""
    code = current_code(request)
    return UserSession.objects.filter(code=code) if code else UserSession.objects.none()


def start(request: HttpRequest, user: User) -> UserSession:
    session = request.session
    if session.session_key is None:  # logging in as someone else empties the session
        session.save()
    _own_row(request).delete()  # signed in again in the same browser: one row, not two
    row = UserSession.objects.create(
        user=user,
        session_key=session.session_key or "",
        user_agent=short_user_agent(request.headers.get("User-Agent", "")),
        address=client_address(request)[:45],
    )
    session[MARK] = {"id": str(row.code), "key": session.session_key, "seen": time.time()}
    return row


def current_code(request: HttpRequest) -> str:
    mark = request.session.get(MARK)
    return str(mark.get("id", "")) if isinstance(mark, dict) else ""


def keep_sessions(get_response):
    """Keeps each signed-in browser's row up to date, and signs a browser out whose row
    was removed (by "Sign out" in Settings elsewhere) even if its session survived."""

    def middleware(request: HttpRequest):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            _keep(request, user)
        return get_response(request)

    return middleware


def _keep(request: HttpRequest, user: User) -> None:
    session = request.session
    mark = session.get(MARK)
    if not isinstance(mark, dict):  # signed in before sessions were listed
        start(request, user)
        return
    now, key = time.time(), session.session_key
    if mark.get("key") == key and now - float(mark.get("seen", 0)) < SEEN_EVERY:
        return
    kept = (
        _own_row(request).filter(user=user).update(session_key=key or "", last_seen=timezone.now())
    )
    if not kept:
        logout(request)
        return
    session[MARK] = mark | {"key": key, "seen": now}


_BROWSERS = [  # the first match names the browser (Edge and Opera say "Chrome" too)
    ("Edge", r"Edg(e|A|iOS)?/"),
    ("Opera", r"OPR/|Opera"),
    ("Samsung Internet", r"SamsungBrowser/"),
    ("Firefox", r"Firefox/|FxiOS/"),
    ("Chrome", r"Chrome/|CriOS/|Chromium/"),
    ("Safari", r"Safari/"),
]
_SYSTEMS = [
    ("iPhone", r"iPhone"),
    ("iPad", r"iPad"),
    ("Android", r"Android"),
    ("Windows", r"Windows"),
    ("ChromeOS", r"CrOS"),
    ("macOS", r"Mac OS X|Macintosh"),
    ("Linux", r"Linux|X11"),
]


def short_user_agent(agent: str) -> str:
    """The browser in short ("Firefox on Linux"), not the whole User-Agent: enough to
    recognise it, and nothing more is kept."""
    browser = next((name for name, pattern in _BROWSERS if re.search(pattern, agent)), "")
    system = next((name for name, pattern in _SYSTEMS if re.search(pattern, agent)), "")
    if browser and system:
        return f"{browser} on {system}"
    if browser or system:
        return browser or system
    first = agent.split(" ", 1)[0].split("/", 1)[0]  # "curl/8.5" -> "curl"
    return first[:USER_AGENT_MAX]
