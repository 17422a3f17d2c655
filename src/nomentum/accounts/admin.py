from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from nomentum.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Nomentum", {"fields": ("display_name", "timezone", "no_response_days")}),
    )
