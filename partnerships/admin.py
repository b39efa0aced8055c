from functools import partial

from django.contrib import admin
from django.db import transaction
from simple_history.admin import SimpleHistoryAdmin

from common.versioning import bump
from partnerships.models import Agency, Attachment, Evidence, LeadSafeguardingPartner, Membership, Partnership


class AgencyInline(admin.TabularInline):
    model = Agency
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class LeadSafeguardingPartnerInline(admin.StackedInline):
    """The three lead safeguarding partners (or their delegates), to whom escalated challenges go."""

    model = LeadSafeguardingPartner
    extra = 3
    max_num = 3
    fields = ["organisation", "name", "job_title", "email", "is_delegate", "membership"]
    autocomplete_fields = ["membership"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "area", "framework"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "area"]
    inlines = [AgencyInline, MembershipInline, LeadSafeguardingPartnerInline]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "partnership"]
    list_filter = ["type", "partnership"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "partnership", "role", "agency"]
    list_filter = ["role", "partnership"]
    search_fields = ["user__username", "user__email", "partnership__name"]
    autocomplete_fields = ["user", "agency"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    can_delete = False
    fields = ["original_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False  # attachments are added through the service, which checks their content


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "agency", "date", "type", "strength", "withdrawn_at"]
    list_filter = ["partnership", "type", "source", "strength", ("withdrawn_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "summary"]
    date_hierarchy = "date"
    list_select_related = ["partnership", "agency"]
    autocomplete_fields = ["agency"]
    filter_horizontal = ["recommendations", "questions", "themes"]
    readonly_fields = [
        "created_by",
        "created_at",
        "updated_at",
        "withdrawn_at",
        "withdrawn_by",
        "withdrawal_reason",
        "version",
    ]
    inlines = [AttachmentInline]

    def save_model(self, request, obj, form, change):
        bump(obj)  # a form a member opened before the admin's change is refused (common/versioning.py)
        super().save_model(request, obj, form, change)

    def has_add_permission(self, request):
        return False  # evidence is logged in the service, where attachments are checked

    def has_delete_permission(self, request, obj=None):
        return False  # never deleted: withdrawn with a reason instead


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "evidence", "content_type", "size", "uploaded_by", "uploaded_at"]
    list_select_related = ["evidence", "uploaded_by"]
    search_fields = ["original_name", "evidence__title", "sha256"]
    readonly_fields = [
        "evidence",
        "file",
        "original_name",
        "content_type",
        "size",
        "sha256",
        "uploaded_by",
        "uploaded_at",
    ]

    def has_add_permission(self, request):
        return False

    # Deleting is for a site admin removing material that should never have been uploaded (say, a file
    # that identifies a child); the stored file goes too, once the row's deletion is committed.
    def delete_model(self, request, obj):
        _delete_files_on_commit([obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        _delete_files_on_commit(list(queryset))
        super().delete_queryset(request, queryset)


def _delete_files_on_commit(attachments):
    for attachment in attachments:
        storage, name = attachment.file.storage, attachment.file.name
        transaction.on_commit(partial(storage.delete, name))
