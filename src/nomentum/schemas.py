"""What every app's schemas share: strict request bodies, dates as ISO text, errors."""

import re
from datetime import date
from typing import Annotated, Any, TypeVar

from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict, field_validator

from nomentum.dates import DATE_HINT

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SOMETHING = r"\S"  # text that is more than spaces


def _iso_date(value):
    """Dates come as text like 2026-11-22 (pydantic alone would take 0 as 1970-01-01)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(DATE_HINT)


Date = Annotated[date, BeforeValidator(_iso_date)]


class In(Schema):
    """A request body: JSON types as the schema says (no "5" for 5, no 0 for false, no
    key the schema doesn't name). JSON Schema counts 5.0 as an integer, so it is one."""

    model_config = ConfigDict(strict=True, extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _whole_numbers(cls, value: Any) -> Any:
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value


class Error(Schema):
    detail: str


def dump(schema: Schema) -> dict:
    """A schema as plain JSON values (dates as ISO text): for --json and the export."""
    return schema.model_dump(mode="json")


S = TypeVar("S", bound=Schema)


def extended(schema: type[S], base: Schema, **more) -> S:
    """``base`` (already built and checked) with more fields, as the larger ``schema``;
    built without running ``base``'s resolvers again on plain values."""
    return schema.model_construct(**dict(base), **more)


def checked_as(form: Any, name: str, nullable: bool = False, **field: Any) -> Any:
    """A body field whose OpenAPI schema states what ``form``'s field of that name
    enforces (choices, lengths, ranges), so clients and the server agree by construction.
    The form still does the checking, in its own words."""
    from django import forms

    found: Any = form.base_fields[name]
    choices: Any = getattr(found, "choices", ())
    extra: dict[str, Any] = {}
    if isinstance(found, forms.MultipleChoiceField):
        extra["items"] = {"enum": [str(value) for value, _ in choices]}
    elif isinstance(found, forms.ChoiceField):
        values: list[Any] = [value for value, _ in choices]
        if isinstance(found, forms.TypedChoiceField) and found.coerce is int:
            values = [int(v) for v in values if v != ""]
        elif not found.required:
            values = ["", *[v for v in values if v != ""]]
        extra["enum"] = [*values, *([None] if nullable else [])]
    if getattr(found, "max_length", None):
        extra["maxLength"] = found.max_length
    if getattr(found, "min_length", None):
        extra["minLength"] = found.min_length
    if getattr(found, "min_value", None) is not None:
        extra["minimum"] = found.min_value
    if getattr(found, "max_value", None) is not None:
        extra["maximum"] = found.max_value
    return Field(json_schema_extra=extra, **field)
