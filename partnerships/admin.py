from django.contrib import admin

from partnerships.models import Agency, Membership, Partnership


class AgencyInline(admin.TabularInline):
    model = Agency
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "area", "framework"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "area"]
    inlines = [AgencyInline, MembershipInline]


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
