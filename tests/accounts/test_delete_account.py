"""Delete my account: every row the user owns goes, in every table; nobody else's does;
their groups carry on with a new organiser, or go if nobody is left in them."""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from nomentum.accounts import services
from nomentum.accounts.models import User
from nomentum.asks import services as asks
from nomentum.asks.services import fingerprint, log_ask_once
from nomentum.coach import services as coach
from nomentum.coach.models import Idea
from nomentum.groups import board
from nomentum.groups import services as groups
from nomentum.groups.models import Event, Group, Membership
from tests import factories
from tests.accounts.conftest import app_code, enrol, log_in, make_stale

PASSWORD = "a sturdy passphrase 42"
BY_NAME = (AccessAttempt, AccessFailureLog, AccessLog)  # axes keys its records by username


def person(name: str) -> User:
    return User.objects.create_user(name, f"{name}@example.com", PASSWORD)


def rows_of(pk: int, username: str) -> dict[str, set]:
    """Every row pointing at the user, directly or through a chain of foreign keys to
    rows that do (a cheer on their milestone, a goal of their challenge…), plus the
    records kept by username. {model label: primary keys}."""
    found: dict[str, set] = {User._meta.label: {pk}}
    relations = [
        (model, field)
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.get_fields()
        if field.concrete and (field.many_to_one or field.one_to_one)
    ]
    changed = True
    while changed:
        changed = False
        for model, field in relations:
            targets = found.get(field.related_model._meta.label)
            if not targets:
                continue
            pks = set(
                model._default_manager.filter(**{f"{field.name}__in": targets}).values_list(
                    "pk", flat=True
                )
            )
            mine = found.setdefault(model._meta.label, set())
            if pks - mine:
                mine |= pks
                changed = True
    for model in BY_NAME:
        found[model._meta.label] = set(
            model.objects.filter(username=username).values_list("pk", flat=True)
        )
    return {label: pks for label, pks in found.items() if pks}


def sessions_of(pk: int) -> list[str]:
    return [
        s.session_key
        for s in Session.objects.all()
        if s.get_decoded().get("_auth_user_id") == str(pk)
    ]


def fill_an_account(user: User, group: Group, others: list[User]) -> Membership:
    """Something of the user in every table, made by the app's own use cases."""
    today = timezone.localdate()
    first = asks.log_ask(user, {"request": "Ask Acme for a role", "to": "Dana Lee, Acme"}).ask
    asks.record_outcome(first, "no", sting=3, lesson="Ask the team lead")
    asks.log_ask(user, {"request": "Ask for a discount", "to": "Corner Books", "outcome": "yes"})
    log_ask_once(user, {"request": "Ask for a coffee chat"}, "key-1", fingerprint({"r": 1}))
    challenge = factories.start_challenge(user, "100-in-30")
    factories.add_goal(challenge, count=3)
    factories.make_plan(user, areas=["career"], weeks=2, target=6)
    idea = coach.add_idea(user, {"text": "Ask a stranger for a book tip", "area": "everyday",
                                 "tier": "comfort"})  # fmt: skip
    coach.hide_idea(user, Idea.objects.filter(owner=None).first())
    coach.set_idea_done(user, idea, today)
    services.create_token(user, name="laptop")
    mine = Membership.objects.get(group=group, user=user)
    groups.share_ask(mine, first)
    groups.check_in(mine, 1, attempts=5, nos=4, yeses=1)
    for other in others:  # they cheer the user's news, the user cheers theirs
        theirs = Membership.objects.get(group=group, user=other)
        groups.toggle_cheer(theirs, Event.objects.filter(membership=mine).first())
        groups.toggle_cheer(mine, Event.objects.filter(membership=theirs).first())
    return mine


