from django.contrib import admin

from nomentum.asks import services
from nomentum.asks.models import Ask, Contact, Outcome


def _outcome_action(outcome: Outcome):
    @admin.action(description=f"Record outcome: {outcome.label}")
    def action(modeladmin, request, queryset):
        for ask in queryset.select_related("owner"):
            services.record_outcome(ask, outcome)

    action.__name__ = f"record_{outcome.value}"
    return action


@admin.register(Ask)
class AskAdmin(admin.ModelAdmin):
    list_display = ("request", "owner", "date", "outcome", "tier", "category")
    list_filter = ("outcome", "tier", "category", "self_rejection")
    search_fields = ("request", "owner__username")
    raw_id_fields = ("owner", "person", "company")
    readonly_fields = ("code", "created_at", "updated_at", "answered_on")
    date_hierarchy = "date"
    list_select_related = ("owner",)
    actions = [_outcome_action(o) for o in Outcome if o != Outcome.PENDING]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "company", "owner")
    list_filter = ("kind",)
    search_fields = ("name", "owner__username")
    raw_id_fields = ("owner", "company")
    readonly_fields = ("code", "key", "created_at")
