"""Objects made the way every door makes them: the app's form, then its use case."""

from django.utils import timezone

from nomentum.challenges import services as challenges
from nomentum.challenges.forms import ChallengeForm, GoalForm
from nomentum.coach import services as coach
from nomentum.coach.access import current_plan
from nomentum.coach.forms import QuestionnaireForm
from nomentum.errors import valid


def start_challenge(user, template: str, **given):
    form = ChallengeForm.for_template(user, template, given, timezone.localdate())
    return challenges.start_challenge(user, valid(form))


def add_goal(challenge, **data):
    form = GoalForm.for_user(challenge.owner, challenge, {"metric": "no", "period": "week"} | data)
    return challenges.add_goal(challenge, valid(form))


def make_plan(user, **answers):
    form = QuestionnaireForm.for_answers(current_plan(user), answers)
    return coach.create_plan(user, valid(form), timezone.localdate())
