"""The anonymous answer pages a survey link opens (no account): pages/views/survey_answers.py."""

from django.urls import path

from pages.views import survey_answers

urlpatterns = [
    path("<str:token>/", survey_answers.survey_answer, name="survey_answer"),
    path("<str:token>/thanks/", survey_answers.survey_answer_thanks, name="survey_answer_thanks"),
]