def test_deleting_an_account_leaves_no_row_of_it_in_any_table(db):
    today = timezone.localdate()
    bob, cy, dee = person("bob"), person("cy"), person("dee")
    vic = person("vic")
    period = {"start": today - timedelta(days=3), "end": today + timedelta(days=24)}
    group = groups.create_group(vic, {"name": "November of NO", **period, "on_board": True}).group
    for other in (bob, cy, dee):
        theirs = groups.join_group(other, group, weekly_goal=3, on_board=True)
        asks.log_ask(other, {"request": f"{other} asks for a raise", "outcome": "no"})
        groups.check_in(theirs, 2, attempts=3, nos=2, yeses=1)
    # Sign in (twice), fail once, so sessions and the lockout records exist.
    browsers = [Client(), Client()]
    for browser in browsers:
        assert log_in(browser, "vic", PASSWORD).status_code == 302
    log_in(Client(), "vic", "not the password")
    fill_an_account(vic, group, [bob, cy])
    groups.leave(Membership.objects.get(group=group, user=dee))  # a former member stays one
    enrol(vic)

    pk = vic.pk
    before = rows_of(pk, "vic")
    assert {
        "accounts.User", "accounts.ApiToken", "accounts.IdempotencyKey", "accounts.UserSession",
        "asks.Ask", "asks.Contact", "asks.FollowUp", "challenges.Challenge", "challenges.Goal",
        "coach.Plan", "coach.PlanItem", "coach.Idea", "coach.IdeaMark", "groups.Membership",
        "groups.GroupWeek", "groups.SharedAsk", "groups.Event", "groups.Cheer",
        "otp_totp.TOTPDevice", "otp_static.StaticDevice", "otp_static.StaticToken",
        "axes.AccessAttempt", "axes.AccessLog",
    } <= before.keys()  # fmt: skip
    assert len(sessions_of(pk)) == 2
    bystanders = {u.username: rows_of(u.pk, u.username) for u in (bob, cy, dee)}
    counters = {
        m.user.username: (m.attempts, m.nos, m.yeses, m.progress)
        for m in Membership.objects.filter(group=group).exclude(user=vic)
    }

    services.delete_account(vic)

    assert rows_of(pk, "vic") == {"accounts.User": {pk}}  # the starting point, nothing else
    assert not User.objects.filter(pk=pk).exists()
    assert sessions_of(pk) == []
    for browser in browsers:
        assert browser.get("/accounts/settings/").status_code == 302  # signed out
    # Theirs stay, but for what also hung on vic's (their cheers on vic's news).
    for name, rows in bystanders.items():
        kept = {label: pks - before.get(label, set()) for label, pks in rows.items()}
        user = User.objects.get(username=name)
        assert rows_of(user.pk, name) == {label: pks for label, pks in kept.items() if pks}
    assert before["groups.Cheer"] & bystanders["bob"]["groups.Cheer"]  # there was one
    assert {
        m.user.username: (m.attempts, m.nos, m.yeses, m.progress)
        for m in Membership.objects.filter(group=group)
    } == counters
    numbers = board.summary(group)
    assert (numbers["members"], numbers["counted"]) == (2, 2)
    assert Membership.objects.get(group=group, user=bob).role == "organiser"


def test_the_longest_standing_member_becomes_organiser_and_counts_stay(db):
    today = timezone.localdate()
    ann, bob, cy, dee = person("ann"), person("bob"), person("cy"), person("dee")
    period = {"start": today - timedelta(days=1), "end": today + timedelta(days=27)}
    group = groups.create_group(ann, {"name": "Month of NO", **period, "on_board": True}).group
    for other in (bob, cy, dee):
        groups.join_group(other, group, weekly_goal=3, on_board=True)
        asks.log_ask(other, {"request": f"{other} asks for a table by the window", "outcome": "no"})
    asks.log_ask(ann, {"request": "Ask for a raise", "outcome": "no"})
    asks.log_ask(ann, {"request": "Ask for a day off", "outcome": "yes"})
    with_ann = board.summary(group)
    assert (with_ann["counted"], with_ann["nos"], with_ann["attempts"]) == (4, 4, 5)

    services.delete_account(ann)

    roles = dict(Membership.objects.filter(group=group).values_list("user__username", "role"))
    assert roles == {"bob": "organiser", "cy": "member", "dee": "member"}
    without = board.summary(group)
    assert (without["members"], without["counted"]) == (3, 3)
    assert (without["attempts"], without["nos"], without["yeses"]) == (3, 3, 0)
    assert sum(w["nos"] for w in without["weeks"]) == 3


def test_another_organiser_keeps_the_group_as_it_is(db):
    ann, bob, cy = person("ann"), person("bob"), person("cy")
    today = timezone.localdate()
    group = groups.create_group(ann, {"name": "Ours", "start": today, "end": today}).group
    groups.join_group(bob, group, weekly_goal=3)
    groups.make_organiser(
        Membership.objects.get(user=ann), groups.join_group(cy, group, weekly_goal=3)
    )
    services.delete_account(ann)
    roles = dict(Membership.objects.filter(group=group).values_list("user__username", "role"))
    assert roles == {"bob": "member", "cy": "organiser"}


