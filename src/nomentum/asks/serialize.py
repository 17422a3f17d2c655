from nomentum.asks.models import Ask


def ask_as_dict(ask: Ask) -> dict:
    return {
        "code": str(ask.code),
        "date": ask.date.isoformat(),
        "request": ask.request,
        "to": ask.to,
        "person": ask.person.name if ask.person else None,
        "company": ask.company.name if ask.company else None,
        "method": ask.method or None,
        "outcome": ask.outcome,
        "lessons": ask.lessons,
        "follow_up": ask.follow_up,
        "tier": ask.tier or None,
        "category": ask.category or None,
        "fear_before": ask.fear_before,
        "sting_after": ask.sting_after,
        "game_changer": ask.game_changer,
        "notes": ask.notes,
        "self_rejection": ask.self_rejection,
        "answered_on": ask.answered_on.isoformat() if ask.answered_on else None,
    }
