from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "nomentum.groups"
    label = "groups"

    def ready(self) -> None:
        from nomentum.groups import counters  # noqa: F401  (connects the ask signals)
