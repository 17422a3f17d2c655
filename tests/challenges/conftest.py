from datetime import timedelta

import pytest
from django.utils import timezone

from nomentum.challenges import services


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def make_challenge(owner, today):
    def make(user=None, **fields):
        data = {
            "name": "100 in 30",
            "template": "100-in-30",
            "target": 100,
            "start": today - timedelta(days=3),
            "end": today + timedelta(days=26),
            "counts": "no",
            "categories": [],
        }
        data.update(fields)
        return services.start_challenge(user or owner, data)

    return make
