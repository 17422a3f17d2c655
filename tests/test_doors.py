"""One use case per change, whichever door it comes in by.

For each change below, every door that offers it (a web page's form, the JSON API under
/api/, the `nomentum` command run in-process) must call the one use case in the app's
services.py, through the module attribute (``services.log_ask(...)``), exactly once,
and the change must land in the database. A spy wraps the real function, so the real
change still happens; a door that wrote the rows itself, or called a copy imported
under another name, leaves the spy uncalled and fails here.

A door that does not exist has no case: each change class below has a ``web``, ``api``
or ``cli`` method only where that door exists (see the apps' urls.py, api/*.py and
cli/*.py). At the time of writing the command line has no edit, delete, merge,
follow-up, goal or check-in command, and the API has no check-in endpoint; a door added
for one of them should get its method here.
"""

import json
from contextlib import ExitStack
from datetime import date, timedelta
from types import ModuleType, SimpleNamespace
from typing import Any
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nomentum.accounts import services as accounts
from nomentum.accounts.models import ApiToken, User
from nomentum.asks import services as asks
from nomentum.asks.models import Ask, Contact, FollowUp
from nomentum.challenges import services as challenges
from nomentum.challenges.forms import ChallengeForm
from nomentum.challenges.models import Challenge, Goal
from nomentum.coach import services as coach
from nomentum.coach.models import Plan
from nomentum.groups import services as groups
from nomentum.groups.models import GroupWeek, Membership
from tests import factories

# The doors -------------------------------------------------------------------------
# Each is made before the spy goes on: the API door's bearer token is made with
# ``create_token``, which must not count as a call of the door being tested.


class Web:
    """The actor's browser: logged in; the test client does not enforce CSRF."""

    def __init__(self, user: User):
        self.client = Client()
        self.client.force_login(user)

    def post(self, url: str, data: dict[str, Any] | None = None):
        response = self.client.post(url, data or {})
        assert response.status_code in (200, 302), response.content.decode()[:2000]
        return response


class Api:
    """A script with the actor's token, sending JSON."""

    def __init__(self, user: User):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {accounts.create_token(user)[1]}"}

    def call(self, method: str, path: str, body: dict | None = None, status=200, **headers):
        kwargs: dict[str, Any] = {
            "content_type": "application/json",
            "headers": self.headers | headers,
        }
        if body is not None:
            kwargs["data"] = json.dumps(body)
        response = getattr(self.client, method)(f"/api{path}", **kwargs)
        assert response.status_code == status, response.content.decode()[:2000]
        return response.json() if response.content else None


class Cli:
    """The `nomentum` command in-process, as the actor, asking for JSON."""

    def __init__(self, user: User, cli):
        self.user, self.cli = user, cli

    def run(self, *argv: str) -> dict:
        code, out, err = self.cli(*argv, "--user", self.user.username, "--json")
        assert code == 0, err
        return json.loads(out)


DOORS = ("web", "api", "cli")


def _door(kind: str, user: User, cli) -> Web | Api | Cli:
    return Cli(user, cli) if kind == "cli" else {"web": Web, "api": Api}[kind](user)


# The changes -----------------------------------------------------------------------


class Change:
    """A change: its use case, how to arrange the world before it, the first argument
    the use case must get, what the database shows after it, and one method per door
    that exists (``web``, ``api``, ``cli``)."""

    id: str
    module: ModuleType
    function: str
    entry: str | None = None  # what the doors call, when it is not the use case itself

    def arrange(self, owner: User) -> SimpleNamespace:
        return SimpleNamespace(actor=owner)

    def subject(self, state: SimpleNamespace):
        return state.actor

    def landed(self, state: SimpleNamespace) -> None:
        raise NotImplementedError


REQUEST = "Ask the café for a free refill"


def _ask(owner: User, request: str = REQUEST, **fields) -> Ask:
    return asks.log_ask(owner, {"request": request, **fields}).ask


