from datetime import date

import pytest
from django.test import Client

from nomentum.accounts.models import User
from nomentum.groups import services

START, END = date(2026, 11, 1), date(2026, 11, 30)


def person(name: str) -> User:
    return User.objects.create_user(name, f"{name}@example.com", f"{name}'s long passphrase")


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def november(owner):
    """ "November of NO", organised by alice."""
    return services.create_group(
        owner,
        {"name": "November of NO", "start": START, "end": END, "weekly_goal": 3},
    ).group


@pytest.fixture
def member(november):
    bob = person("bob")
    services.join_group(bob, november, weekly_goal=5, today=START)
    return bob
