from django.apps import AppConfig


class AsksConfig(AppConfig):
    name = "nomentum.asks"
    label = "asks"
