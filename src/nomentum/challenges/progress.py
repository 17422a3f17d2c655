"""Where each challenge stands: its pace, stage and goals, from one counting query."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from nomentum.accounts.models import User
from nomentum.challenges.catalog import Stage
from nomentum.challenges.models import Challenge, Goal
from nomentum.insights import pace as pacing
from nomentum.insights.queries import counts_by_filter


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

    def as_dict(self) -> dict:
        c, p = self.challenge, self.pace
        return {
            "code": str(c.code),
            "name": c.name,
            "template": c.template,
            "target": c.target,
            "counted": p.counted,
            "counts": c.counts,
            "categories": c.categories,
            "start": c.start.isoformat(),
            "end": c.end.isoformat(),
            "status": self.status,
            "pace": p.status,
            "stage": p.stage,
            "stage_name": self.stage.name if self.stage else None,
            "on_track": p.on_track,
            "needed_this_week": p.needed_this_week,
            "days_left": p.days_left,
            "projected_finish": p.projected_finish.isoformat() if p.projected_finish else None,
            "goals": [
                {
                    "goal": g.goal.describe(),
                    "done": g.done,
                    "count": g.goal.count,
                    "from": g.first.isoformat(),
                    "to": g.last.isoformat(),
                }
                for g in self.goals
            ],
        }


def progress_for(user: User, challenges: list[Challenge], today: date) -> list[ChallengeProgress]:
    return measure(user, challenges, today)[0]


def measure(
    user: User, challenges: list[Challenge], today: date, extra: dict[str, Q] | None = None
) -> tuple[list[ChallengeProgress], dict[str, int]]:
    """Progress of ``challenges`` (with their goals prefetched), and any ``extra`` counts
    over the user's asks, in a single count query."""
    filters: dict[str, Q] = dict(extra or {})
    windows: dict[int, tuple[date, date]] = {}
    for challenge in challenges:
        filters[f"c{challenge.pk}"] = challenge.ask_filter()
        for goal in challenge.goals.all():
            first, last = pacing.period_window(goal.period, today, challenge.start, challenge.end)
            windows[goal.pk] = (first, last)
            filters[f"g{goal.pk}"] = goal.ask_filter() & Q(date__gte=first, date__lte=last)
    counts = counts_by_filter(user, filters)
    result = []
    for challenge in challenges:
        pace = pacing.pace(
            challenge.start,
            challenge.end,
            challenge.target,
            counts[f"c{challenge.pk}"],
            today,
            stages=challenge.stage_count,
        )
        goals = [
            GoalProgress(goal, counts[f"g{goal.pk}"], *windows[goal.pk])
            for goal in challenge.goals.all()
        ]
        result.append(ChallengeProgress(challenge, pace, challenge.status_on(today), goals))
    return result, {name: counts[name] for name in extra or {}}


def stats_with_challenges(user: User, today: date) -> tuple[dict, list[ChallengeProgress]]:
    """Totals, the yes rate and the current challenges with their pace: what `nomentum
    stats --json` and the API's /stats answer."""
    from nomentum.challenges.access import challenges_for_user
    from nomentum.insights.queries import user_summary

    summary = user_summary(user)
    current = list(challenges_for_user(user).filter(end__gte=today).prefetch_related("goals"))
    progress = progress_for(user, current, today)
    summary["challenges"] = [p.as_dict() for p in progress]
    return summary, progress
