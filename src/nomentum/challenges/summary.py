"""The end-of-challenge summary: "7 rejections, 3 yeses, best ask, biggest lesson"."""

from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, Q, Value, When

from nomentum.accounts.models import User
from nomentum.asks.access import asks_for_user
from nomentum.asks.models import Ask, Outcome, Tier
from nomentum.challenges.models import Challenge

_TIER_RANK = Case(
    When(tier=Tier.MOONSHOT, then=Value(3)),
    When(tier=Tier.STRETCH, then=Value(2)),
    When(tier=Tier.COMFORT, then=Value(1)),
    default=Value(0),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class Summary:
    asks: int
    nos: int
    silences: int
    yeses: int
    partials: int
    game_changers: int
    best_ask: Ask | None
    biggest_lesson: Ask | None

    @property
    def headline(self) -> str:
        return headline(
            self.asks, self.nos, self.silences, self.yeses, self.partials, self.game_changers
        )


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def headline(
    asks: int, nos: int, silences: int, yeses: int, partials: int, game_changers: int
) -> str:
    if asks == 0:
        return "No asks in this challenge yet."
    parts = [_plural(nos, "rejection", "rejections")]
    if silences:
        parts.append(_plural(silences, "silence", "silences"))
    parts.append(_plural(yeses, "yes", "yeses"))
    if partials:
        parts.append(_plural(partials, "counter-offer", "counter-offers"))
    if game_changers:
        parts.append(_plural(game_changers, "game-changer", "game-changers"))
    return f"{', '.join(parts)} from {_plural(asks, 'ask', 'asks')}."


def summarise(user: User, challenge: Challenge) -> Summary:
    in_period = asks_for_user(user).filter(
        self_rejection=False, date__gte=challenge.start, date__lte=challenge.end
    )
    if challenge.categories:
        in_period = in_period.filter(category__in=challenge.categories)
    totals = in_period.order_by().aggregate(
        asks=Count("id"),
        nos=Count("id", filter=Q(outcome=Outcome.NO)),
        silences=Count("id", filter=Q(outcome=Outcome.NO_RESPONSE)),
        yeses=Count("id", filter=Q(outcome=Outcome.YES)),
        partials=Count("id", filter=Q(outcome=Outcome.PARTIAL)),
        game_changers=Count("id", filter=Q(game_changer=True)),
    )
    # The boldest yes (a game-changer first), else the boldest counter-offer or no.
    outcome_rank = Case(
        When(outcome=Outcome.YES, then=Value(3)),
        When(outcome=Outcome.PARTIAL, then=Value(2)),
        When(outcome=Outcome.NO, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    best = (
        in_period.exclude(outcome__in=[Outcome.PENDING, Outcome.NO_RESPONSE])
        .annotate(outcome_rank=outcome_rank, tier_rank=_TIER_RANK)
        .order_by("-game_changer", "-outcome_rank", "-tier_rank", "-date", "-id")
        .first()
    )
    # The lesson that cost the most: the highest sting, then the latest.
    lesson = (
        in_period.exclude(lessons="")
        .order_by(F("sting_after").desc(nulls_last=True), "-date", "-id")
        .first()
    )
    return Summary(best_ask=best, biggest_lesson=lesson, **totals)
