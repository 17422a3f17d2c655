"""The operator's view of asks and contacts. Changes go through the same use cases as
every other door: what the use cases own (the outcome and its date, contacts, the
follow-ups and group counts that follow) is read-only here or set by an action."""

from django.contrib import admin, messages

from nomentum.asks import services
from nomentum.asks.models import ASK_FIELDS, Ask, Contact, Outcome


def _outcome_action(outcome: Outcome):
    @admin.action(description=f"Record outcome: {outcome.label}")
    def action(modeladmin, request, queryset):
        for ask in queryset.select_related("owner", "person", "company"):
            services.record_outcome(ask, outcome)

    action.__name__ = f"record_{outcome.value}"
    return action


@admin.action(description="Delete the selected asks")
def delete_asks(modeladmin, request, queryset):
    for ask in queryset:
        services.delete_ask(ask)


@admin.register(Ask)
class AskAdmin(admin.ModelAdmin):
    list_display = ("request", "owner", "date", "outcome", "tier", "category")
    list_filter = ("outcome", "tier", "category", "self_rejection")
    search_fields = ("request", "owner__username")
    raw_id_fields = ("owner", "person", "company")
    readonly_fields = (
        "code",
        "owner",
        "person",
        "company",
        "referral",
        "outcome",
        "answered_on",
        "guard_override",
        "created_at",
        "updated_at",
    )
    date_hierarchy = "date"
    list_select_related = ("owner",)
    actions = [delete_asks, *(_outcome_action(o) for o in Outcome if o != Outcome.PENDING)]

    def has_add_permission(self, request) -> bool:
        return False  # asks are logged by their owners

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # the bulk delete would skip the use case
        return actions

    def save_model(self, request, obj, form, change) -> None:
        ask = Ask.objects.select_related("owner", "person", "company").get(pk=obj.pk)
        changes = {f: form.cleaned_data[f] for f in form.changed_data if f in ASK_FIELDS}
        try:
            services.update_ask(ask, changes | {"override": True})
        except services.AskRefused as refusal:
            self.message_user(request, f"Not saved: {refusal}", level=messages.ERROR)

    def delete_model(self, request, obj) -> None:
        services.delete_ask(obj)


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "company", "owner")
    list_filter = ("kind",)
    search_fields = ("name", "owner__username")
    raw_id_fields = ("owner", "company")
    readonly_fields = ("code", "key", "created_at")
