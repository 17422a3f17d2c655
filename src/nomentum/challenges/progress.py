"""Where each challenge stands: its pace, stage and goals, from one counting query."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from nomentum.accounts.models import User
from nomentum.challenges.catalog import Stage
from nomentum.challenges.models import Challenge, Goal
from nomentum.insights import pace as pacing
from nomentum.insights.queries import best_day, counts_by_filter, day_rows


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    done: int
    first: date
    last: date

    @property
    def met(self) -> bool:
        return self.done >= self.goal.count

    @property
    def left(self) -> int:
        return max(0, self.goal.count - self.done)


@dataclass(frozen=True)
class ChallengeProgress:
    challenge: Challenge
    pace: pacing.Pace
    status: str
    goals: list[GoalProgress]

    @property
    def stage(self) -> Stage | None:
        stages = self.challenge.blueprint.stages
        if not stages or self.pace.stage is None:
            return None
        return stages[self.pace.stage - 1]


def rest_days(user: User, challenges: list[Challenge]) -> frozenset[date]:
    """The user's rest days within these challenges."""
    from nomentum.challenges.access import rest_days_for_user

    first, last = min(c.start for c in challenges), max(c.end for c in challenges)
    found = rest_days_for_user(user).filter(date__range=(first, last))
    return frozenset(found.values_list("date", flat=True))


def progress_for(
    user: User, challenges: list[Challenge], today: date, best: int | None = None
) -> list[ChallengeProgress]:
    """Progress of ``challenges`` (with their goals prefetched), in a single count query
    (and one for rest days); ``best``: the most asks in a day, read here if not given."""
    filters: dict[str, Q] = {}
    windows: dict[int, tuple[date, date]] = {}
    for challenge in challenges:
        filters[f"c{challenge.pk}"] = challenge.ask_filter()
        for goal in challenge.goals.all():
            first, last = pacing.period_window(goal.period, today, challenge.start, challenge.end)
            windows[goal.pk] = (first, last)
            filters[f"g{goal.pk}"] = goal.ask_filter() & Q(date__gte=first, date__lte=last)
    counts = counts_by_filter(user, filters)
    if not challenges:
        return []
    rest = rest_days(user, challenges)
    if best is None:
        best = best_day(day_rows(user))
    result = []
    for challenge in challenges:
        pace = pacing.pace(
            challenge.start,
            challenge.end,
            challenge.target,
            counts[f"c{challenge.pk}"],
            today,
            stages=challenge.stage_count,
            rest=rest,
            best_day=best,
            restart=challenge.restart,
        )
        goals = [
            GoalProgress(goal, counts[f"g{goal.pk}"], *windows[goal.pk])
            for goal in challenge.goals.all()
        ]
        result.append(ChallengeProgress(challenge, pace, challenge.status_on(today), goals))
    return result
