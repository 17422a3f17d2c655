"""The three ways a use case says no, shared by every door (web, API, local and remote
CLI). Free of Django, so the command line can import it at module level."""

from __future__ import annotations

from typing import Any


class Invalid(Exception):
    """Bad input: messages per field ("__all__" for the input as a whole). ``form`` is
    the bound form when there is one, so a page can show each message by its field."""

    def __init__(self, errors: dict, extra: dict | None = None, form: Any = None):
        self.errors = {field: [str(m) for m in messages] for field, messages in errors.items()}
        self.extra = extra or {}
        self.form = form
        field, messages = next(iter(self.errors.items()))
        super().__init__(f"{field}: {messages[0]}" if field != "__all__" else messages[0])


class NotFound(Exception):
    """Missing, or someone else's: the same answer either way."""


class Refused(Exception):
    """The ethics guard said no. ``hard``: a rule about people, which no one overrides."""

    def __init__(
        self, message: str, hard: bool, rules: list[str] | None = None, alternative: str = ""
    ):
        super().__init__(message)
        self.hard = hard
        self.rules = rules or []
        self.alternative = alternative


def valid(form: Any) -> dict:
    """The form's cleaned data, or ``Invalid`` with its messages."""
    if not form.is_valid():
        raise Invalid(form.errors, form=form)
    return form.cleaned_data
