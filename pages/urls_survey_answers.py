"""The anonymous answer pages a survey link opens (no account): pages/views/survey_answers.py."""

from django.urls import path  # noqa: F401

urlpatterns = []
