"""Form fields that several apps ask for in the same way."""

from django import forms

from nomentum.dates import DATE_HINT


def date_field(**kwargs) -> forms.DateField:
    """A date picker on the web, ISO text elsewhere, one message for anything else."""
    kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
    return forms.DateField(error_messages={"invalid": DATE_HINT}, **kwargs)
