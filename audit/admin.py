"""Site admins read and search access events; nobody adds, changes or deletes them here."""

import ipaddress

from django.contrib import admin

from audit.models import AccessEvent


@admin.register(AccessEvent)
class AccessEventAdmin(admin.ModelAdmin):
    list_display = ["at", "kind", "username", "partnership", "path", "detail", "status_code", "ip_address"]
    list_filter = ["kind", "at", "partnership"]
    list_select_related = ["partnership"]
    # The search box takes an exact username, an exact address, or the start of a path: each is
    # answered from an index, however large the table grows.
    search_fields = ["username"]
    search_help_text = "An exact username, an IP address, or the start of a path such as /partnerships/northmere/"
    # Counting every row for "n of N" on each page costs a full scan of a large table.
    show_full_result_count = False
    fields = [
        "at",
        "kind",
        "user",
        "username",
        "partnership",
        "path",
        "detail",
        "status_code",
        "ip_address",
        "user_agent",
    ]
    readonly_fields = fields

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        if term.startswith("/"):
            return queryset.filter(path__startswith=term), False
        try:
            address = ipaddress.ip_address(term)
        except ValueError:
            return queryset.filter(username=term), False
        return queryset.filter(ip_address=str(address)), False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
