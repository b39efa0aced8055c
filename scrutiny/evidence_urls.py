"""Evidence register URLs, mounted under /partnerships/<slug>/evidence/."""

from django.urls import path

from scrutiny.views import evidence

urlpatterns = [
    path("", evidence.evidence_list, name="evidence_list"),
    path("new/", evidence.evidence_create, name="evidence_create"),
    path("<int:evidence_pk>/", evidence.evidence_detail, name="evidence_detail"),
    path("<int:evidence_pk>/edit/", evidence.evidence_edit, name="evidence_edit"),
    path("<int:evidence_pk>/withdraw/", evidence.evidence_withdraw, name="evidence_withdraw"),
    path("<int:evidence_pk>/grade/", evidence.evidence_grade, name="evidence_grade"),
    path(
        "<int:evidence_pk>/attachments/<int:attachment_pk>/",
        evidence.attachment_download,
        name="attachment_download",
    ),
]
