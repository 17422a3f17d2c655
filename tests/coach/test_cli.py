import json

from nomentum.coach.models import Plan


def test_plan_json_has_the_contract_shape(cli, owner):
    code, out, err = cli(
        "plan",
        "--areas",
        "career,creative",
        "--fears",
        "pitching my work",
        "--weeks",
        "3",
        "--target",
        "12",
        "--seed",
        "4",
        "--json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert [w["week"] for w in data["weeks"]] == [1, 2, 3]
    assert sum(w["target"] for w in data["weeks"]) == 12
    for week in data["weeks"]:
        for idea in week["ideas"]:
            assert {"text", "tier", "area", "code", "done"} == set(idea)
            assert idea["area"] in ("career", "creative")


def test_the_same_seed_gives_the_same_plan(cli, owner):
    args = ("plan", "--areas", "learning", "--weeks", "2", "--target", "8", "--seed", "9", "--json")
    first = json.loads(cli(*args)[1])
    second = json.loads(cli(*args)[1])
    assert _texts(first) == _texts(second)
    assert Plan.objects.filter(owner=owner).count() == 2


def test_plan_without_answers_shows_the_current_plan(cli, owner):
    made = json.loads(cli("plan", "--areas", "social", "--json")[1])
    shown = json.loads(cli("plan", "--json")[1])
    assert shown == made


def test_today_json(cli, owner):
    cli("plan", "--areas", "everyday", "--comfort", "1", "--json")
    code, out, _ = cli("today", "--json")
    idea = json.loads(out)
    assert code == 0 and set(idea) == {"text", "tier", "area"}
    assert idea["area"] == "everyday" and idea["tier"] == "comfort"


def test_bad_plan_input(cli, owner):
    for argv, reason in [
        (("--areas", "hobbies"), "--areas: Areas are:"),
        (("--weeks", "0"), "--weeks: A plan runs 1 to 52 weeks."),
        (("--comfort", "9"), "--comfort: Comfort is a level from 1 to 5."),
        (("--fear-picks", "spiders"), "--fear-picks: Fears to pick from:"),
    ]:
        code, out, err = cli("plan", *argv)
        assert code == 2 and out == "" and reason in err, (argv, err)
    assert not Plan.objects.exists()


def _texts(plan: dict) -> list:
    return [(w["target"], [(i["text"], i["tier"]) for i in w["ideas"]]) for w in plan["weeks"]]
