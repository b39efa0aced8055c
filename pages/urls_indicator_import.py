"""Importing indicator values from spreadsheets: pages/views/indicator_import.py."""

from django.urls import path

from pages.views import indicator_import as views

urlpatterns = [
    path("", views.indicator_import, name="indicator_import"),
    path("map/", views.indicator_import_map, name="indicator_import_map"),
    path("template.<str:fmt>", views.indicator_import_template, name="indicator_import_template"),
]
