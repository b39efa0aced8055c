"""Survey rounds, their agencies' links, closing and publishing, withholding an answer: pages/views/survey_rounds.py."""

from django.urls import path

from pages.views import survey_rounds as views

ROUND = "<int:round_pk>/"

urlpatterns = [
    path("", views.survey_round_list, name="survey_round_list"),
    path("new/", views.survey_round_create, name="survey_round_create"),
    path(ROUND, views.survey_round_detail, name="survey_round_detail"),
    path(f"{ROUND}edit/", views.survey_round_edit, name="survey_round_edit"),
    path(f"{ROUND}links/<int:link_pk>/revoke/", views.survey_link_revoke, name="survey_link_revoke"),
    path(f"{ROUND}links/new/<int:agency_pk>/", views.survey_link_create, name="survey_link_create"),
    path(f"{ROUND}close/", views.survey_round_close, name="survey_round_close"),
    path(f"{ROUND}publish/", views.survey_round_publish, name="survey_round_publish"),
    path(f"{ROUND}answers/<int:answer_pk>/withhold/", views.survey_answer_withhold, name="survey_answer_withhold"),
]
