from django.contrib import admin

from recommendations.models import (
    Framework,
    LanguageGuidance,
    NationalRecommendation,
    QuestionLink,
    Recommendation,
    ReflectiveQuestion,
    Theme,
)


class QuestionLinkInline(admin.TabularInline):
    model = QuestionLink
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "publisher", "published"]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "framework"]
    list_filter = ["framework"]
    filter_horizontal = ["themes"]


@admin.register(ReflectiveQuestion)
class ReflectiveQuestionAdmin(admin.ModelAdmin):
    list_display = ["code", "audience", "text", "framework"]
    list_filter = ["framework", "audience"]
    inlines = [QuestionLinkInline]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "title", "framework"]
    list_filter = ["framework", "kind"]


@admin.register(NationalRecommendation)
class NationalRecommendationAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "framework"]


@admin.register(LanguageGuidance)
class LanguageGuidanceAdmin(admin.ModelAdmin):
    list_display = ["code", "phrases", "source", "framework"]
