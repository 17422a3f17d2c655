from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "nomentum.journal"
    label = "journal"
