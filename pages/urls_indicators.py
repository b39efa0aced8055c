"""The partnership's indicators and their values: pages/views/indicators.py."""

from django.urls import path

from pages.views import indicators

urlpatterns = [
    path("", indicators.indicator_list, name="indicator_list"),
    path("new/", indicators.indicator_create, name="indicator_create"),
    path("<int:indicator_pk>/", indicators.indicator_detail, name="indicator_detail"),
    path("<int:indicator_pk>/edit/", indicators.indicator_edit, name="indicator_edit"),
    path("<int:indicator_pk>/values/new/", indicators.value_create, name="indicator_value_create"),
    path("<int:indicator_pk>/values/<int:value_pk>/edit/", indicators.value_edit, name="indicator_value_edit"),
    path("<int:indicator_pk>/target/", indicators.target_edit, name="indicator_target"),
]
