from datetime import date

from django import forms

from nomentum.challenges.catalog import month_of
from nomentum.challenges.forms import template_field
from nomentum.fields import date_field
from nomentum.forms import form_data
from nomentum.groups.models import DEFAULT_WEEKLY_GOAL, GROUP_DAYS_MAX, WEEKLY_GOAL_MAX, Group

GOAL_MESSAGE = f"A weekly goal is a number from 1 to {WEEKLY_GOAL_MAX:,}."


def _weekly_goal() -> forms.IntegerField:
    return forms.IntegerField(
        min_value=1,
        max_value=WEEKLY_GOAL_MAX,
        initial=DEFAULT_WEEKLY_GOAL,
        label="Your weekly goal (no's a week)",
        help_text="Specific and reachable: 3 a week makes 12 in a month.",
        error_messages={k: GOAL_MESSAGE for k in ("min_value", "max_value", "invalid", "required")},
    )


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
    start = date_field()
    end = date_field(help_text="The last day (included).")
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
            elif (end - start).days + 1 > GROUP_DAYS_MAX:
                self.add_error("end", "A group runs for a year at most.")
        return data

    @classmethod
    def for_input(cls, given: dict, today: date) -> "GroupForm":
        """The form for a group made from a script: this month (see ``month_of``), a
        monthly challenge and the default weekly goal unless ``given`` says otherwise."""
        start, end = month_of(today)
        defaults = {
            "template": "monthly-group",
            "start": start,
            "end": end,
            "weekly_goal": DEFAULT_WEEKLY_GOAL,
        }
        return cls(form_data(defaults | {k: v for k, v in given.items() if v not in (None, "")}))


class JoinForm(forms.Form):
    weekly_goal = _weekly_goal()

    @classmethod
    def for_input(cls, given: dict) -> "JoinForm":
        """The form for joining from a script: the default weekly goal unless given."""
        return cls({"weekly_goal": DEFAULT_WEEKLY_GOAL} | given)

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
    invite_expires = date_field(required=False, label="It stops working after")
    member_cap = forms.IntegerField(
        required=False, min_value=2, max_value=100_000, label="At most this many members"
    )
