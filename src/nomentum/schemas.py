"""What every app's schemas share: strict request bodies, dates as ISO text, errors."""

import re
from datetime import date
from typing import Annotated, TypeVar

from ninja import Schema
from pydantic import BeforeValidator, ConfigDict

from nomentum.dates import DATE_HINT

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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
    """A request body: JSON types as the schema says (no "5" for 5, no 0 for false)."""

    model_config = ConfigDict(strict=True)


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
