"""The admin site's view of backup codes: whose, when made and last used, how many are left; never a code.

django-otp's own admin for its static tokens is taken away: it shows and makes codes in clear, and the
service no longer reads them (accounts.models.BackupCodeDevice took their place).
"""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice

from accounts.models import BackupCodeDevice

if admin.site.is_registered(StaticDevice):
    admin.site.unregister(StaticDevice)


@admin.register(BackupCodeDevice)
class BackupCodeDeviceAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "last_used_at", "codes_left"]
    search_fields = ["user__username", "user__email"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at", "codes_left"]
    readonly_fields = fields

    @admin.display(description="Codes left")
    def codes_left(self, device):
        return device.codes.count()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
