from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "nomentum.groups"
    label = "groups"
