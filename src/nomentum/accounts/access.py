"""The only ways the doors reach a user's API tokens and signed-in browsers: scoped to
their owner."""

from django.db.models import QuerySet

from nomentum.access import find_by_code, get_by_code
from nomentum.accounts.models import ApiToken, User, UserSession


def tokens_for_user(user: User) -> QuerySet[ApiToken]:
    """The user's active tokens."""
    return ApiToken.objects.filter(user=user, revoked_at=None)


def find_token_for_user(user: User, code: str) -> ApiToken:
    """An active token by its id or the id's first 4+ characters."""
    return find_by_code(tokens_for_user(user), code, "active token")


def get_token_for_user(user: User, code: str) -> ApiToken:
    return get_by_code(tokens_for_user(user), code, "active token")


def sessions_for_user(user: User) -> QuerySet[UserSession]:
    return UserSession.objects.filter(user=user)


def get_session_for_user(user: User, code: str) -> UserSession:
    return get_by_code(sessions_for_user(user), code, "signed-in browser")
