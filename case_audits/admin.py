"""The site admin's view of case audits: to read them with their history and, rarely, to correct one. Tools, their
grades and domains are the framework file's (case_audits/loader.py): read only. Rounds, cases and returns are made
through the pages (case_audits/rounds.py and returns.py check every rule there), so the admin adds none and changes
only their text; every correction bumps the record's version, so a form a member opened before it is refused."""

from django.contrib import admin

from case_audits.models import AgencyReturn, AuditCase, AuditRound, AuditTool, Domain, Grade, ReturnGrade
from common.admin import ReadOnlyAdmin, VersionedAdmin


class GradeInline(admin.TabularInline):
    model = Grade
    fields = ["position", "code", "label", "meets_standard"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DomainInline(GradeInline):
    model = Domain
    fields = ["position", "code", "name"]
    readonly_fields = fields


@admin.register(AuditTool)
class AuditToolAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "framework"]
    list_filter = ["framework"]
    inlines = [GradeInline, DomainInline]


@admin.register(AuditRound)
class AuditRoundAdmin(VersionedAdmin):
    list_display = ["title", "partnership", "tool", "period_start", "period_end", "due_date", "published_at"]
    list_filter = ["partnership", "tool"]
    list_select_related = ["partnership", "tool"]
    search_fields = ["title"]
    readonly_fields = [
        "partnership",
        "tool",
        "agencies",
        "published_at",
        "published_by",
        "created_by",
        "created_at",
        "version",
    ]


@admin.register(AuditCase)
class AuditCaseAdmin(VersionedAdmin):
    list_display = ["reference", "round", "age_band", "moderated_at"]
    list_filter = ["round__partnership"]
    list_select_related = ["round"]
    search_fields = ["reference", "round__title"]
    readonly_fields = [
        "round",
        "agencies",
        "recommendations",
        "moderated_at",
        "moderated_by",
        "created_by",
        "created_at",
        "version",
    ]


class ReturnGradeInline(GradeInline):
    model = ReturnGrade
    fields = ["domain", "grade", "rationale"]
    readonly_fields = fields


@admin.register(AgencyReturn)
class AgencyReturnAdmin(VersionedAdmin):
    list_display = ["case", "agency", "status", "submitted_at", "updated_by"]
    list_filter = ["status", "case__round__partnership"]
    list_select_related = ["case", "agency", "updated_by"]
    search_fields = ["case__reference", "agency__name"]
    readonly_fields = ["case", "agency", "status", "submitted_at", "submitted_by", "updated_by", "version"]
    inlines = [ReturnGradeInline]
