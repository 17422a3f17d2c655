from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "nomentum.coach"
    label = "coach"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from nomentum.coach.library import sync_library

        post_migrate.connect(sync_library, sender=self)
