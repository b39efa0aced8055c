"""The site admin's view of the practitioners' voice: to read it with its history and, rarely, to correct a round's
title. Templates and their areas are the framework file's (surveys/loader.py): read only. Rounds, links and
withholding are made through the pages (surveys/rounds.py and withholding.py check every rule there), so the admin
adds none. Answers are anonymous and are not listed here at all: no one reads them one by one outside the results,
whose small-number rule the admin could not keep. A link's token, its only secret, is never shown."""

from django.contrib import admin

from common.admin import ReadOnlyAdmin, VersionedAdmin
from surveys.models import SurveyArea, SurveyLink, SurveyRound, SurveyTemplate


class AreaInline(admin.TabularInline):
    model = SurveyArea
    fields = ["position", "code", "name", "confident_indicator", "trained_indicator"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SurveyTemplate)
class SurveyTemplateAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "framework"]
    list_filter = ["framework"]
    inlines = [AreaInline]


@admin.register(SurveyRound)
class SurveyRoundAdmin(VersionedAdmin):
    list_display = ["title", "partnership", "template", "opens_on", "closes_on", "closed_at", "published_at"]
    list_filter = ["partnership", "template"]
    list_select_related = ["partnership", "template"]
    search_fields = ["title"]
    readonly_fields = [
        "partnership",
        "template",
        "opens_on",
        "closes_on",
        "agencies",
        "closed_at",
        "closed_by",
        "published_at",
        "published_by",
        "evidence",
        "created_by",
        "created_at",
        "version",
    ]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SurveyLink)
class SurveyLinkAdmin(ReadOnlyAdmin):
    list_display = ["agency", "round", "created_at", "revoked_at"]
    list_filter = ["round__partnership"]
    list_select_related = ["agency", "round"]
    fields = ["round", "agency", "created_by", "created_at", "revoked_at", "revoked_by"]
    readonly_fields = fields
