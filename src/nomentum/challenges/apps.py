from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "nomentum.challenges"
    label = "challenges"
