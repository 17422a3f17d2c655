from datetime import date, timedelta

from django import forms

from nomentum.challenges.forms import template_field
from nomentum.groups.models import Group

GOAL_MESSAGE = "A weekly goal is a number from 1 to 1,000."


def _weekly_goal() -> forms.IntegerField:
    return forms.IntegerField(
        min_value=1,
        max_value=1000,
        initial=3,
        label="Your weekly goal (no's a week)",
        help_text="Specific and reachable: 3 a week makes 12 in a month.",
        error_messages={k: GOAL_MESSAGE for k in ("min_value", "max_value", "invalid", "required")},
    )


def month_of(today: date) -> tuple[date, date]:
    """This calendar month (the next one from the 25th on, when there is little left)."""
    first = today.replace(day=1)
    if today.day >= 25:
        first = (first + timedelta(days=32)).replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, last


class GroupForm(forms.Form):
    name = forms.CharField(
        max_length=80,
        help_text="For example “November of NO”.",
        error_messages={"required": "Give the group a name."},
    )
    description = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    template = template_field(initial="monthly-group", label="Kind of challenge")
    start = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Use a date like 2026-11-22."},
    )
    end = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The last day (included).",
        error_messages={"invalid": "Use a date like 2026-11-22."},
    )
    weekly_goal = _weekly_goal()
    member_cap = forms.IntegerField(
        required=False, min_value=2, max_value=100_000, label="At most this many members"
    )
    on_board = forms.BooleanField(
        required=False, label="Show my counts to the group (board and milestones)"
    )

    def clean(self):
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "The end comes before the start.")
            elif (end - start).days + 1 > 366:
                self.add_error("end", "A group runs for a year at most.")
        return data


class JoinForm(forms.Form):
    weekly_goal = _weekly_goal()
    on_board = forms.BooleanField(
        required=False,
        label="Show my counts to the group (board and milestones)",
        help_text="Off by default. The group never sees your asks unless you share them.",
    )


class SharingForm(forms.Form):
    on_board = forms.BooleanField(
        required=False, label="Show my counts (asks, no's, yeses) on the board and in milestones"
    )
    share_all = forms.BooleanField(
        required=False, label="Share every ask I make during the group's period"
    )
    show_names = forms.BooleanField(
        required=False, label="Name whom I asked in shared asks (otherwise only initials)"
    )


class CheckInForm(forms.Form):
    week = forms.IntegerField(min_value=1, error_messages={"min_value": "Pick a week."})
    attempts = forms.IntegerField(min_value=0, max_value=1000, label="Asks made")
    nos = forms.IntegerField(min_value=0, max_value=1000, label="No's")
    yeses = forms.IntegerField(min_value=0, max_value=1000, label="Yeses")

    def __init__(self, *args, group: Group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.fields["week"].widget.attrs["max"] = group.weeks

    def clean(self):
        data = super().clean() or {}
        week = data.get("week")
        if week is not None and week > self.group.weeks:
            self.add_error("week", f"Pick a week from 1 to {self.group.weeks}.")
        counted = all(data.get(k) is not None for k in ("attempts", "nos", "yeses"))
        if counted and data["nos"] + data["yeses"] > data["attempts"]:
            self.add_error("nos", "No's and yeses together can't be more than the asks made.")
        return data


class InvitesForm(forms.Form):
    invites_open = forms.BooleanField(required=False, label="The invite works")
    invite_expires = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label="It stops working after",
        error_messages={"invalid": "Use a date like 2026-11-22."},
    )
    member_cap = forms.IntegerField(
        required=False, min_value=2, max_value=100_000, label="At most this many members"
    )
