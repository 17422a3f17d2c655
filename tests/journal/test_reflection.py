"""The weekly reflection at every door: saved per prompt (two tabs never lose each
other's text), private to its author, and the same through the web, the API and the CLI."""

import io
import json
import sys
from datetime import date

import pytest
from django.urls import reverse

from nomentum.accounts.services import create_token
from nomentum.errors import Invalid
from nomentum.journal import prompts, services
from nomentum.journal.models import Reflection
from nomentum.journal.weeks import named

WEEK = "2026-W47"  # 16–22 November 2026 for a Monday week


def _week(user):
    return named(WEEK, user.week_start)


def test_saving_some_answers_leaves_the_others_and_a_blank_clears_one(owner):
    services.save_answers(owner, _week(owner), {"learned": "Timing matters", "feeling": "ok"})
    services.save_answers(owner, _week(owner), {"next_week": "Ask Dana", "feeling": "  "})
    found = Reflection.objects.get(owner=owner, week=WEEK)
    assert found.answers == {"learned": "Timing matters", "next_week": "Ask Dana"}
    assert found.starts_on == date(2026, 11, 16)


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"lessons": "x"}, "answers", "No prompt “lessons”"),
        ({"learned": "x" * (prompts.ANSWER_MAX + 1)}, "learned", "under 4,000 characters"),
        ({"learned": "a\x00b"}, "learned", "NUL"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_saved(owner, answers, field, message):
    with pytest.raises(Invalid) as refused:
        services.save_answers(owner, _week(owner), {"feeling": "fine", **answers})
    assert message in refused.value.errors[field][0]
    assert not Reflection.objects.exists()


def test_the_page_shows_every_prompt_and_saves_them(owner_client, owner):
    url = reverse("journal:week", args=[WEEK])
    page = owner_client.get(url).content.decode()
    for prompt in prompts.PROMPTS:
        assert prompt.text.replace("'", "&#x27;") in page
    answer = owner_client.post(url, {"learned": "Ask earlier in the day", "why": ""})
    assert answer.status_code == 302
    assert "Ask earlier in the day" in owner_client.get(url).content.decode()


def test_autosave_from_two_tabs_keeps_both_answers(owner_client, owner):
    save = reverse("journal:save", args=[WEEK])
    # Each tab sends only the answer being typed (hx-params), at its own moment.
    first = owner_client.post(save, {"learned": "Tab one"}, headers={"HX-Request": "true"})
    second = owner_client.post(save, {"feeling": "Tab two"}, headers={"HX-Request": "true"})
    assert first.status_code == second.status_code == 200
    assert "Saved" in second.content.decode()
    assert Reflection.objects.get(owner=owner).answers == {
        "learned": "Tab one",
        "feeling": "Tab two",
    }


def test_autosave_of_a_too_long_answer_says_so_and_keeps_the_saved_text(owner_client, owner):
    save = reverse("journal:save", args=[WEEK])
    owner_client.post(save, {"learned": "kept"})
    refused = owner_client.post(save, {"learned": "x" * (prompts.ANSWER_MAX + 1)})
    assert refused.status_code == 400 and "Not saved" in refused.content.decode()
    assert Reflection.objects.get(owner=owner).answers == {"learned": "kept"}


def test_a_week_that_is_no_week_is_a_404(owner_client):
    assert owner_client.get("/journal/2026-W99/").status_code == 404
    assert owner_client.post("/journal/nonsense/save", {"learned": "x"}).status_code == 404


def test_an_outsider_never_sees_the_owners_reflection(owner, outsider_client, outsider):
    services.save_answers(owner, _week(owner), {"learned": "owner's private words"})
    url = reverse("journal:week", args=[WEEK])
    assert "owner's private words" not in outsider_client.get(url).content.decode()
    assert "owner's private words" not in outsider_client.get("/journal/").content.decode()
    token = create_token(outsider)[1]
    answer = outsider_client.get(
        f"/api/journal/weeks/{WEEK}", headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 200
    assert all(a["answer"] == "" for a in answer.json()["answers"])
    listed = outsider_client.get("/api/journal/weeks", headers={"Authorization": f"Bearer {token}"})
    assert listed.json() == []


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get(reverse("journal:week", args=[WEEK])).status_code == 302
    assert client.get(f"/api/journal/weeks/{WEEK}").status_code == 401


# --- the API --------------------------------------------------------------------------


@pytest.fixture
def api(client, owner):
    token = create_token(owner)[1]
    headers = {"Authorization": f"Bearer {token}"}

    def call(method: str, path: str, body=None):
        return getattr(client, method)(
            f"/api{path}",
            data=json.dumps(body) if body is not None else None,
            content_type="application/json",
            headers=headers,
        )

    return call


def test_the_api_reads_saves_and_lists_reflections(api, owner):
    empty = api("get", f"/journal/weeks/{WEEK}").json()
    assert empty["week"] == WEEK and [a["answer"] for a in empty["answers"]] == [""] * 6
    saved = api("patch", f"/journal/weeks/{WEEK}", {"learned": "Be specific"})
    assert saved.status_code == 200
    answers = {a["id"]: a["answer"] for a in saved.json()["answers"]}
    assert answers["learned"] == "Be specific" and answers["why"] == ""
    api("patch", f"/journal/weeks/{WEEK}", {"why": "Their budget"})
    listed = api("get", "/journal/weeks").json()
    assert [r["week"] for r in listed] == [WEEK]
    assert {a["id"]: a["answer"] for a in listed[0]["answers"]}["learned"] == "Be specific"


def test_the_api_refuses_unknown_prompts_bad_weeks_and_read_only_tokens(api, client, owner):
    unknown = api("patch", f"/journal/weeks/{WEEK}", {"lessons": "x"})
    assert unknown.status_code in (400, 422) and "lessons" in unknown.json()["detail"]
    assert api("get", "/journal/weeks/2026-48").status_code in (400, 422)
    assert "YYYY-Www" in api("get", "/journal/weeks/2026-48").json()["detail"]
    reader = create_token(owner, read_only=True)[1]
    refused = client.patch(
        f"/api/journal/weeks/{WEEK}",
        data=json.dumps({"learned": "x"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {reader}"},
    )
    assert refused.status_code == 403
    assert not Reflection.objects.exists()


# --- the CLI --------------------------------------------------------------------------


def test_reflect_saves_piped_answers_and_prints_every_prompt(cli, owner, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"learned": "Ask before noon"}'))
    code, out, err = cli("reflect", "--week", WEEK, "--json", "--user", "alice")
    assert (code, err) == (0, "")
    found = json.loads(out)
    assert set(found) >= {"week", "answers"} and found["week"] == WEEK
    assert [a["id"] for a in found["answers"]] == [p.id for p in prompts.PROMPTS]
    assert all(set(a) >= {"id", "prompt", "answer"} for a in found["answers"])
    assert found["answers"][0]["answer"] == "Ask before noon"
    # Nothing on stdin: nothing saved, the reflection printed as it is.
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, out, _ = cli("reflect", "--week", WEEK, "--user", "alice")
    assert code == 0 and "Ask before noon" in out and "How do you feel about asking" in out
    assert Reflection.objects.get(owner=owner).answers == {"learned": "Ask before noon"}


@pytest.mark.parametrize(
    ("stdin", "argv", "message"),
    [
        ("not json", (), "stdin: give a JSON object"),
        ('["a list"]', (), "stdin: give a JSON object"),
        ('{"learned": 5}', (), "stdin: give a JSON object"),
        ('{"lessons": "x"}', (), "No prompt “lessons”"),
        ("", ("--week", "2026-48"), "--week: Write the week as YYYY-Www"),
        ('{"learned": "x\\ud800y"}', (), "learned: An answer must be text"),
        ("", ("--week", "9999-W52"), "--week: Pick a week between 2000 and 2100"),
        ("", ("--week", "2099-W01"), "--week: That week hasn't started yet"),
    ],
)
def test_reflect_refuses_bad_input_in_one_line(cli, owner, monkeypatch, stdin, argv, message):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code, out, err = cli("reflect", *argv, "--user", "alice")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err, err
    assert not Reflection.objects.exists()


def test_saving_the_whole_form_in_an_older_tab_keeps_another_tabs_newer_answer(owner_client, owner):
    url = reverse("journal:week", args=[WEEK])
    # Tab 2 loads the page (every answer empty); tab 1 then autosaves an answer.
    owner_client.post(reverse("journal:save", args=[WEEK]), {"learned": "From tab one"})
    form = {f"was_{p.id}": "" for p in prompts.PROMPTS} | {p.id: "" for p in prompts.PROMPTS}
    answer = owner_client.post(url, form | {"why": "From tab two"})
    assert answer.status_code == 302
    assert Reflection.objects.get(owner=owner).answers == {
        "learned": "From tab one",
        "why": "From tab two",
    }
    # Clearing an answer on purpose still clears it.
    owner_client.post(url, {"was_why": "From tab two", "why": ""})
    assert Reflection.objects.get(owner=owner).answers == {"learned": "From tab one"}


def test_an_autosave_with_nothing_in_it_saves_nothing(owner_client, owner):
    answer = owner_client.post(reverse("journal:save", args=[WEEK]), {"lessons": "x"})
    assert answer.status_code == 400 and "Nothing to save" in answer.content.decode()
    assert not Reflection.objects.exists()


@pytest.mark.parametrize(
    ("week", "status"), [("9999-W52", 404), ("0001-W01", 404), ("2099-W01", 404)]
)
def test_weeks_no_one_lives_in_are_not_found(owner_client, week, status):
    assert owner_client.get(reverse("journal:week", args=[week])).status_code == status
    assert owner_client.post(reverse("journal:save", args=[week]), {"why": "x"}).status_code == 404
    assert not Reflection.objects.exists()


def test_a_sunday_week_shows_its_own_first_day_everywhere(owner, owner_client, cli):
    services.save_answers(owner, _week(owner), {"learned": "x"})
    owner.week_start = 6
    owner.save()
    assert "Week of 15 Nov 2026" in owner_client.get("/journal/").content.decode()
    _, out, _ = cli("reflect", "--week", WEEK, "--json", "--user", "alice")
    assert json.loads(out)["starts_on"] == "2026-11-15"
    _, out, _ = cli("review", "--week", WEEK, "--json", "--user", "alice")
    review = json.loads(out)
    assert review["starts_on"] == review["reflection"]["starts_on"] == "2026-11-15"
