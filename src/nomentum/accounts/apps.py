from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nomentum.accounts"
    label = "accounts"
