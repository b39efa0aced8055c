"""The site admin's view of indicators, values and targets: to read them with their history and, rarely, to
correct one. People add them through the pages (indicators/values.py checks every rule there) or the import, so
the admin adds none; a suggested indicator is the framework file's and is read only; every correction bumps the
record's version, so a form a member opened before it is refused (common/versioning.py)."""

from django.contrib import admin

from common.admin import VersionedAdmin
from indicators.models import Indicator, Target, Value


@admin.register(Indicator)
class IndicatorAdmin(VersionedAdmin):
    list_display = ["code", "name", "partnership", "framework", "unit", "better"]
    list_filter = ["framework", ("partnership", admin.EmptyFieldListFilter), "unit"]
    list_select_related = ["partnership", "framework"]
    search_fields = ["code", "name"]
    filter_horizontal = ["recommendations"]
    readonly_fields = ["framework", "partnership", "created_by", "created_at", "version"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_suggested:  # loaded from the framework file, by code: change it there
            return [field.name for field in Indicator._meta.fields] + ["recommendations"]
        return self.readonly_fields


@admin.register(Value)
class ValueAdmin(VersionedAdmin):
    list_display = ["indicator", "partnership", "period", "area", "area_name", "value", "suppressed", "entered_by"]
    list_filter = ["partnership", "area", "period_kind"]
    list_select_related = ["indicator", "partnership", "entered_by"]
    search_fields = ["indicator__code", "indicator__name", "period", "area_name"]
    # The period's label and its dates go together (indicators/periods.py): corrected through the pages.
    readonly_fields = [
        "partnership",
        "indicator",
        "period",
        "period_start",
        "period_end",
        "period_kind",
        "source_file",
        "entered_by",
        "entered_at",
        "version",
    ]


@admin.register(Target)
class TargetAdmin(VersionedAdmin):
    list_display = ["indicator", "partnership", "value", "by_period", "set_by", "set_at"]
    list_select_related = ["indicator", "partnership", "set_by"]
    readonly_fields = ["partnership", "indicator", "by_period", "set_by", "set_at", "version"]
