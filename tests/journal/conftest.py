from tests.groups.conftest import member, november  # noqa: F401  (a group and its member)
