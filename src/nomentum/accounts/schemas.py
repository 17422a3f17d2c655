"""The one shape of an API token (never its secret, except once at creation)."""

from datetime import date, datetime

from ninja import Schema

from nomentum.accounts.forms import TokenForm
from nomentum.schemas import In, checked_as


class TokenIn(In):
    name: str = checked_as(TokenForm, "name", default="")
    read_only: bool = False


class TokenInfo(Schema):
    id: str
    name: str
    read_only: bool
    created: datetime
    last_used_on: date | None

    @staticmethod
    def resolve_id(token) -> str:
        return str(token.code)

    @staticmethod
    def resolve_created(token) -> datetime:
        return token.created_at


class TokenOut(Schema):
    """A token just made: its secret is in this answer only."""

    id: str
    token: str
    read_only: bool

    @staticmethod
    def of(token, secret: str) -> "TokenOut":
        return TokenOut(id=str(token.code), token=secret, read_only=token.read_only)


class Revoked(Schema):
    id: str
    revoked: bool