class LogAsk(Change):
    id, module, function = "log", asks, "log_ask"

    def web(self, web: Web, s):
        web.post(reverse("asks:create"), {"request": REQUEST})

    def api(self, api: Api, s):
        api.call("post", "/asks", {"request": REQUEST}, status=201)

    def cli(self, cli: Cli, s):
        cli.run("log", REQUEST)

    def landed(self, s):
        requests = Ask.objects.filter(owner=s.actor).values_list("request", flat=True)
        assert list(requests) == [REQUEST]


class LogAskRetrySafe(Change):
    """The API's other way in: a request with an Idempotency-Key, and its retry. The
    retry answers with the first ask (200) and logs nothing more."""

    id, module, function = "log-with-idempotency-key", asks, "log_ask"
    landed = LogAsk.landed

    def api(self, api: Api, s):
        key = {"Idempotency-Key": "doors-retry-1"}
        first = api.call("post", "/asks", {"request": REQUEST}, status=201, **key)
        again = api.call("post", "/asks", {"request": REQUEST}, status=200, **key)
        assert again["code"] == first["code"]


class RecordOutcome(Change):
    """The doors call ``record_answer`` (the form's data), which calls ``record_outcome``:
    both are spied, so a door holding its own copy of ``record_answer`` fails too."""

    id, module, function, entry = "outcome", asks, "record_outcome", "record_answer"

    def arrange(self, owner):
        return SimpleNamespace(actor=owner, ask=_ask(owner))

    def subject(self, s):
        return s.ask

    def web(self, web: Web, s):
        web.post(reverse("asks:outcome", args=[s.ask.code]), {"outcome": "no"})

    def api(self, api: Api, s):
        api.call("post", f"/asks/{s.ask.code}/outcome", {"outcome": "no"})

    def cli(self, cli: Cli, s):
        cli.run("outcome", str(s.ask.code), "no")

    def landed(self, s):
        s.ask.refresh_from_db()
        assert (s.ask.outcome, s.ask.answered_on) == ("no", timezone.localdate())


class UpdateAsk(Change):
    id, module, function = "edit", asks, "update_ask"
    EDITED = "Ask the café for two free refills"

    def arrange(self, owner):
        return SimpleNamespace(actor=owner, ask=_ask(owner))

    def subject(self, s):
        return s.ask

    def web(self, web: Web, s):
        web.post(reverse("asks:edit", args=[s.ask.code]), {"request": self.EDITED})

    def api(self, api: Api, s):
        api.call("patch", f"/asks/{s.ask.code}", {"request": self.EDITED})

    def landed(self, s):
        s.ask.refresh_from_db()
        assert s.ask.request == self.EDITED


class DeleteAsk(Change):
    id, module, function = "delete", asks, "delete_ask"

    def arrange(self, owner):
        return SimpleNamespace(actor=owner, ask=_ask(owner))

    def subject(self, s):
        return s.ask

    def web(self, web: Web, s):
        web.post(reverse("asks:delete", args=[s.ask.code]))

    def api(self, api: Api, s):
        api.call("delete", f"/asks/{s.ask.code}", status=204)

    def landed(self, s):
        assert not Ask.objects.filter(pk=s.ask.pk).exists()


class MergeContacts(Change):
    id, module, function = "merge", asks, "merge_contacts"

    def arrange(self, owner):
        first = _ask(owner, "Ask Dana for coffee", to="Dana Lee", outcome="yes")
        second = _ask(owner, "Ask Dana for an intro", to="Dana Leigh", outcome="yes")
        return SimpleNamespace(actor=owner, keep=first.person, other=second.person)

    def subject(self, s):
        return s.keep

    def web(self, web: Web, s):
        web.post(reverse("contacts:merge", args=[s.keep.code]), {"other": str(s.other.code)})

    def api(self, api: Api, s):
        api.call("post", f"/contacts/{s.keep.code}/merge", {"other": str(s.other.code)})

    def landed(self, s):
        assert not Contact.objects.filter(pk=s.other.pk).exists()
        assert Ask.objects.filter(owner=s.actor, person=s.keep).count() == 2


