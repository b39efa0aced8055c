"""Spreadsheet import and export URLs, mounted under /partnerships/<slug>/."""

from django.urls import path

from scrutiny.views import transfer

urlpatterns = [
    path("actions/export.<str:fmt>", transfer.action_export, name="action_export"),
    path("actions/import/", transfer.action_import, name="action_import"),
    path("actions/import/template.<str:fmt>", transfer.action_import_template, name="action_import_template"),
    path("evidence/export.<str:fmt>", transfer.evidence_export, name="evidence_export"),
]
