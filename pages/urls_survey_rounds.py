"""Survey rounds, their agencies' links, closing and publishing, withholding an answer: pages/views/survey_rounds.py."""

from django.urls import path  # noqa: F401

urlpatterns = []