class SettleFollowUp(Change):
    """Done, snoozed or dismissed: one use case, three buttons and three endpoints."""

    module, function = asks, "settle_followup"

    def __init__(self, action: str):
        self.action = action
        self.id = f"settle-{action}"

    def arrange(self, owner):
        ask = _ask(owner, "Ask Kim for a referral", to="Kim Park", outcome="no")
        return SimpleNamespace(actor=owner, followup=ask.followups.get(kind="thank-you"))

    def subject(self, s):
        return s.followup

    def web(self, web: Web, s):
        s.until = timezone.localdate() + timedelta(days=asks.SNOOZE_DAYS)  # the button's
        web.post(reverse("followups:act", args=[s.followup.code, self.action]))

    def api(self, api: Api, s):
        s.until, body = timezone.localdate() + timedelta(days=5), None
        if self.action == "snooze":
            body = {"until": s.until.isoformat()}
        api.call("post", f"/followups/{s.followup.code}/{self.action}", body)

    def landed(self, s):
        s.followup.refresh_from_db()
        if self.action == "snooze":
            assert (s.followup.status, s.followup.due) == (FollowUp.Status.OPEN, s.until)
        else:
            done = {"done": FollowUp.Status.DONE, "dismiss": FollowUp.Status.DISMISSED}
            assert s.followup.status == done[self.action]


class StartChallenge(Change):
    id, module, function = "challenge-start", challenges, "start_challenge"
    NAME = "Doors: 100 in 30"

    def web(self, web: Web, s):
        initial = ChallengeForm.initial_for("100-in-30", timezone.localdate()) | {"name": self.NAME}
        data = {k: v for k, v in initial.items() if v is not None}
        web.post(reverse("challenges:start", args=["100-in-30"]), data)

    def api(self, api: Api, s):
        api.call("post", "/challenges", {"template": "100-in-30", "name": self.NAME}, status=201)

    def cli(self, cli: Cli, s):
        cli.run("challenge", "start", "100-in-30", "--name", self.NAME)

    def landed(self, s):
        [challenge] = Challenge.objects.filter(owner=s.actor)
        assert (challenge.name, challenge.target) == (self.NAME, 100)


class AddGoal(Change):
    id, module, function = "goal-add", challenges, "add_goal"

    def arrange(self, owner):
        return SimpleNamespace(actor=owner, challenge=factories.start_challenge(owner, "100-in-30"))

    def subject(self, s):
        return s.challenge

    def web(self, web: Web, s):
        url = reverse("challenges:add_goal", args=[s.challenge.code])
        web.post(url, {"count": 3, "metric": "no", "period": "week"})

    def api(self, api: Api, s):
        body = {"count": 3, "metric": "no", "period": "week"}
        api.call("post", f"/challenges/{s.challenge.code}/goals", body, status=201)

    def landed(self, s):
        [goal] = Goal.objects.filter(challenge=s.challenge)
        assert (goal.count, goal.metric, goal.period) == (3, "no", "week")


class CreatePlan(Change):
    id, module, function = "plan-make", coach, "create_plan"
    ANSWERS = {
        "areas": ["everyday", "social"],
        "fears": ["strangers"],
        "comfort": 1,
        "weeks": 4,
        "target": 20,
    }

    def web(self, web: Web, s):
        web.post(reverse("coach:questionnaire"), self.ANSWERS)

    def api(self, api: Api, s):
        api.call("post", "/plan", self.ANSWERS, status=201)

    def cli(self, cli: Cli, s):
        a = self.ANSWERS
        cli.run(
            "plan",
            *("--areas", ",".join(a["areas"]), "--fear-picks", ",".join(a["fears"])),
            *("--comfort", str(a["comfort"]), "--weeks", str(a["weeks"])),
            *("--target", str(a["target"])),
        )

    def landed(self, s):
        [plan] = Plan.objects.filter(owner=s.actor)
        assert (plan.areas, plan.weeks, plan.target) == (["everyday", "social"], 4, 20)
        assert plan.items.exists()


def _november(owner: User):
    """ "November of NO", organised by alice."""
    data = {"name": "November of NO", "start": date(2026, 11, 1), "end": date(2026, 11, 30)}
    return groups.create_group(owner, data | {"weekly_goal": 3})


