"""The admin site's view of the scrutiny app. Challenges change only through the workflow
(scrutiny/challenges.py), so that every change is a dated, attributed step: here they are read-only."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from scrutiny.models import Challenge, ChallengeStep


class ChallengeStepInline(admin.TabularInline):
    model = ChallengeStep
    fields = ["at", "kind", "by", "text"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Challenge)
class ChallengeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "partnership", "agency", "status", "response_due", "raised_at"]
    list_filter = ["status", "partnership"]
    search_fields = ["text", "partnership__name", "agency__name"]
    date_hierarchy = "raised_at"
    list_select_related = ["partnership", "agency"]
    readonly_fields = [
        "partnership",
        "review",
        "agency",
        "text",
        "recommendations",
        "response_due",
        "status",
        "raised_by",
        "raised_at",
    ]
    inlines = [ChallengeStepInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
