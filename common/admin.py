"""What the site admins of several apps share."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from common.versioning import bump


class VersionedAdmin(SimpleHistoryAdmin):
    """The admin of records people make through the pages: it adds none, and every correction bumps the record's
    version, so a form a member opened before it is refused (common/versioning.py)."""

    def save_model(self, request, obj, form, change):
        bump(obj)
        super().save_model(request, obj, form, change)

    def has_add_permission(self, request):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read in the admin, never changed there: what a framework file loads, and what only the pages may change."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