def test_a_group_left_with_nobody_in_it_is_deleted(db):
    ann, bob = person("ann"), person("bob")
    today = timezone.localdate()
    solo = groups.create_group(ann, {"name": "Just me", "start": today, "end": today}).group
    left = groups.create_group(ann, {"name": "Left by bob", "start": today, "end": today}).group
    groups.leave(groups.join_group(bob, left, weekly_goal=3))
    kept = groups.create_group(bob, {"name": "Bob's", "start": today, "end": today}).group
    groups.join_group(ann, kept, weekly_goal=3)
    services.delete_account(ann)
    assert list(Group.objects.values_list("name", flat=True)) == ["Bob's"]
    assert not Group.objects.filter(pk__in=[solo.pk, left.pk]).exists()


def test_the_delete_page_asks_for_the_password_again(owner_client, owner):
    page = owner_client.get("/accounts/delete/")
    assert page.status_code == 200
    assert b"Delete your account" in page.content and b'name="code"' not in page.content
    wrong = owner_client.post("/accounts/delete/", {"password": "not it"})
    assert wrong.status_code == 400
    assert "That isn&#x27;t your password. Try again?" in wrong.content.decode()
    assert User.objects.filter(pk=owner.pk).exists()

    done = owner_client.post("/accounts/delete/", {"password": "alice's long passphrase"})
    assert done.status_code == 302 and done["Location"] == "/"
    assert not User.objects.filter(username="alice").exists()
    farewell = owner_client.get("/")
    assert farewell.context["user"].is_anonymous
    assert "Your account and everything in it are deleted" in farewell.content.decode()


def test_with_two_step_sign_in_the_delete_page_asks_for_a_code_too(owner_client, owner):
    device, _ = enrol(owner)
    page = owner_client.get("/accounts/delete/")
    assert b'name="code"' in page.content
    no_code = owner_client.post("/accounts/delete/", {"password": "alice's long passphrase"})
    assert no_code.status_code == 400 and b"Enter the code, please." in no_code.content
    wrong = owner_client.post(
        "/accounts/delete/", {"password": "alice's long passphrase", "code": "000000"}
    )
    assert wrong.status_code == 400 and b"That code didn&#x27;t work" in wrong.content
    assert User.objects.filter(pk=owner.pk).exists()
    device.throttling_failure_count = 0
    device.save()
    done = owner_client.post(
        "/accounts/delete/", {"password": "alice's long passphrase", "code": app_code(device)}
    )
    assert done.status_code == 302
    assert not User.objects.filter(pk=owner.pk).exists()


def test_a_wrong_password_does_not_use_up_a_recovery_code(owner_client, owner):
    _, codes = enrol(owner)
    owner_client.post("/accounts/delete/", {"password": "not it", "code": codes[0]})
    assert owner.staticdevice_set.get().token_set.filter(token=codes[0]).exists()


def test_the_delete_page_wants_a_recent_password(owner_client):
    make_stale(owner_client)
    response = owner_client.get("/accounts/delete/")
    assert response["Location"] == "/accounts/confirm/?next=%2Faccounts%2Fdelete%2F"


def test_deluser_asks_before_deleting(cli, owner, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "alicia")
    code, _, err = cli("deluser", "alice")
    assert code == 2 and "not deleted: the name didn't match" in err
    assert User.objects.filter(username="alice").exists()
    monkeypatch.setattr("builtins.input", lambda prompt: "alice")
    assert cli("deluser", "alice")[:2] == (0, "Deleted account 'alice'.\n")
    assert not User.objects.filter(username="alice").exists()


def test_deluser_with_yes_deletes_at_once_and_names_a_missing_account(cli, owner, make_ask):
    make_ask("Ask for a window seat")
    assert cli("deluser", "bob", "--yes") == (2, "", "nomentum: no account named 'bob'\n")
    code, out, _ = cli("deluser", "alice", "--yes", "--json")
    assert (code, out) == (0, '{"username": "alice", "deleted": true}\n')
    assert not User.objects.exists()


def test_deluser_without_a_terminal_needs_yes(cli, owner, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, err = cli("deluser", "alice")
    assert code == 2 and "--yes" in err
    assert User.objects.filter(username="alice").exists()