class JoinGroup(Change):
    id, module, function = "group-join", groups, "join_group"

    def arrange(self, owner):
        bob = User.objects.create_user("bob", "bob@example.com", "bob's long passphrase")
        return SimpleNamespace(actor=bob, group=_november(owner).group)

    def web(self, web: Web, s):
        web.post(reverse("groups:join", args=[s.group.invite_code]), {"weekly_goal": 4})

    def api(self, api: Api, s):
        body = {"code": s.group.invite_code, "weekly_goal": 4}
        api.call("post", "/groups/join", body, status=201)

    def cli(self, cli: Cli, s):
        cli.run("group", "join", s.group.invite_code, "--weekly-goal", "4")

    def landed(self, s):
        joined = Membership.objects.get(group=s.group, user=s.actor)
        assert (joined.left_at, joined.weekly_goal, joined.role) == (None, 4, "member")


class CheckIn(Change):
    id, module, function = "check-in", groups, "check_in"

    def arrange(self, owner):
        return SimpleNamespace(actor=owner, membership=_november(owner))

    def subject(self, s):
        return s.membership

    def web(self, web: Web, s):
        url = reverse("groups:check_in", args=[s.membership.group.code])
        web.post(url, {"week": 2, "attempts": 5, "nos": 3, "yeses": 1})

    def landed(self, s):
        week = GroupWeek.objects.get(membership=s.membership, week=2)
        assert (week.attempts, week.nos, week.yeses, week.manual) == (5, 3, 1, True)


class CreateToken(Change):
    id, module, function = "token-create", accounts, "create_token"
    NAME = "doors laptop"

    def web(self, web: Web, s):
        web.post(reverse("tokens"), {"name": self.NAME})

    def api(self, api: Api, s):
        api.call("post", "/tokens", {"name": self.NAME}, status=201)

    def cli(self, cli: Cli, s):
        cli.run("token", "create", "--name", self.NAME)

    def landed(self, s):
        [token] = ApiToken.objects.filter(user=s.actor, name=self.NAME)
        assert token.revoked_at is None


CHANGES: list[Change] = [
    LogAsk(),
    LogAskRetrySafe(),
    RecordOutcome(),
    UpdateAsk(),
    DeleteAsk(),
    MergeContacts(),
    *(SettleFollowUp(action) for action in ("done", "snooze", "dismiss")),
    StartChallenge(),
    AddGoal(),
    CreatePlan(),
    JoinGroup(),
    CheckIn(),
    CreateToken(),
]

CASES = [
    pytest.param(change, door, id=f"{change.id}-{door}")
    for change in CHANGES
    for door in DOORS
    if hasattr(change, door)
]


def _identity(obj) -> tuple[str, Any]:
    """Which row an object is (``request.user`` is a lazy stand-in for it): by its code
    where it has one, as a deleted row has no pk."""
    return obj._meta.label, getattr(obj, "code", None) or obj.pk


@pytest.fixture
def local_cli(cli, monkeypatch):
    """The command on this database, never through a server named in the environment."""
    for name in ("NOMENTUM_URL", "NOMENTUM_TOKEN", "NOMENTUM_USER"):
        monkeypatch.delenv(name, raising=False)
    return cli


@pytest.mark.parametrize(("change", "door"), CASES)
def test_the_door_makes_the_change_through_its_one_use_case_once(
    change: Change, door: str, owner, local_cli
):
    state = change.arrange(owner)
    entrance = _door(door, state.actor, local_cli)
    names = [change.function, *([change.entry] if change.entry else [])]
    with ExitStack() as stack:
        spies = {
            name: stack.enter_context(
                mock.patch.object(change.module, name, wraps=getattr(change.module, name))
            )
            for name in names
        }
        getattr(change, door)(entrance, state)
    for name, spy in spies.items():
        called = f"{change.module.__name__}.{name}"
        assert spy.call_count == 1, f"the {door} door called {called} {spy.call_count} times"
        assert _identity(spy.call_args.args[0]) == _identity(change.subject(state))
    change.landed(state)
