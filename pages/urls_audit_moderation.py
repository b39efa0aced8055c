"""Moderating a round's cases, its findings and publishing it: pages/views/audit_moderation.py."""

from django.urls import path

from pages.views import audit_moderation as views

urlpatterns = [
    path("<int:round_pk>/cases/<int:case_pk>/moderate/", views.case_moderate, name="audit_case_moderate"),
    path("<int:round_pk>/findings/new/", views.finding_create, name="audit_finding_create"),
    path("<int:round_pk>/findings/<int:finding_pk>/edit/", views.finding_edit, name="audit_finding_edit"),
    path("<int:round_pk>/findings/<int:finding_pk>/act/", views.finding_act, name="audit_finding_act"),
    path("<int:round_pk>/publish/", views.round_publish, name="audit_round_publish"),
]
