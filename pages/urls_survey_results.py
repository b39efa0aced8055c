"""A survey round's results, their export, making them evidence, feeding indicators: pages/views/survey_results.py."""

from django.urls import path

from pages.views import survey_results as views

urlpatterns = [
    path("<int:round_pk>/results/", views.survey_round_results, name="survey_round_results"),
    path("<int:round_pk>/results.csv", views.survey_round_results_export, name="survey_round_results_export"),
    path("<int:round_pk>/evidence/", views.survey_round_evidence, name="survey_round_evidence"),
    path("<int:round_pk>/indicators/", views.survey_round_indicators, name="survey_round_indicators"),
]
