"""The private iCalendar feed of open follow-ups (built with the icalendar library)."""

from datetime import timedelta

from icalendar import Calendar, Todo

from nomentum.asks.models import FollowUp


def followups_ics(followups: list[FollowUp]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Nomentum//follow-ups//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Nomentum follow-ups")
    for followup in followups:
        todo = Todo()
        todo.add("uid", f"{followup.code}@nomentum")
        todo.add("summary", followup.text)
        todo.add("dtstamp", followup.created_at)
        todo.add("dtstart", followup.due)
        todo.add("due", followup.due + timedelta(days=1))
        if followup.ask is not None:
            todo.add("description", f"Ask: {followup.ask.request}")
        calendar.add_component(todo)
    return calendar.to_ical()
