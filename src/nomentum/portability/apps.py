from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    name = "nomentum.portability"
    label = "portability"
